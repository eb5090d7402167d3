import { describeErrorOnOneLine } from '@rtml/errors';
import { readReferenceCsvBatches } from '../../csv/reference-csv.reader';
import type { ReferenceTransaction } from '../../csv/reference-transaction.model';
import { PipelineUsageError, parseReplayArgs } from './pipeline-args.parser';
import { runPipelineCommand } from './pipeline.command';

/**
 * `npm run replay -- --input <file> [--from] [--to] [--rate]`: replays a reference-format file
 * through the live pipeline in event-time order (the file's order), each fraud's label at its
 * transaction time + 7 days, and waits until every transaction is stored. Event ids are the
 * file's TRANSACTION_IDs, so replaying the same rows again is recognised as duplicates.
 */
/**
 * The replay waits for every outcome once per day of event time, so no partition runs more than
 * a day ahead of another: the online features then equal the offline engine's (the features
 * service's exactness conditions need arrival lag under the 7-day delay).
 */
const DAY_MS = 86_400_000;

async function main(): Promise<void> {
  const args = parseReplayArgs(process.argv.slice(2));
  const fromSeconds =
    args.from === undefined ? -Infinity : Date.parse(`${args.from}T00:00:00Z`) / 1000;
  const toSeconds =
    args.to === undefined ? Infinity : Date.parse(`${args.to}T00:00:00Z`) / 1000 + 86_400;
  await runPipelineCommand({
    rows: between(args.input, fromSeconds, toSeconds),
    via: args.via,
    rate: args.rate,
    idPrefix: '',
    checkpointMs: DAY_MS,
  });
}

async function* between(
  file: string,
  from: number,
  to: number,
): AsyncGenerator<ReferenceTransaction[]> {
  for await (const rows of readReferenceCsvBatches(file)) {
    const kept = rows.filter((row) => row.time >= from && row.time < to);
    if (kept.length > 0) yield kept;
    if ((rows[rows.length - 1]?.time ?? -Infinity) >= to) return;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `replay failed: ${error instanceof PipelineUsageError ? error.message : describeErrorOnOneLine(error)}\n`,
  );
  process.exit(1);
});
