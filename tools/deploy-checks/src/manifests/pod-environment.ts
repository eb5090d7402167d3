import { ofKind } from './k8s-object.model';
import type { IConfigMap, IContainer, K8sObject } from './k8s-object.model';

/**
 * The environment a container gets from the rendered objects: ConfigMaps named in `envFrom`
 * (later sources win, as in Kubernetes), then `env` values. Secrets are not known here (their
 * values are never committed): a variable only a Secret provides is absent.
 */
export function containerEnvironment(
  container: IContainer,
  objects: readonly K8sObject[],
): Map<string, string> {
  const configMaps = new Map(
    ofKind<IConfigMap>(objects, 'ConfigMap').map((map) => [map.metadata?.name, map.data ?? {}]),
  );
  const env = new Map<string, string>();
  for (const source of container.envFrom ?? []) {
    const data = source.configMapRef ? configMaps.get(source.configMapRef.name) : undefined;
    for (const [key, value] of Object.entries(data ?? {}))
      env.set(`${source.prefix ?? ''}${key}`, value);
  }
  for (const variable of container.env ?? [])
    if (variable.value !== undefined) env.set(variable.name, variable.value);
  return env;
}

/** A memory quantity (`512Mi`, `1Gi`, `1G`, `536870912`) in bytes; NaN when unreadable. */
export function bytesOf(quantity: string | number | undefined): number {
  if (typeof quantity === 'number') return quantity;
  const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(quantity ?? '');
  if (!match) return Number.NaN;
  const unit = match[2] ?? '';
  const factor: Record<string, number> = {
    '': 1,
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
  };
  return Number(match[1]) * (factor[unit] ?? Number.NaN);
}
