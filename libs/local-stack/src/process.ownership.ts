import * as fs from 'node:fs';
import * as path from 'node:path';

/** What /proc tells about a live process. */
export interface ProcessInfo {
  readonly cmdline: readonly string[];
  /** Undefined when the link cannot be read. */
  readonly cwd: string | undefined;
}

/** /proc/<pid>/cmdline is NUL-separated, NUL-terminated. */
export function parseCmdline(raw: string): string[] {
  return raw.split('\0').filter((arg) => arg !== '');
}

/** A pid file holds one positive integer; anything else is treated as no pid. */
export function parsePidFile(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return undefined;
  const pid = Number(trimmed);
  return pid > 1 && Number.isSafeInteger(pid) ? pid : undefined;
}

const isInside = (file: string, dir: string): boolean => {
  const relative = path.relative(dir, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

/**
 * Guards against pid reuse: a pid from our pid file is ours only when the process still points at
 * this stack's folder, by an argument (JVMs: classpath, config paths) or by its working directory
 * (redis-server rewrites its own cmdline to "redis-server 127.0.0.1:6380" but chdirs to its dir).
 */
export function isStackProcess(info: ProcessInfo, stackRoot: string): boolean {
  const root = path.resolve(stackRoot);
  if (info.cwd !== undefined && isInside(info.cwd, root)) return true;
  return info.cmdline.some((arg) => arg.includes(root + path.sep) || arg === root);
}

/** The live, non-zombie process with this pid, or undefined. */
export function readProcessInfo(pid: number, procRoot = '/proc'): ProcessInfo | undefined {
  try {
    const stat = fs.readFileSync(path.join(procRoot, String(pid), 'stat'), 'utf8');
    // The state letter follows the parenthesised command name, which may itself hold spaces.
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return undefined;
    const cmdline = parseCmdline(
      fs.readFileSync(path.join(procRoot, String(pid), 'cmdline'), 'utf8'),
    );
    let cwd: string | undefined;
    try {
      cwd = fs.readlinkSync(path.join(procRoot, String(pid), 'cwd'));
    } catch {
      cwd = undefined;
    }
    return { cmdline, cwd };
  } catch {
    return undefined;
  }
}

export function readPidFile(file: string): number | undefined {
  try {
    return parsePidFile(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** The pid recorded in `pidFile` if that process is alive and belongs to this stack. */
export function findOwnedPid(pidFile: string, stackRoot: string): number | undefined {
  const pid = readPidFile(pidFile);
  if (pid === undefined) return undefined;
  const info = readProcessInfo(pid);
  return info !== undefined && isStackProcess(info, stackRoot) ? pid : undefined;
}
