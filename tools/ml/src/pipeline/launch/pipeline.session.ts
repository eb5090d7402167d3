import { spawnSync } from 'node:child_process';
import { DEFAULT_ENDPOINTS } from '@rtml/config';
import { AvroSerde, TopicAdmin, createKafkaClient, provisionContracts } from '@rtml/kafka';
import { ensureStackUp, stopStack } from '@rtml/local-stack';
import { createLogger } from '@rtml/observability';
import { ensureDefaultModel } from './default-model';
import {
  PIPELINE_SERVICES,
  isReady,
  launchService,
  stopService,
  waitReady,
} from './service.process';
import type { LaunchedService } from './service.process';
import { KEPT_STACK_NOTICE, stackOnStop } from './session-stop.plan';
import type { StartedStackPolicy } from './session-stop.plan';
import { WORKSPACE_ROOT } from './workspace.paths';

export interface PipelineEndpoints {
  readonly ingest: string;
  readonly features: string;
  readonly scoring: string;
  readonly actions: string;
}

export interface PipelineSession {
  readonly urls: PipelineEndpoints;
  /** The services this session started (not those that were already running). */
  readonly launched: readonly LaunchedService[];
  /**
   * Stops the services this session started, then the stack if it started the stack and its
   * `startedStack` policy is `stop` (with `keep` it says that the stack stays up).
   */
  stop(): Promise<void>;
}

export interface PipelineOptions {
  readonly log: (line: string) => void;
  /** Extra environment for the services this session starts. */
  readonly env?: Readonly<Record<string, string>>;
  /** What stop() does with a stack this session started (see StartedStackPolicy); default `stop`. */
  readonly startedStack?: StartedStackPolicy;
}

/**
 * Brings the whole pipeline up, reusing whatever already runs: the local stack, the contract
 * topics and subjects, a champion model (trained and promoted when the registry has none), and
 * the four services on their ports (built, then started unless one already answers there).
 */
export async function startPipeline(options: PipelineOptions): Promise<PipelineSession> {
  const { log } = options;
  const stack = await ensureStackUp();
  for (const server of stack.servers)
    log(`${server.server.padEnd(9)} ${server.state.padEnd(10)} ${server.url}`);
  const stackStartedHere = stack.servers.every((server) => server.state === 'started');
  const onStop = stackOnStop(stackStartedHere, options.startedStack ?? 'stop');
  const launched: LaunchedService[] = [];
  const stop = async () => {
    await Promise.all(launched.map((service) => stopService(service)));
    if (onStop === 'stop') await stopStack();
    if (onStop === 'keep') log(KEPT_STACK_NOTICE);
  };
  try {
    await provisionTopics(process.env['TOPIC_PREFIX'] ?? '');
    log('contract topics and schema subjects are in place');
    const model = await ensureDefaultModel(log);
    log(`model champion: version ${model.version} (${model.status})`);
    const urls = await startServices(options, launched);
    return { urls, launched, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function startServices(
  options: PipelineOptions,
  launched: LaunchedService[],
): Promise<PipelineEndpoints> {
  const urls: Record<string, string> = {};
  const missing: { name: (typeof PIPELINE_SERVICES)[number]['name']; port: number }[] = [];
  for (const service of PIPELINE_SERVICES) {
    const port = Number(process.env[`${service.name.toUpperCase()}_HTTP_PORT`] ?? service.port);
    urls[service.name] = `http://127.0.0.1:${port}`;
    if (await isReady(urls[service.name] as string))
      options.log(`${service.name} already running on ${port}`);
    else missing.push({ name: service.name, port });
  }
  if (missing.length > 0) {
    buildServices();
    for (const service of missing)
      launched.push(launchService(service.name, service.port, options.env));
    await Promise.all(launched.map((service) => waitReady(service)));
  }
  return urls as unknown as PipelineEndpoints;
}

async function provisionTopics(prefix: string): Promise<void> {
  const logger = createLogger({ service: 'pipeline', level: 'warn' });
  const admin = new TopicAdmin(
    createKafkaClient({
      brokers: (process.env['KAFKA_BROKERS'] ?? DEFAULT_ENDPOINTS.kafkaBrokers).split(','),
      clientId: 'rtml-pipeline-tools',
      logger,
    }),
  );
  try {
    await provisionContracts(
      admin,
      new AvroSerde(process.env['SCHEMA_REGISTRY_URL'] ?? DEFAULT_ENDPOINTS.schemaRegistryUrl),
      prefix || undefined,
    );
  } finally {
    await admin.disconnect();
  }
}

/** Builds the four services (Nx caches, so an unchanged tree builds in a second). */
export function buildServices(): void {
  const projects = PIPELINE_SERVICES.map((service) => service.name).join(',');
  const result = spawnSync(
    'nx',
    ['run-many', '-t', 'build', `--projects=${projects}`, '--output-style=static'],
    {
      cwd: WORKSPACE_ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, NX_DAEMON: 'false' },
    },
  );
  if (result.status !== 0) throw new Error('the build failed (run `npm run build` to see why)');
}
