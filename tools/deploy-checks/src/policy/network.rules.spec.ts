import type { K8sObject } from '../manifests/k8s-object.model';
import { configMapData, deploymentOf, renderedOverlay } from './rendered-overlay.fixture';
import { networkProblems } from './network.rules';

type Policy = { spec: { ingress?: { from?: unknown[] }[] } };
const policy = (objects: K8sObject[], name: string): Policy =>
  objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === name) as unknown as Policy;

describe('networkProblems', () => {
  let prod: K8sObject[];
  beforeEach(() => {
    prod = renderedOverlay('prod');
  });

  it.each(['dev', 'prod'])('accepts the %s overlay as committed', (overlay) => {
    expect(networkProblems(overlay, renderedOverlay(overlay))).toEqual([]);
  });

  it('refuses an overlay without the default deny', () => {
    const edited = prod.filter((o) => o.metadata.name !== 'rtml-default-deny-ingress');

    expect(networkProblems('prod', edited)).toEqual([
      'prod: no NetworkPolicy denies ingress to every pod by default',
    ]);
  });

  it('refuses a rule that admits every source, and a service no policy of its own admits', () => {
    delete policy(prod, 'ingest').spec.ingress?.[0]?.from;
    const edited = prod.filter(
      (o) => !(o.kind === 'NetworkPolicy' && o.metadata.name === 'scoring'),
    );

    expect(networkProblems('prod', edited)).toEqual([
      'prod: NetworkPolicy ingest rule 0 admits every source (no from)',
      'prod: no NetworkPolicy of its own admits the callers of scoring',
    ]);
  });

  it('refuses key material in a ConfigMap and a key Secret left optional', () => {
    configMapData(prod, 'actions')['WEBHOOK_SECRET'] = 'oops';
    const secretRef = deploymentOf(
      prod,
      'ingest',
    ).spec?.template.spec?.containers[0]?.envFrom?.find(
      (ref) => ref.secretRef?.name === 'ingest',
    )?.secretRef;
    if (secretRef) secretRef.optional = true;

    expect(networkProblems('prod', prod)).toEqual([
      'prod: ingest does not require its keys from Secret ingest',
      expect.stringMatching(
        /^prod: ConfigMap actions-\w+ holds WEBHOOK_SECRET: keys belong in a Secret$/,
      ),
    ]);
  });
});
