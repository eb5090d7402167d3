import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from './workspace.paths';

/** The pipeline's services and their default HTTP ports, in pipeline order. */
export const PIPELINE_SERVICES = [
  { name: 'ingest', port: 3001 },
  { name: 'features', port: 3002 },
  { name: 'scoring', port: 3003 },
  { name: 'actions', port: 3004 },
] as const;

export type PipelineServiceName = (typeof PIPELINE_SERVICES)[number]['name'];

/** KafkaJS 2.2.4 arms a negative timer on Node 24 (tulios/kafkajs#1751): harmless, and noisy. */
const NODE_FLAGS = ['--disable-warning=TimeoutNegativeWarning'];

export interface LaunchedService {
  readonly name: string;
  readonly url: string;
  readonly logFile: string;
  readonly child: ChildProcess;
}

/**
 * Starts a built service (services/<name>/dist/main.js under `root`, this workspace by default)
 * as its own process with the caller's environment plus `env`, appending its JSON log lines to
 * `.stack/logs/services/<file>.log`. It binds 127.0.0.1 unless HTTP_HOST says otherwise: a local
 * run is loopback-only, which is what lets ingest and actions take the public dev keys
 * (LOCAL_DEV_KEYS); bound anywhere else they refuse to start without keys of their own.
 */
export function launchService(
  name: PipelineServiceName,
  port: number,
  env: Readonly<Record<string, string>> = {},
  logName: string = name,
  root: string = WORKSPACE_ROOT,
): LaunchedService {
  const logDir = join(WORKSPACE_ROOT, '.stack', 'logs', 'services');
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${logName}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(
    process.execPath,
    [...NODE_FLAGS, join(root, 'services', name, 'dist', 'main.js')],
    {
      cwd: root,
      env: { HTTP_HOST: '127.0.0.1', ...process.env, ...env, HTTP_PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return { name, url: `http://127.0.0.1:${port}`, logFile, child };
}

/** True when the URL's readiness endpoint answers 200 now. */
export async function isReady(url: string): Promise<boolean> {
  return fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2_000) }).then(
    (response) => response.ok,
    () => false,
  );
}

/** Resolves once the service is ready; rejects if it exits first or the deadline passes. */
export async function waitReady(service: LaunchedService, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null)
      throw new Error(
        `${service.name} exited with code ${service.child.exitCode}; see ${service.logFile}`,
      );
    if (await isReady(service.url)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `${service.name} was not ready within ${timeoutMs / 1000} s; see ${service.logFile}`,
  );
}

/** SIGTERM (graceful: finish the batch, commit, leave the group), SIGKILL after `graceMs`. */
export function stopService(service: LaunchedService, graceMs = 30_000): Promise<void> {
  const { child } = service;
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
