import { allServiceFacts } from '../agreement/service-facts';
import { k8sAgreementProblems } from '../agreement/k8s-agreement.rules';
import { environmentProblems } from '../policy/environment.rules';
import { scalingProblems } from '../policy/scaling.rules';
import { workloadProblems } from '../policy/workload.rules';
import { OVERLAYS } from '../workspace/workspace.paths';
import type { K8sObject } from './k8s-object.model';
import { renderKustomization } from './kustomize.runner';
import { schemaProblems } from './schema-validation.runner';

const KUSTOMIZATIONS = ['k8s/base', ...OVERLAYS.map((overlay) => `k8s/overlays/${overlay}`)];
const rendered = new Map<string, readonly K8sObject[]>();

function objectsOf(dir: string): readonly K8sObject[] {
  const objects = rendered.get(dir);
  if (objects === undefined) throw new Error(`${dir} did not render (see the kustomize test)`);
  return objects;
}

describe('Kubernetes manifests (k8s/)', () => {
  beforeAll(() => {
    for (const dir of KUSTOMIZATIONS) {
      const result = renderKustomization(dir);
      if (result.ok) rendered.set(dir, result.objects);
    }
  });

  it('has a dev and a prod overlay', () => {
    expect(OVERLAYS).toEqual(expect.arrayContaining(['dev', 'prod']));
  });

  it.each(KUSTOMIZATIONS)('kubectl kustomize builds %s', (dir) => {
    const result = renderKustomization(dir);
    expect(result.ok ? 'built' : result.error).toBe('built');
  });

  it('renders objects that all validate against the Kubernetes and KEDA schemas', () => {
    const all = KUSTOMIZATIONS.flatMap((dir) => objectsOf(dir));
    expect(schemaProblems(all)).toEqual([]);
  }, 30_000);

  it.each(OVERLAYS)(
    'gives every container of %s probes on the real endpoints, resources, a locked-down non-root user, a pinned image and a shutdown that fits',
    (overlay) => {
      expect(workloadProblems(overlay, objectsOf(`k8s/overlays/${overlay}`))).toEqual([]);
    },
  );

  it.each(OVERLAYS)(
    'scales every service of %s within its partitions, on its consumer group and topics',
    (overlay) => {
      expect(scalingProblems(overlay, objectsOf(`k8s/overlays/${overlay}`))).toEqual([]);
    },
  );

  it.each(OVERLAYS)('sets every endpoint each service of %s needs', (overlay) => {
    expect(environmentProblems(overlay, objectsOf(`k8s/overlays/${overlay}`))).toEqual([]);
  });

  it.each(KUSTOMIZATIONS)('runs in %s the images and ports the services declare', (dir) => {
    const exactTag = dir === 'k8s/base';
    expect(k8sAgreementProblems(dir, objectsOf(dir), allServiceFacts(), exactTag)).toEqual([]);
  });
});
