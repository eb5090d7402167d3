import * as fs from 'node:fs';
import type { ArtifactModule } from './artifacts.fetch';
import { SERVER_ARTIFACT, fetchArtifacts, missingArtifacts } from './artifacts.fetch';
import { pollUntil } from './deadline.helpers';
import { isServerHealthy } from './health.probes';
import { isScramUserApplied } from './kafka-scram.users';
import { isAlive, launchDetached } from './process.control';
import { findOwnedPid } from './process.ownership';
import { listeningPorts } from './port.probe';
import type { StackTools } from './server.plans';
import { launchPlan } from './server.plans';
import { deleteRedisState, ensureKafkaScramUser, prepareServer } from './server.prepare';
import { planStackStart } from './stack-start.plan';
import { stopServer } from './stack.down';
import type { ServerName } from './stack.config';
import {
  PROBE_TIMEOUT_MS,
  SERVER_NAMES,
  SERVER_PORTS,
  SERVER_URLS,
  START_TIMEOUT_MS,
} from './stack.config';
import { StackError, oneLine } from './stack.error';
import type { StackPaths } from './stack.paths';
import { dataDir, ensureStackDirs, logFile, pidFile, stackPaths } from './stack.paths';
import { requireJava, requireTool } from './tools.preflight';

export interface ServerUpReport {
  readonly server: ServerName;
  readonly state: 'started' | 'already-up';
  readonly url: string;
  readonly pid: number;
  readonly logFile: string;
  /** Time from launch (or from finding it running) until its health check answered. */
  readonly seconds: number;
}

export interface StackUpReport {
  readonly servers: readonly ServerUpReport[];
  /** Artifact modules this call fetched with Maven (empty when all were present). */
  readonly fetched: readonly ArtifactModule[];
  readonly seconds: number;
}

export interface StackUpOptions {
  readonly paths?: StackPaths;
  readonly servers?: readonly ServerName[];
}

const elapsed = (since: number): number => Math.round((Date.now() - since) / 100) / 10;

/** Fails before anything starts if a port we need is held by a process that is not ours. */
async function assertPortsFree(servers: readonly ServerName[]): Promise<void> {
  const taken = await Promise.all(
    servers.map(async (server) =>
      (await listeningPorts(SERVER_PORTS[server])).map((port) => `${port} (${server})`),
    ),
  );
  const conflicts = taken.flat();
  if (conflicts.length === 0) return;
  const first = conflicts[0]?.split(' ')[0] ?? '';
  const ports =
    conflicts.length === 1 ? `port ${conflicts[0]} is` : `ports ${conflicts.join(', ')} are`;
  throw new StackError(
    'PORT_TAKEN',
    `${ports} already in use by a process that is not part of this stack; stop it or free the port (ss -ltnp 'sport = :${first}')`,
  );
}

/** Servers that are not JVMs; every other one needs Java 17+. */
const NATIVE_SERVERS: readonly ServerName[] = ['redis', 'registry-proxy'];

async function resolveTools(servers: readonly ServerName[]): Promise<StackTools> {
  const needsJava = servers.some((server) => !NATIVE_SERVERS.includes(server));
  const java = needsJava ? await requireJava() : 'java';
  const redisServer = servers.includes('redis') ? requireTool('redis-server') : 'redis-server';
  const nginx = servers.includes('registry-proxy') ? requireTool('nginx') : 'nginx';
  return { java, redisServer, nginx };
}

function lastLogLine(file: string): string {
  try {
    const lines = fs.readFileSync(file, 'utf8').slice(-4_096).split('\n');
    return (
      lines
        .reverse()
        .find((line) => line.trim() !== '')
        ?.trim() ?? '(empty log)'
    );
  } catch {
    return '(no log)';
  }
}

/** Polls the real health check until it answers; fails fast if the process dies meanwhile. */
async function awaitHealthy(server: ServerName, pid: number, paths: StackPaths): Promise<void> {
  let exited = false;
  const healthy = await pollUntil(
    async () => {
      exited = !isAlive(pid);
      return !exited && (await isServerHealthy(server, PROBE_TIMEOUT_MS));
    },
    { timeoutMs: START_TIMEOUT_MS[server], intervalMs: 500 },
  );
  if (healthy) return;
  const log = logFile(paths, server);
  if (exited)
    throw new StackError(
      'START_FAILED',
      `${server} exited during start-up: ${lastLogLine(log)} (log: ${log})`,
    );
  throw new StackError(
    'START_TIMEOUT',
    `${server} (pid ${pid}) did not answer within ${START_TIMEOUT_MS[server] / 1000} s (log: ${log})`,
  );
}

async function bringUp(
  server: ServerName,
  paths: StackPaths,
  tools: StackTools,
): Promise<ServerUpReport> {
  const started = Date.now();
  const owned = findOwnedPid(pidFile(paths, server), paths.root);
  let pid = owned;
  if (pid === undefined) {
    await prepareServer(server, paths, tools);
    pid = await launchDetached(
      launchPlan(server, paths, tools),
      logFile(paths, server),
      pidFile(paths, server),
    );
  }
  await awaitHealthy(server, pid, paths);
  if (server === 'kafka') await ensureKafkaScramUser(paths, tools);
  const state = owned === undefined ? 'started' : 'already-up';
  return {
    server,
    state,
    url: SERVER_URLS[server],
    pid,
    logFile: logFile(paths, server),
    seconds: elapsed(started),
  };
}

/** Fetches, with Maven, the artifacts of `servers` that are missing. */
async function fetchMissing(
  paths: StackPaths,
  servers: readonly ServerName[],
): Promise<ArtifactModule[]> {
  const modules = servers
    .map((server) => SERVER_ARTIFACT[server])
    .filter((m): m is ArtifactModule => m !== undefined);
  if (missingArtifacts(paths, modules).length === 0) return [];
  return fetchArtifacts(paths, modules, requireTool('mvn'));
}

/**
 * Makes every server answer: servers of ours that run are left alone (and waited for if still
 * starting), the others are started in parallel, detached. Idempotent. When DynamoDB Local
 * starts (with no tables), Redis starts empty with it, restarted if it runs (planStackStart).
 * Throws StackError with a one-line cause (tool missing, port held by a stranger, fetch failed,
 * server failed to start).
 */
export async function ensureStackUp(options: StackUpOptions = {}): Promise<StackUpReport> {
  const started = Date.now();
  const paths = options.paths ?? stackPaths();
  const requested = options.servers ?? SERVER_NAMES;
  ensureStackDirs(paths);
  const running = SERVER_NAMES.filter(
    (server) => findOwnedPid(pidFile(paths, server), paths.root) !== undefined,
  );
  const plan = planStackStart(requested, running);
  await assertPortsFree(plan.start.filter((server) => !plan.restart.includes(server)));
  const scramPending = requested.includes('kafka') && !isScramUserApplied(paths);
  const tools = await resolveTools(scramPending ? [...plan.start, 'kafka'] : plan.start);
  const fetched = await fetchMissing(paths, plan.start);
  for (const server of plan.restart) await stopServer(server, paths);
  // Redis is stopped by now: either it did not run, or it was just stopped to restart.
  if (plan.resetRedisState) deleteRedisState(dataDir(paths, 'redis'));
  const servers = SERVER_NAMES.filter(
    (server) => requested.includes(server) || plan.restart.includes(server),
  );
  const results = await Promise.allSettled(servers.map((server) => bringUp(server, paths, tools)));
  const failures = results.flatMap((result) =>
    result.status === 'rejected' ? [oneLine(result.reason)] : [],
  );
  if (failures.length > 0) {
    const error = results.find((result) => result.status === 'rejected');
    const code =
      error?.status === 'rejected' && error.reason instanceof StackError
        ? error.reason.code
        : 'START_FAILED';
    throw new StackError(code, failures.join('; '));
  }
  const reports = results.flatMap((result) =>
    result.status === 'fulfilled' ? [result.value] : [],
  );
  return { servers: reports, fetched, seconds: elapsed(started) };
}
