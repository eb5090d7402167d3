import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describeErrorOnOneLine } from '@rtml/errors';
import { readReferenceCsvBatches } from '../../csv/reference-csv.reader';
import type { ReferenceTransaction } from '../../csv/reference-transaction.model';
import { WORKSPACE_ROOT, WORK_DIR } from '../launch/workspace.paths';
import { PipelineUsageError, parseDemoArgs } from './pipeline-args.parser';
import { runPipelineCommand } from './pipeline.command';

/** Days simulated for a demo; a customer makes about 1.9 transactions a day in the reference. */
const DEMO_DAYS = 30;
const TRANSACTIONS_PER_CUSTOMER_DAY = 1.9;

/**
 * `npm run demo -- --events N`: simulates a book-like population just large enough, streams its
 * first N transactions (plus each fraud's label 7 days later) through the live pipeline, and
 * prints the outcome report. Ids carry a per-run prefix, so demos never collide with each other.
 */
async function main(): Promise<void> {
  const args = parseDemoArgs(process.argv.slice(2));
  const file = simulate(args.events, args.seed);
  await runPipelineCommand({
    rows: firstRows(file, args.events),
    via: args.via,
    rate: args.rate,
    idPrefix: `demo-${Date.now().toString(36)}-`,
  });
}

function simulate(events: number, seed: number): string {
  const customers = Math.max(
    10,
    Math.ceil((events / (DEMO_DAYS * TRANSACTIONS_PER_CUSTOMER_DAY)) * 1.5),
  );
  const params = { customers, terminals: customers * 2, days: DEMO_DAYS, seed };
  mkdirSync(WORK_DIR, { recursive: true });
  const file = join(WORK_DIR, `demo-${customers}c-${DEMO_DAYS}d-s${seed}.csv`);
  if (existsSync(file)) return file;
  const result = spawnSync(
    process.execPath,
    [
      '--conditions=@rtml/source',
      '--import',
      'tsx',
      join(WORKSPACE_ROOT, 'tools/ml/src/simulate/simulate.cli.ts'),
      ...Object.entries(params).flatMap(([name, value]) => [`--${name}`, String(value)]),
      '--output',
      file,
    ],
    { cwd: WORKSPACE_ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (result.status !== 0) throw new Error(`the simulator failed (exit ${result.status})`);
  return file;
}

async function* firstRows(file: string, count: number): AsyncGenerator<ReferenceTransaction[]> {
  let left = count;
  for await (const rows of readReferenceCsvBatches(file)) {
    const taken = rows.slice(0, left);
    left -= taken.length;
    if (taken.length > 0) yield taken;
    if (left === 0) return;
  }
  if (left > 0) throw new Error(`the simulation has only ${count - left} transactions`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `demo failed: ${error instanceof PipelineUsageError ? error.message : describeErrorOnOneLine(error)}\n`,
  );
  process.exit(1);
});
