import { SERVICE_IDS } from '@rtml/contracts';
import type { ServiceId } from '@rtml/contracts';
import { containerEnvironment } from '../manifests/pod-environment';
import { ofKind } from '../manifests/k8s-object.model';
import type { IDeployment, K8sObject } from '../manifests/k8s-object.model';

/**
 * The endpoints each service reads. Their code defaults are the laptop's local stack
 * (127.0.0.1), useless in a pod, so every overlay must set them (an empty DYNAMODB_ENDPOINT or
 * S3_ENDPOINT is a value: AWS itself). A spec checks each name against the service's config file.
 */
export const REQUIRED_ENDPOINTS: { readonly [Service in ServiceId]: readonly string[] } = {
  ingest: ['KAFKA_BROKERS', 'SCHEMA_REGISTRY_URL'],
  features: ['KAFKA_BROKERS', 'SCHEMA_REGISTRY_URL', 'REDIS_URL'],
  scoring: ['KAFKA_BROKERS', 'SCHEMA_REGISTRY_URL', 'S3_ENDPOINT'],
  actions: ['KAFKA_BROKERS', 'SCHEMA_REGISTRY_URL', 'DYNAMODB_ENDPOINT'],
};

/** Every service of a rendered overlay gets all its endpoints from its ConfigMaps. */
export function environmentProblems(overlay: string, objects: readonly K8sObject[]): string[] {
  const problems: string[] = [];
  for (const deployment of ofKind<IDeployment>(objects, 'Deployment')) {
    const service = SERVICE_IDS.find((id) => id === deployment.metadata?.name);
    const container = deployment.spec?.template.spec?.containers[0];
    if (service === undefined || container === undefined) continue;
    const env = containerEnvironment(container, objects);
    for (const name of REQUIRED_ENDPOINTS[service])
      if (!env.has(name))
        problems.push(
          `${overlay}: ${service} gets no ${name}, so it would use its local-stack default (127.0.0.1)`,
        );
  }
  return problems;
}
