import { bytesOf, containerEnvironment } from '../manifests/pod-environment';
import { ofKind } from '../manifests/k8s-object.model';
import type { IContainer, IDeployment, IPodSpec, K8sObject } from '../manifests/k8s-object.model';

/** The probes every service container has, and the endpoint each must call. */
export const EXPECTED_PROBES = {
  startupProbe: { label: 'startup', path: '/health/live' },
  readinessProbe: { label: 'readiness', path: '/health/ready' },
  livenessProbe: { label: 'liveness', path: '/health/live' },
} as const;

/** Margin between the end of a graceful shutdown and the kubelet's SIGKILL. */
export const GRACE_MARGIN_SECONDS = 5;
/** The share of the memory limit the V8 heap may take (the rest: buffers, native code). */
export const MAX_HEAP_SHARE = 0.8;

function probeProblems(who: string, container: IContainer): string[] {
  const ports = new Set<string | number>(
    (container.ports ?? []).flatMap((p) => [p.containerPort, ...(p.name ? [p.name] : [])]),
  );
  return Object.entries(EXPECTED_PROBES).flatMap(([field, expected]) => {
    const probe = container[field as keyof typeof EXPECTED_PROBES];
    if (!probe) return [`${who} has no ${expected.label} probe`];
    const get = probe.httpGet;
    if (!get) return [`${who}'s ${expected.label} probe is not an HTTP GET on ${expected.path}`];
    const problems: string[] = [];
    if (get.path !== expected.path)
      problems.push(
        `${who}'s ${expected.label} probe path is ${get.path ?? '(none)'}, expected ${expected.path}`,
      );
    if (!ports.has(get.port))
      problems.push(
        `${who}'s ${expected.label} probe targets port ${get.port}, which the container does not declare`,
      );
    return problems;
  });
}

function securityProblems(who: string, pod: IPodSpec, container: IContainer): string[] {
  const problems: string[] = [];
  const context = container.securityContext ?? {};
  const nonRoot = context.runAsNonRoot ?? pod.securityContext?.runAsNonRoot;
  const user = context.runAsUser ?? pod.securityContext?.runAsUser;
  if (nonRoot !== true) problems.push(`${who} does not set runAsNonRoot: true`);
  if (user === 0) problems.push(`${who} runs as uid 0`);
  if (context.readOnlyRootFilesystem !== true)
    problems.push(`${who} has a writable root filesystem`);
  if (context.allowPrivilegeEscalation !== false)
    problems.push(`${who} allows privilege escalation`);
  if (!(context.capabilities?.drop ?? []).includes('ALL'))
    problems.push(`${who} does not drop ALL capabilities`);
  return problems;
}

function resourceProblems(who: string, container: IContainer): string[] {
  const { requests = {}, limits = {} } = container.resources ?? {};
  return [
    ...['cpu', 'memory']
      .filter((r) => requests[r] === undefined)
      .map((r) => `${who} has no ${r} request`),
    ...['cpu', 'memory']
      .filter((r) => limits[r] === undefined)
      .map((r) => `${who} has no ${r} limit`),
  ];
}

export function imageProblems(who: string, image: string | undefined): string[] {
  if (!image) return [`${who} has no image`];
  if (image.includes('@sha256:')) return [];
  const tag = /:([^/:]+)$/.exec(image)?.[1];
  if (tag === undefined) return [`${who}'s image ${image} has no tag (it would mean latest)`];
  return tag === 'latest' ? [`${who}'s image ${image} uses the latest tag`] : [];
}

function shutdownProblems(
  who: string,
  pod: IPodSpec,
  container: IContainer,
  env: Map<string, string>,
): string[] {
  const sleep = container.lifecycle?.preStop?.exec?.command;
  const preStop = sleep?.[0] === 'sleep' ? Number(sleep[1]) : Number.NaN;
  if (Number.isNaN(preStop))
    return [`${who} has no preStop sleep (endpoints must drain before SIGTERM)`];
  const shutdownSeconds = Number(env.get('SHUTDOWN_TIMEOUT_MS') ?? 25_000) / 1000;
  const grace = pod.terminationGracePeriodSeconds ?? 30;
  const needed = preStop + shutdownSeconds + GRACE_MARGIN_SECONDS;
  return grace < needed
    ? [
        `${who}'s terminationGracePeriodSeconds is ${grace}, below preStop ${preStop} s + SHUTDOWN_TIMEOUT_MS ${shutdownSeconds} s + ${GRACE_MARGIN_SECONDS} s margin = ${needed}`,
      ]
    : [];
}

function heapProblems(who: string, container: IContainer, env: Map<string, string>): string[] {
  const heapMiB = /--max-old-space-size=(\d+)/.exec(env.get('NODE_OPTIONS') ?? '')?.[1];
  if (heapMiB === undefined)
    return [`${who} does not cap the V8 heap (NODE_OPTIONS=--max-old-space-size)`];
  const limit = bytesOf(container.resources?.limits?.['memory']);
  const share = (Number(heapMiB) * 2 ** 20) / limit;
  return share > MAX_HEAP_SHARE
    ? [
        `${who}'s heap cap ${heapMiB} MiB is ${Math.round(share * 100)} % of its memory limit, above ${MAX_HEAP_SHARE * 100} %`,
      ]
    : [];
}

/**
 * Policy for every Deployment of a rendered overlay: the three probes on the real endpoints,
 * requests and limits, non-root and locked down, a pinned image, a shutdown that fits the grace
 * period, and a heap that fits the memory limit. Jobs and CronJobs get the image, resource and
 * security rules.
 */
export function workloadProblems(overlay: string, objects: readonly K8sObject[]): string[] {
  const problems: string[] = [];
  for (const deployment of ofKind<IDeployment>(objects, 'Deployment')) {
    const pod = deployment.spec?.template.spec ?? { containers: [] };
    for (const container of pod.containers) {
      const who = `${overlay}: ${deployment.metadata?.name}`;
      const env = containerEnvironment(container, objects);
      problems.push(
        ...probeProblems(who, container),
        ...resourceProblems(who, container),
        ...securityProblems(who, pod, container),
        ...imageProblems(who, container.image),
        ...shutdownProblems(who, pod, container, env),
        ...heapProblems(who, container, env),
      );
    }
  }
  for (const job of objects.filter((o) => o.kind === 'Job' || o.kind === 'CronJob')) {
    type PodTemplate = { template?: { spec?: IPodSpec } };
    const spec = (
      job as unknown as { spec?: PodTemplate & { jobTemplate?: { spec?: PodTemplate } } }
    ).spec;
    const pod =
      job.kind === 'CronJob' ? spec?.jobTemplate?.spec?.template?.spec : spec?.template?.spec;
    for (const container of pod?.containers ?? []) {
      const who = `${overlay}: ${job.kind === 'CronJob' ? 'cronjob' : 'job'} ${job.metadata.name}`;
      problems.push(
        ...resourceProblems(who, container),
        ...securityProblems(who, pod ?? { containers: [] }, container),
        ...imageProblems(who, container.image),
      );
    }
  }
  return problems;
}
