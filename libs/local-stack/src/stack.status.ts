import { isServerHealthy } from './health.probes';
import type { ServerName } from './stack.config';
import { PROBE_TIMEOUT_MS, SERVER_NAMES } from './stack.config';

export type ServerHealth = 'up' | 'down';
export type StackStatus = Readonly<Record<ServerName, ServerHealth>>;

/**
 * Asks every server a real question in parallel (a metadata request, a subject list, ListTables,
 * ListBuckets, PING), each within `timeoutMs`. Does not care who started the servers.
 */
export async function stackStatus(timeoutMs: number = PROBE_TIMEOUT_MS): Promise<StackStatus> {
  const entries = await Promise.all(
    SERVER_NAMES.map(
      async (server) =>
        [server, (await isServerHealthy(server, timeoutMs)) ? 'up' : 'down'] as const,
    ),
  );
  return Object.freeze(Object.fromEntries(entries) as Record<ServerName, ServerHealth>);
}

export const isStackUp = (status: StackStatus): boolean =>
  SERVER_NAMES.every((server) => status[server] === 'up');

/** The one JSON line `status` prints, keys always in SERVER_NAMES order. */
export function formatStatusLine(status: StackStatus): string {
  const ordered: Record<string, ServerHealth> = {};
  for (const server of SERVER_NAMES) ordered[server] = status[server];
  return JSON.stringify(ordered);
}
