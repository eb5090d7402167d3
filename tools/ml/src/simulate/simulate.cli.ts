/**
 * Simulated card transactions in the reference format (the handbook's generator):
 *   node --conditions=@rtml/source --import tsx tools/ml/src/simulate/simulate.cli.ts \
 *     --customers 5000 --terminals 10000 --days 183 --seed 1 --output tx.csv.gz \
 *     [--start-date 2018-04-01] [--radius 5]
 * Prints a one-line JSON summary to stderr. A bad command line prints one line and exits 2;
 * any other failure exits 1 and leaves no output file.
 */
import { describeErrorOnOneLine } from '@rtml/errors';
import { parseSimulateArgs } from './simulate-args.parser';
import { SimulateUsageError } from './simulate-usage.error';
import { writeSimulationFile } from './simulation-file.writer';
import { TransactionSimulator } from './transaction.simulator';
import { TransactionStats } from './transaction.stats';

const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

async function main(argv: readonly string[]): Promise<void> {
  const started = performance.now();
  const args = parseSimulateArgs(argv);
  const simulator = new TransactionSimulator(args);
  const stats = new TransactionStats();
  await writeSimulationFile(simulator.days(), {
    path: args.output,
    startDate: args.startDate,
    stats,
  });
  const { rows, frauds, fraudRate, byScenario } = stats.report(args.customers, args.days);
  const seconds = Math.round((performance.now() - started) / 10) / 100;
  const summary = { output: args.output, rows, frauds, fraudRate, byScenario, seconds };
  console.error(JSON.stringify(summary));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`simulate: ${describeErrorOnOneLine(error)}`);
  process.exitCode = error instanceof SimulateUsageError ? EXIT_USAGE : EXIT_FAILED;
});
