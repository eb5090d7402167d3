import { ofKind } from '../manifests/k8s-object.model';
import type { IDeployment, K8sObject } from '../manifests/k8s-object.model';

/** The parts of a NetworkPolicy the rules read (kubernetes-models' types are ES modules). */
interface NetworkPolicy {
  readonly metadata: { readonly name: string };
  readonly spec?: {
    readonly podSelector?: {
      readonly matchLabels?: Readonly<Record<string, string>>;
      readonly matchExpressions?: readonly unknown[];
    };
    readonly policyTypes?: readonly string[];
    readonly ingress?: readonly { readonly from?: readonly unknown[] }[];
  };
}

/** The Secret each Deployment must read its keys from (envFrom, not optional). */
export const KEY_SECRETS: Readonly<Record<string, string>> = Object.freeze({
  ingest: 'ingest',
  actions: 'actions',
});

/** ConfigMap keys that look like key material (a `_FILE` path to a mounted secret is fine). */
const SECRET_LOOKING = /(SECRET|PASSWORD|API_KEYS?|TOKEN)$/i;

const selectsAll = (policy: NetworkPolicy): boolean => {
  const selector = policy.spec?.podSelector ?? {};
  return (
    Object.keys(selector.matchLabels ?? {}).length === 0 &&
    (selector.matchExpressions ?? []).length === 0
  );
};

const limitsIngress = (policy: NetworkPolicy): boolean =>
  (policy.spec?.policyTypes ?? []).includes('Ingress');

function selects(policy: NetworkPolicy, labels: Readonly<Record<string, string>>): boolean {
  const wanted = policy.spec?.podSelector?.matchLabels ?? {};
  return Object.entries(wanted).every(([key, value]) => labels[key] === value);
}

/**
 * The network and secret rules of an overlay: ingress denied by default to every pod; each
 * Deployment admitted only from named peers by a policy of its own (a rule without `from` admits
 * the whole cluster); the key-holding services reading their Secret; no key material in a
 * ConfigMap.
 */
export function networkProblems(overlay: string, objects: readonly K8sObject[]): string[] {
  const problems: string[] = [];
  const policies = ofKind<NetworkPolicy>(objects, 'NetworkPolicy');
  const denyAll = policies.some(
    (p) => selectsAll(p) && limitsIngress(p) && (p.spec?.ingress ?? []).length === 0,
  );
  if (!denyAll)
    problems.push(`${overlay}: no NetworkPolicy denies ingress to every pod by default`);
  for (const policy of policies) {
    (policy.spec?.ingress ?? []).forEach((rule, index) => {
      if ((rule.from ?? []).length === 0)
        problems.push(
          `${overlay}: NetworkPolicy ${policy.metadata.name} rule ${index} admits every source (no from)`,
        );
    });
  }
  for (const deployment of ofKind<IDeployment>(objects, 'Deployment')) {
    const name = deployment.metadata?.name ?? '?';
    const labels = deployment.spec?.template.metadata?.labels ?? {};
    const own = policies.filter((p) => !selectsAll(p) && limitsIngress(p) && selects(p, labels));
    if (own.length === 0)
      problems.push(`${overlay}: no NetworkPolicy of its own admits the callers of ${name}`);
    const secret = KEY_SECRETS[name];
    if (secret === undefined) continue;
    const refs = (deployment.spec?.template.spec?.containers ?? []).flatMap((c) => c.envFrom ?? []);
    const required = refs.some(
      (ref) => ref.secretRef?.name === secret && ref.secretRef.optional !== true,
    );
    if (!required)
      problems.push(`${overlay}: ${name} does not require its keys from Secret ${secret}`);
  }
  for (const map of objects.filter((o) => o.kind === 'ConfigMap')) {
    const data = (map as unknown as { data?: Record<string, string> }).data ?? {};
    for (const key of Object.keys(data).filter((k) => SECRET_LOOKING.test(k)))
      problems.push(
        `${overlay}: ConfigMap ${map.metadata.name} holds ${key}: keys belong in a Secret`,
      );
  }
  return problems;
}
