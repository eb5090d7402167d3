/**
 * Statistics of a reference-format CSV, to compare a simulation with the reference file:
 *   node --conditions=@rtml/source --import tsx tools/ml/src/simulate/transaction-stats.cli.ts \
 *     --input <file.csv|file.csv.gz> [--days N] [--customers N]
 * `--days N` keeps the first N days (TX_TIME_DAYS < N); `--customers` defaults to the largest
 * CUSTOMER_ID + 1. Prints one JSON object to stdout.
 */
import { parseArgs } from 'node:util';
import { readReferenceCsvBatches } from '../csv/reference-csv.reader';
import { TransactionStats } from './transaction.stats';

async function main(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      input: { type: 'string' },
      days: { type: 'string' },
      customers: { type: 'string' },
    },
    strict: true,
  });
  if (values.input === undefined) throw new Error('--input is required');
  const days = positiveInteger('days', values.days);
  const customers = positiveInteger('customers', values.customers);
  const stats = new TransactionStats();
  // Rows are in time order, so the first row past the last kept day ends the read.
  read: for await (const rows of readReferenceCsvBatches(values.input)) {
    for (const row of rows) {
      if (days !== undefined && row.timeDays >= days) break read;
      stats.add(row.customerId, row.timeDays, row.amount, row.fraudScenario);
    }
  }
  console.log(JSON.stringify(stats.report(customers, days), null, 2));
}

function positiveInteger(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^[1-9]\d{0,8}$/.test(text)) throw new Error(`--${name} must be a positive integer`);
  return Number(text);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`transaction-stats: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
