import { describeErrorOnOneLine } from '@rtml/errors';
import { simulatedRows } from '../feed/simulated.rows';
import { PipelineUsageError, parseDemoArgs } from './pipeline-args.parser';
import { runPipelineCommand } from './pipeline.command';

/**
 * `npm run demo -- --events N`: simulates a book-like population just large enough, streams its
 * first N transactions (plus each fraud's label 7 days later) through the live pipeline, and
 * prints the outcome report. Ids carry a per-run prefix, so demos never collide with each other.
 */
async function main(): Promise<void> {
  const args = parseDemoArgs(process.argv.slice(2));
  await runPipelineCommand({
    rows: simulatedRows(args.events, args.seed),
    via: args.via,
    rate: args.rate,
    idPrefix: `demo-${Date.now().toString(36)}-`,
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `demo failed: ${error instanceof PipelineUsageError ? error.message : describeErrorOnOneLine(error)}\n`,
  );
  process.exit(1);
});
