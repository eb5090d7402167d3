import type { K8sObject } from '../manifests/k8s-object.model';
import { configMapData, containerOf, podOf, renderedOverlay } from './rendered-overlay.fixture';
import { workloadProblems } from './workload.rules';

/** The problems an edit adds to the committed prod overlay (whatever that one has is not counted twice). */
const introduced = (edited: readonly K8sObject[]) => {
  const committed = workloadProblems('prod', renderedOverlay('prod'));
  return workloadProblems('prod', edited).filter((problem) => !committed.includes(problem));
};

describe('workloadProblems', () => {
  let prod: K8sObject[];
  beforeEach(() => {
    prod = renderedOverlay('prod');
  });

  it('accepts the prod overlay as committed', () => {
    expect(workloadProblems('prod', prod)).toEqual([]);
  });

  it('names the service and the probe whose path is not the real endpoint', () => {
    const probe = containerOf(prod, 'scoring').readinessProbe;
    if (probe?.httpGet) probe.httpGet.path = '/healthz';
    expect(introduced(prod)).toEqual([
      "prod: scoring's readiness probe path is /healthz, expected /health/ready",
    ]);
  });

  it('names a missing probe and a probe on an undeclared port', () => {
    delete containerOf(prod, 'features').livenessProbe;
    const startup = containerOf(prod, 'ingest').startupProbe;
    if (startup?.httpGet) startup.httpGet.port = 8080;
    expect(introduced(prod)).toEqual([
      'prod: features has no liveness probe',
      "prod: ingest's startup probe targets port 8080, which the container does not declare",
    ]);
  });

  it('refuses a container without limits, running as root, or on the latest tag', () => {
    const actions = containerOf(prod, 'actions');
    delete actions.resources?.limits;
    actions.securityContext = {
      ...actions.securityContext,
      runAsUser: 0,
      readOnlyRootFilesystem: false,
    };
    actions.image = 'registry.example.com/rtml/actions:latest';
    expect(introduced(prod)).toEqual([
      'prod: actions has no cpu limit',
      'prod: actions has no memory limit',
      'prod: actions runs as uid 0',
      'prod: actions has a writable root filesystem',
      "prod: actions's image registry.example.com/rtml/actions:latest uses the latest tag",
    ]);
  });

  it('holds the retrain CronJob to the image, resource and security rules', () => {
    const cronJob = prod.find((o) => o.kind === 'CronJob' && o.metadata.name === 'rtml-retrain') as
      | {
          spec: {
            jobTemplate: {
              spec: { template: { spec: { containers: Array<Record<string, unknown>> } } };
            };
          };
        }
      | undefined;
    expect(cronJob).toBeDefined();
    const container = cronJob!.spec.jobTemplate.spec.template.spec.containers[0]!;
    expect(container['image']).toBe('registry.example.com/rtml/tools:0.1.0');
    container['image'] = 'registry.example.com/rtml/tools:latest';
    delete (container['resources'] as { limits?: unknown }).limits;
    expect(introduced(prod)).toEqual([
      'prod: cronjob rtml-retrain has no cpu limit',
      'prod: cronjob rtml-retrain has no memory limit',
      "prod: cronjob rtml-retrain's image registry.example.com/rtml/tools:latest uses the latest tag",
    ]);
  });

  it('refuses a grace period shorter than preStop plus the shutdown budget', () => {
    podOf(prod, 'features').terminationGracePeriodSeconds = 30;
    expect(introduced(prod)).toEqual([
      "prod: features's terminationGracePeriodSeconds is 30, below preStop 5 s + SHUTDOWN_TIMEOUT_MS 25 s + 5 s margin = 35",
    ]);
  });

  it('refuses a heap cap that does not fit the memory limit', () => {
    configMapData(prod, 'scoring')['NODE_OPTIONS'] = '--max-old-space-size=1000';
    expect(introduced(prod)).toEqual([
      "prod: scoring's heap cap 1000 MiB is 98 % of its memory limit, above 80 %",
    ]);
  });
});
