import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { describeErrorOnOneLine } from '@rtml/errors';
import { builtinFeatureNames } from '@rtml/feature-engine';
import { formatFeatureValue } from '../../backfill/feature-csv.writer';
import { scanSegmentsFor, scanTable } from '../outcome/table.scanner';
import { PipelineUsageError } from './pipeline-args.parser';
import { dynamodbFromEnv } from '../launch/dynamodb-from-env';

const USAGE = 'usage: npm run scores:export -- --output <csv> [--table <name>]';
/** Parallel scan segments: DynamoDB splits the table among them. */

interface StoredScore {
  readonly eventId: string;
  readonly score: number;
  readonly modelVersion: string;
  readonly featureSetName: string;
  readonly featureSetVersion: string;
  /** The compact form of a built-in feature set's vector (named from its version)... */
  readonly featureValues?: readonly number[];
  /** ...or the vector with its names (other sets, and items written before the compact form). */
  readonly features?: readonly { readonly name: string; readonly value: number }[];
}

/** The stored vector's names and values, in the feature set's order. */
function vectorOf(item: StoredScore): { names: readonly string[]; values: readonly number[] } {
  if (item.features !== undefined)
    return { names: item.features.map((f) => f.name), values: item.features.map((f) => f.value) };
  const featureSet = { name: item.featureSetName, version: item.featureSetVersion };
  const names = builtinFeatureNames(featureSet);
  const values = item.featureValues ?? [];
  if (names === undefined || names.length !== values.length)
    throw new Error(
      `event ${item.eventId} stores ${values.length} feature values of ${featureSet.name} v${featureSet.version}, which this build cannot name`,
    );
  return { names, values };
}

/**
 * `npm run scores:export -- --output scores.csv`: every stored prediction as
 * `TRANSACTION_ID,score,model_version,<feature names...>`, values in their shortest round-trip
 * form (so they compare exactly with a backfill). Rows come in scan order, not sorted. An export
 * reads the whole table, so it is the one place a Scan is right; the API never scans.
 */
async function main(): Promise<void> {
  const { output, table } = readArgs();
  const client = dynamodbFromEnv();
  const out = createWriteStream(output);
  let columns: readonly string[] | undefined;
  let rows = 0;
  const write = async (item: StoredScore) => {
    const { names, values: vector } = vectorOf(item);
    if (columns === undefined) {
      columns = names;
      out.write(`TRANSACTION_ID,score,model_version,${names.join(',')}\n`);
    } else if (names.join(',') !== columns.join(',')) {
      throw new Error(
        `event ${item.eventId} has features [${names.join(', ')}], unlike the first rows' [${columns.join(', ')}]: one export holds one feature set`,
      );
    }
    const values = vector.map((value) => formatFeatureValue(value));
    const line = `${item.eventId},${item.score},${item.modelVersion},${values.join(',')}\n`;
    if (!out.write(line)) await once(out, 'drain');
    rows += 1;
  };
  try {
    await scanTable(
      client,
      {
        table,
        segments: await scanSegmentsFor(client, table),
        // Only score items: a shared table could hold other items (the alert state has its own).
        filter: 'attribute_exists(modelVersion)',
        projection:
          'eventId, score, modelVersion, featureSetName, featureSetVersion, featureValues, features',
      },
      (item) => write(unmarshall(item) as StoredScore),
    );
  } finally {
    client.destroy();
    out.end();
    await once(out, 'finish');
  }
  process.stderr.write(`wrote ${rows} stored predictions from ${table} to ${output}\n`);
}

function readArgs(): { output: string; table: string } {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { output: { type: 'string' }, table: { type: 'string' } },
    strict: true,
  });
  if (values.output === undefined) throw new PipelineUsageError(`--output is required\n${USAGE}`);
  return {
    output: values.output,
    table: values.table ?? process.env['SCORES_TABLE'] ?? 'rtml-scores',
  };
}

main().catch((error: unknown) => {
  process.stderr.write(
    `scores:export failed: ${error instanceof PipelineUsageError ? error.message : describeErrorOnOneLine(error)}\n`,
  );
  process.exit(1);
});
