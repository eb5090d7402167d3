import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { readReferenceCsvBatches } from '../../csv/reference-csv.reader';
import type { ReferenceTransaction } from '../../csv/reference-transaction.model';
import { WORKSPACE_ROOT, WORK_DIR } from '../launch/workspace.paths';

const DAYS = 30;
/** A reference customer makes about 1.9 transactions a day. */
const TRANSACTIONS_PER_CUSTOMER_DAY = 1.9;
/**
 * Customers only use terminals within radius 5 of them on the 100 × 100 map. The book has 10,000
 * terminals (about 78 in reach of each customer); 2 per customer for a small population would
 * leave about 30 % of 79 customers with no terminal at all, and so no transactions (a 3,000-event
 * demo got 2,702). 2,000 keep about 16 in reach.
 */
const MIN_TERMINALS = 2_000;

/**
 * A simulated, book-like population just large enough for `events` transactions over 30 days
 * (cached in .stack/work by size and seed), returned as its first `events` rows in time order.
 */
export function simulatedRows(
  events: number,
  seed: number,
): AsyncGenerator<ReferenceTransaction[]> {
  return firstRows(simulate(events, seed), events);
}

/** `simulatedRows`, all at once (the scale test and the fault suite stream each row many times). */
export async function simulatedRowList(
  events: number,
  seed: number,
): Promise<ReferenceTransaction[]> {
  const rows: ReferenceTransaction[] = [];
  for await (const batch of simulatedRows(events, seed)) rows.push(...batch);
  return rows;
}

function simulate(events: number, seed: number): string {
  const customers = Math.max(
    10,
    Math.ceil((events / (DAYS * TRANSACTIONS_PER_CUSTOMER_DAY)) * 1.5),
  );
  const terminals = Math.max(MIN_TERMINALS, customers * 2);
  const params = { customers, terminals, days: DAYS, seed };
  mkdirSync(WORK_DIR, { recursive: true });
  const file = join(WORK_DIR, `simulated-${customers}c-${terminals}t-${DAYS}d-s${seed}.csv`);
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
