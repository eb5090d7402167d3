// Kubernetes and KEDA types from kubernetes-models, types only: the packages are ES modules
// that Jest's CommonJS runtime cannot load, so only schema-validate.cli.ts (a child process)
// loads their code.
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap' with {
  'resolution-mode': 'import',
};
import type { IContainer } from 'kubernetes-models/v1/Container' with {
  'resolution-mode': 'import',
};
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec' with { 'resolution-mode': 'import' };
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment' with {
  'resolution-mode': 'import',
};
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler' with {
  'resolution-mode': 'import',
};
import type { IScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject' with {
  'resolution-mode': 'import',
};

export type {
  IConfigMap,
  IContainer,
  IDeployment,
  IHorizontalPodAutoscaler,
  IPodSpec,
  IScaledObject,
};

/** Any rendered object: what every manifest has, the rest unknown until its kind is known. */
export interface K8sObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
  };
  readonly [field: string]: unknown;
}

/** The objects of one kind, typed as that kind (the caller names the kind it expects). */
export function ofKind<T>(objects: readonly K8sObject[], kind: string): T[] {
  return objects.filter((object) => object.kind === kind) as unknown as T[];
}

/** Whether a parsed YAML document looks like a Kubernetes object. */
export function isK8sObject(value: unknown): value is K8sObject {
  if (typeof value !== 'object' || value === null) return false;
  const { apiVersion, kind, metadata } = value as Record<string, unknown>;
  return (
    typeof apiVersion === 'string' &&
    typeof kind === 'string' &&
    typeof metadata === 'object' &&
    metadata !== null &&
    typeof (metadata as Record<string, unknown>)['name'] === 'string'
  );
}
