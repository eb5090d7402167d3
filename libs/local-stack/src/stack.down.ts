import * as fs from 'node:fs';
import { pollUntil } from './deadline.helpers';
import { stopProcess } from './process.control';
import { findOwnedPid } from './process.ownership';
import { listeningPorts } from './port.probe';
import type { ServerName } from './stack.config';
import { SERVER_NAMES, SERVER_PORTS, STOP_GRACE_MS } from './stack.config';
import { StackError } from './stack.error';
import type { StackPaths } from './stack.paths';
import { pidFile, stackPaths } from './stack.paths';

export interface ServerDownReport {
  readonly server: ServerName;
  readonly state: 'stopped' | 'not-running';
  readonly pid?: number;
}

// Our processes are gone by then; listening sockets close with them, so this only absorbs slow teardown.
const PORTS_CLOSE_TIMEOUT_MS = 10_000;

const portOwner = (port: number): ServerName | undefined =>
  SERVER_NAMES.find((server) => SERVER_PORTS[server].includes(port));

/** Stops one server of ours (SIGTERM, SIGKILL after the grace) and removes its pid file. */
export async function stopServer(server: ServerName, paths: StackPaths): Promise<ServerDownReport> {
  const file = pidFile(paths, server);
  // Only a live process that still points at our stack folder is signalled: a stale pid file
  // may name a pid the OS has since given to something else.
  const pid = findOwnedPid(file, paths.root);
  if (pid !== undefined && !(await stopProcess(pid, STOP_GRACE_MS))) {
    throw new StackError('STOP_FAILED', `${server} (pid ${pid}) survived SIGKILL`);
  }
  fs.rmSync(file, { force: true });
  return pid === undefined ? { server, state: 'not-running' } : { server, state: 'stopped', pid };
}

/**
 * Stops exactly the processes this stack started (SIGTERM, SIGKILL after a grace period), removes
 * their pid files and waits until none of the stack's ports listens. Data is kept.
 */
export async function stopStack(
  options: { readonly paths?: StackPaths } = {},
): Promise<ServerDownReport[]> {
  const paths = options.paths ?? stackPaths();
  const reports = await Promise.all(SERVER_NAMES.map((server) => stopServer(server, paths)));
  const ports = SERVER_NAMES.flatMap((server) => SERVER_PORTS[server]);
  let open: number[] = [];
  const closed = await pollUntil(
    async () => {
      open = await listeningPorts(ports);
      return open.length === 0;
    },
    { timeoutMs: PORTS_CLOSE_TIMEOUT_MS, intervalMs: 250 },
  );
  if (!closed) {
    const held = open.map((port) => `${port} (${portOwner(port) ?? '?'})`);
    const still =
      held.length === 1 ? `port ${held[0]} still listens` : `ports ${held.join(', ')} still listen`;
    throw new StackError(
      'STOP_FAILED',
      `our processes are stopped, but ${still}: held by a process that is not part of this stack`,
    );
  }
  return reports;
}
