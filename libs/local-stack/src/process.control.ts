import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { pollUntil } from './deadline.helpers';
import { readProcessInfo } from './process.ownership';

/** How to start one server: an absolute command, its arguments and working directory. */
export interface LaunchPlan {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * Starts `plan` detached (its own session and process group, so `down` can signal the whole
 * group and the server outlives the CLI), stdout and stderr appended to `logPath`, and records
 * the pid in `pidPath`. Resolves once the OS has started the process.
 */
export async function launchDetached(
  plan: LaunchPlan,
  logPath: string,
  pidPath: string,
): Promise<number> {
  const fd = fs.openSync(logPath, 'a');
  try {
    fs.writeSync(
      fd,
      `\n=== ${new Date().toISOString()} local-stack starts: ${plan.command} ${plan.args.join(' ')}\n`,
    );
    const child = spawn(plan.command, [...plan.args], {
      cwd: plan.cwd,
      env: { ...process.env, ...plan.env },
      detached: true,
      stdio: ['ignore', fd, fd],
    });
    const pid = await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('spawn', () =>
        child.pid === undefined ? reject(new Error('no pid')) : resolve(child.pid),
      );
    });
    child.unref();
    fs.writeFileSync(pidPath, `${pid}\n`);
    return pid;
  } finally {
    fs.closeSync(fd);
  }
}

export const isAlive = (pid: number): boolean => readProcessInfo(pid) !== undefined;

/** Signals the process group the launcher created, falling back to the single process. */
function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pid, sig);
  } catch {
    try {
      process.kill(pid, sig);
    } catch {
      // Already gone: nothing to signal.
    }
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves true once the process is gone. */
export async function stopProcess(pid: number, graceMs: number): Promise<boolean> {
  signal(pid, 'SIGTERM');
  if (await pollUntil(async () => !isAlive(pid), { timeoutMs: graceMs, intervalMs: 200 }))
    return true;
  signal(pid, 'SIGKILL');
  return pollUntil(async () => !isAlive(pid), { timeoutMs: 5_000, intervalMs: 100 });
}

/** SIGKILL at once (a crash, not a stop: no shutdown hook runs); resolves true once it is gone. */
export async function killProcess(pid: number): Promise<boolean> {
  signal(pid, 'SIGKILL');
  return pollUntil(async () => !isAlive(pid), { timeoutMs: 5_000, intervalMs: 50 });
}
