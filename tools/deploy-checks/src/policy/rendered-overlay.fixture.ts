import { renderKustomization } from '../manifests/kustomize.runner';
import type {
  IContainer,
  IDeployment,
  IHorizontalPodAutoscaler,
  IPodSpec,
  IScaledObject,
  K8sObject,
} from '../manifests/k8s-object.model';

const cache = new Map<string, readonly K8sObject[]>();

/** A fresh, mutable copy of a rendered overlay, for tests that break one thing in it. */
export function renderedOverlay(overlay: string): K8sObject[] {
  let objects = cache.get(overlay);
  if (objects === undefined) {
    const result = renderKustomization(`k8s/overlays/${overlay}`);
    if (!result.ok) throw new Error(result.error);
    objects = result.objects;
    cache.set(overlay, objects);
  }
  return structuredClone([...objects]);
}

function find<T>(objects: readonly K8sObject[], kind: string, name: string): T {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (found === undefined) throw new Error(`no ${kind}/${name}`);
  return found as unknown as T;
}

export const podOf = (objects: readonly K8sObject[], name: string): IPodSpec => {
  const pod = find<IDeployment>(objects, 'Deployment', name).spec?.template.spec;
  if (pod === undefined) throw new Error(`Deployment/${name} has no pod spec`);
  return pod;
};

export const containerOf = (objects: readonly K8sObject[], name: string): IContainer => {
  const container = podOf(objects, name).containers[0];
  if (container === undefined) throw new Error(`Deployment/${name} has no container`);
  return container;
};

export const deploymentOf = (objects: readonly K8sObject[], name: string): IDeployment =>
  find<IDeployment>(objects, 'Deployment', name);

export const scaledObjectOf = (objects: readonly K8sObject[], name: string): IScaledObject =>
  find<IScaledObject>(objects, 'ScaledObject', name);

export const hpaOf = (objects: readonly K8sObject[], name: string): IHorizontalPodAutoscaler =>
  find<IHorizontalPodAutoscaler>(objects, 'HorizontalPodAutoscaler', name);

/** The data of the ConfigMap a service's container reads under `name` (names carry a hash). */
export function configMapData(objects: readonly K8sObject[], name: string): Record<string, string> {
  const map = objects.find(
    (o) => o.kind === 'ConfigMap' && o.metadata.name.replace(/-[a-z0-9]{10}$/, '') === name,
  );
  if (map === undefined) throw new Error(`no ConfigMap ${name}`);
  return (map as unknown as { data: Record<string, string> }).data;
}
