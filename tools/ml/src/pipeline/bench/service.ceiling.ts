import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from '../launch/workspace.paths';
import type { CeilingResult } from './kafka.ceiling';

/**
 * The ceilings only a service's own code can measure (its Redis script, its ONNX session, its
 * DynamoDB writer), each run by a script that lives beside that code and prints one JSON line
 * `{"events":N,"seconds":S,"eventsPerSecond":R,"clientCpuUs":C,"serverCpuUs":V}` last: its own
 * CPU and its server's (Redis; DynamoDB Local, whose pid it is given) over the timed part, µs.
 * Run as a child process so the bench never imports a service's internals.
 */
export const SERVICE_CEILINGS = {
  redisScript: 'services/features/src/bench/redis-window.ceiling.ts',
  onnxScoring: 'services/scoring/src/bench/onnx-scoring.ceiling.ts',
  dynamodbWrites: 'services/actions/src/bench/dynamodb-writes.ceiling.ts',
} as const;

export function measureServiceCeiling(
  script: string,
  events: number,
  extraArgs: readonly string[] = [],
): CeilingResult {
  const result = spawnSync(
    process.execPath,
    [
      '--disable-warning=TimeoutNegativeWarning',
      '--conditions=@rtml/source',
      '--import',
      'tsx',
      join(WORKSPACE_ROOT, script),
      '--events',
      String(events),
      ...extraArgs,
    ],
    { cwd: WORKSPACE_ROOT, encoding: 'utf8', env: process.env, maxBuffer: 16 * 1024 * 1024 },
  );
  const lines = result.stdout.trim().split('\n');
  if (result.status !== 0)
    throw new Error(`${script} failed (exit ${result.status}): ${result.stderr.slice(-2_000)}`);
  const printed = JSON.parse(lines[lines.length - 1] ?? '') as Omit<CeilingResult, 'serverCpuUs'> &
    Partial<Pick<CeilingResult, 'serverCpuUs'>>;
  return { serverCpuUs: 0, ...printed };
}
