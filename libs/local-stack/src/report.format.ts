import * as path from 'node:path';
import type { ArtifactModule } from './artifacts.fetch';
import { SERVER_NAMES } from './stack.config';
import type { ServerDownReport } from './stack.down';
import type { StackUpReport } from './stack.up';

/** A path relative to `cwd` when it lies below it (shorter lines), else absolute. */
export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)
    ? relative
    : file;
}

/** The name column fits the longest server name. */
const NAME_WIDTH = Math.max(...SERVER_NAMES.map((name) => name.length));

/** `up`: one line per server (name, what happened, url, pid, log file), then a total. */
export function formatUpReport(report: StackUpReport, cwd: string): string[] {
  const lines: string[] = [];
  if (report.fetched.length > 0) lines.push(`fetched artifacts: ${report.fetched.join(', ')}`);
  for (const server of report.servers) {
    const state =
      server.state === 'started' ? `started in ${server.seconds.toFixed(1)} s` : 'already up';
    lines.push(
      `${server.server.padEnd(NAME_WIDTH)} ${state.padEnd(17)} ${server.url.padEnd(42)} pid ${String(server.pid).padEnd(7)} log ${displayPath(server.logFile, cwd)}`,
    );
  }
  lines.push(`stack up in ${report.seconds.toFixed(1)} s`);
  return lines;
}

/** `down`: one line per server. */
export function formatDownReport(reports: readonly ServerDownReport[]): string[] {
  return reports.map((report) =>
    report.state === 'stopped'
      ? `${report.server.padEnd(NAME_WIDTH)} stopped (pid ${report.pid ?? '?'})`
      : `${report.server.padEnd(NAME_WIDTH)} not running`,
  );
}

export function formatFetchReport(fetched: readonly ArtifactModule[]): string {
  return fetched.length === 0
    ? 'artifacts already present'
    : `fetched artifacts: ${fetched.join(', ')}`;
}
