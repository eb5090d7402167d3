import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { TransactionCsvFormatter, TRANSACTIONS_CSV_HEADER } from './transaction-csv.format';
import type { SimulatedDay } from './transaction.simulator';
import type { TransactionStats } from './transaction.stats';

export interface SimulationFileOptions {
  readonly path: string;
  /** `YYYY-MM-DD`: day 0 of the run. */
  readonly startDate: string;
  /** Fed every written row, so the caller can summarise the file without reading it back. */
  readonly stats: TransactionStats;
}

/**
 * Streams simulated days to a reference-format CSV, gzipped when the name ends in `.gz`. One
 * day is formatted at a time and the pipeline applies back-pressure, so memory does not grow
 * with the file. The file appears under its name only once complete (written beside it, then
 * renamed), so a failed run never leaves a truncated file that looks finished.
 */
export async function writeSimulationFile(
  days: Iterable<SimulatedDay>,
  options: SimulationFileOptions,
): Promise<void> {
  const partial = `${options.path}.partial-${process.pid}`;
  const formatter = new TransactionCsvFormatter(options.startDate);
  function* chunks(): Generator<string> {
    yield `${TRANSACTIONS_CSV_HEADER}\n`;
    for (const { transactions } of days) {
      for (const t of transactions) options.stats.add(t.customerId, t.day, t.amount, t.scenario);
      yield formatter.format(transactions);
    }
  }
  const sink = createWriteStream(partial);
  try {
    if (options.path.endsWith('.gz')) {
      await pipeline(Readable.from(chunks()), createGzip(), sink);
    } else {
      await pipeline(Readable.from(chunks()), sink);
    }
    await rename(partial, options.path);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}
