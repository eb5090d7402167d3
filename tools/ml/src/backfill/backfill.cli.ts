/**
 * Offline feature backfill over a reference-format CSV:
 *   node --conditions=@rtml/source --import tsx tools/ml/src/backfill/backfill.cli.ts \
 *     --input <csv|csv.gz> --output <csv> [--feature-set handbook-15]
 * Progress goes to stderr; on bad input it prints one line and exits 1 (2 for a bad command line).
 */
import { describeErrorOnOneLine } from '@rtml/errors';
import { parseBackfillArgs, UsageError } from './backfill-args.parser';
import { runBackfill } from './backfill.runner';
import { loadFeatureSet } from './feature-set.loader';
import { formatProgress } from './progress.reporter';

const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

async function main(argv: readonly string[]): Promise<void> {
  const args = parseBackfillArgs(argv);
  const featureSet = await loadFeatureSet(args.featureSet);
  const summary = await runBackfill({
    inputPath: args.input,
    outputPath: args.output,
    featureSet,
    onProgress: (snapshot) => console.error(`backfill: ${formatProgress(snapshot)}`),
  });
  console.error(
    `backfill: done, ${formatProgress(summary)}; ${featureSet.name} v${featureSet.version} ` +
      `-> ${args.output}`,
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`backfill: ${describeErrorOnOneLine(error)}`);
  process.exitCode = error instanceof UsageError ? EXIT_USAGE : EXIT_FAILED;
});
