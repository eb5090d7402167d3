/**
 * `npm start`: the embedded local stack, the contract topics and schema subjects, and the four
 * services built and running as separate processes on their default ports. Every endpoint can be
 * overridden with the services' environment variables (see the README). Ctrl-C stops the
 * services gracefully, then the stack's servers if this command started them.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_ENDPOINTS } from '@rtml/config';
import { describeError } from '@rtml/errors';
import { AvroSerde, TopicAdmin, createKafkaClient, provisionContracts } from '@rtml/kafka';
import { ensureStackUp, stopStack } from '@rtml/local-stack';
import { createLogger } from '@rtml/observability';

const ROOT = join(__dirname, '..');
const SERVICES = [
  { name: 'ingest', port: 3001 },
  { name: 'features', port: 3002 },
  { name: 'scoring', port: 3003 },
  { name: 'actions', port: 3004 },
] as const;

/** KafkaJS 2.2.4 arms a negative timer on Node 24 (tulios/kafkajs#1751): harmless, and noisy. */
const NODE_FLAGS = ['--disable-warning=TimeoutNegativeWarning'];

interface Running {
  readonly name: string;
  readonly url: string;
  readonly child: ChildProcess;
  readonly logFile: string;
}

async function main(): Promise<void> {
  const stack = await ensureStackUp();
  for (const server of stack.servers)
    console.log(`${server.server.padEnd(9)} ${server.state.padEnd(10)} ${server.url}`);
  const startedStack = stack.servers.every((server) => server.state === 'started');

  await provision(process.env['TOPIC_PREFIX'] ?? '');
  build();
  const running = SERVICES.map((service) =>
    launch(
      service.name,
      Number(process.env[`${service.name.toUpperCase()}_HTTP_PORT`] ?? service.port),
    ),
  );
  installShutdown(running, startedStack);
  await Promise.all(running.map(waitReady));

  console.log('\nrtml is running:');
  for (const service of running)
    console.log(
      `  ${service.name.padEnd(9)} ${service.url}  (health: ${service.url}/health/ready, metrics: ${service.url}/metrics, log: ${service.logFile})`,
    );
  console.log('\nCtrl-C stops everything.');
}

async function provision(prefix: string): Promise<void> {
  const logger = createLogger({ service: 'start', level: 'warn' });
  const kafka = createKafkaClient({
    brokers: (process.env['KAFKA_BROKERS'] ?? DEFAULT_ENDPOINTS.kafkaBrokers).split(','),
    clientId: 'rtml-start',
    logger,
  });
  const admin = new TopicAdmin(kafka);
  try {
    await provisionContracts(
      admin,
      new AvroSerde(process.env['SCHEMA_REGISTRY_URL'] ?? DEFAULT_ENDPOINTS.schemaRegistryUrl),
      prefix || undefined,
    );
    console.log('contracts topics and schema subjects are in place');
  } finally {
    await admin.disconnect();
  }
}

function build(): void {
  console.log('building the services...');
  const projects = SERVICES.map((service) => service.name).join(',');
  const result = spawnSync(
    'nx',
    ['run-many', '-t', 'build', `--projects=${projects}`, '--output-style=static'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, NX_DAEMON: 'false' },
    },
  );
  if (result.status !== 0) throw new Error('the build failed (run `npm run build` to see why)');
}

function launch(name: string, port: number): Running {
  const logDir = join(ROOT, '.stack', 'logs', 'services');
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(
    process.execPath,
    [...NODE_FLAGS, join(ROOT, 'services', name, 'dist', 'main.js')],
    {
      cwd: ROOT,
      env: { ...process.env, HTTP_PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  child.once('exit', (code, signal) => {
    if (!shuttingDown) console.error(`${name} exited (${signal ?? code}); see ${logFile}`);
  });
  return { name, url: `http://127.0.0.1:${port}`, child, logFile };
}

async function waitReady(service: Running): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null)
      throw new Error(
        `${service.name} exited with code ${service.child.exitCode}; see ${service.logFile}`,
      );
    const ready = await fetch(`${service.url}/health/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${service.name} was not ready within 60 s; see ${service.logFile}`);
}

let shuttingDown = false;

function installShutdown(running: readonly Running[], stopServers: boolean): void {
  const shutdown = async () => {
    if (shuttingDown) return;
    shuttingDown = true;
    console.log('\nstopping the services...');
    await Promise.all(running.map(stopChild));
    if (stopServers) {
      console.log('stopping the local stack...');
      await stopStack();
    } else {
      console.log(
        'the local stack was already running before `npm start`: left running (`npm run infra:down` stops it)',
      );
    }
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

function stopChild(service: Running): Promise<void> {
  if (service.child.exitCode !== null || service.child.signalCode !== null)
    return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => service.child.kill('SIGKILL'), 30_000);
    service.child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    service.child.kill('SIGTERM');
  });
}

main().catch((error: unknown) => {
  console.error(`npm start failed: ${describeError(error)}`);
  process.exit(1);
});
