import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { findOwnedPid, isAlive, killProcess } from '@rtml/local-stack';
import { removeRunLeftovers } from './run-leftovers.cleanup';
import type { SharedClients } from './run-leftovers.cleanup';

/** The pid files a run's own servers leave in its folder. */
const SERVER_PID_FILES = [join('kafka', 'kafka.pid'), join('redis', 'redis.pid')];

/**
 * Cleans up after runs of the suite that died without cleaning up (SIGKILL, a crash): a run
 * folder whose owner process is gone gets its broker and Redis killed (only processes that
 * still point into that folder: pid reuse is checked) and its leftovers on the shared servers
 * removed. A folder whose owner still runs belongs to another engineer's run: left alone.
 */
export async function sweepStaleRuns(root: string, clients: SharedClients): Promise<string[]> {
  if (!existsSync(root)) return [];
  const problems: string[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = join(root, entry.name);
    const owner = findOwnedPid(join(dir, 'owner.pid'), '/');
    if (owner !== undefined && isAlive(owner)) continue;
    for (const file of SERVER_PID_FILES) {
      const pid = findOwnedPid(join(dir, file), dir);
      if (pid !== undefined) await killProcess(pid);
    }
    problems.push(...(await removeRunLeftovers(entry.name, clients)));
    rmSync(dir, { recursive: true, force: true });
  }
  return problems;
}
