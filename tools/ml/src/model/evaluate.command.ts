import { evaluateFold } from '../evaluate/fold.evaluator';
import type { FoldResult } from '../evaluate/fold.evaluator';
import { foldLine, resultJson, summaryLines } from '../evaluate/evaluation.report';
import { loadLabelledRows } from '../evaluate/labelled-rows.loader';
import type { LabelledRows } from '../evaluate/labelled-rows.model';
import { PROTOCOLS } from '../evaluate/protocol.catalog';
import type { ExpectedCounts, ProtocolDefinition } from '../evaluate/protocol.catalog';
import { writeScoresCsv } from '../evaluate/scores-csv.writer';
import { parseUtcDay } from '../evaluate/utc-day.calendar';
import { resolveFeatureSet } from './feature-set.catalog';
import type { EvaluateArgs } from './model-args.parser';
import { TUNED_PARAMS } from './tuned-params.catalog';

/** Progress and result lines; the last line written is the JSON result. */
export type Output = (line: string) => void;

/**
 * `model evaluate`: computes the features of the data file in one pass, then trains and tests
 * each fold of the protocol. Resolves to the JSON result line (also written last to `out`).
 */
export async function runEvaluate(args: EvaluateArgs, out: Output): Promise<string> {
  const protocol = PROTOCOLS[args.protocol];
  const featureSet = await resolveFeatureSet(args.features);
  const params = { ...TUNED_PARAMS[args.model], ...args.params };
  out(
    `${protocol.name}: ${featureSet.name} v${featureSet.version} (${featureSet.features.length} features), ` +
      `${args.model} ${JSON.stringify(params)}`,
  );
  const loadStarted = performance.now();
  const rows = await loadLabelledRows(args.data, featureSet, protocolDays(protocol));
  out(
    `features of ${rows.rows} rows computed in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`,
  );
  const folds: FoldResult[] = [];
  for (const start of protocol.trainStarts) {
    const fold = evaluateFold(rows, {
      trainFromDay: parseUtcDay(start),
      periods: protocol.periods,
      modelType: args.model,
      params,
    });
    out(foldLine(fold));
    folds.push(fold);
  }
  if (protocol.expected !== undefined) checkCounts(protocol.name, protocol.expected, folds);
  if (args.scoresOut !== undefined) await writeFoldScores(args.scoresOut, rows, folds, out);
  if (folds.length > 1) summaryLines(folds).forEach(out);
  const json = resultJson(
    { protocol: protocol.name, features: featureSet.name, model: args.model },
    folds,
  );
  out(json);
  return json;
}

/** The days to load: from the first training day to the last test day of any fold. */
function protocolDays(protocol: ProtocolDefinition): { fromDay: number; toDay: number } {
  const { trainDays, delayDays, testDays } = protocol.periods;
  const starts = protocol.trainStarts.map(parseUtcDay);
  return {
    fromDay: Math.min(...starts),
    toDay: Math.max(...starts) + trainDays + delayDays + testDays - 1,
  };
}

/** The protocol is defined on the reference data: other counts mean other data or a wrong split. */
function checkCounts(name: string, expected: ExpectedCounts, folds: readonly FoldResult[]): void {
  const fold = folds[0];
  const seen = fold && {
    trainRows: fold.trainRows,
    trainFrauds: fold.trainFrauds,
    testRows: fold.testRows,
    testFrauds: fold.testFrauds,
  };
  if (JSON.stringify(seen) !== JSON.stringify(expected)) {
    throw new Error(
      `${name} expects the reference data set's split ${JSON.stringify(expected)}, got ` +
        `${JSON.stringify(seen)}: is --data the handbook's transactions file?`,
    );
  }
}

async function writeFoldScores(
  path: string,
  rows: LabelledRows,
  folds: readonly FoldResult[],
  out: Output,
) {
  const ids = folds.flatMap((fold) =>
    Array.from(fold.testIndices, (i) => rows.transactionIds[i] as number),
  );
  const scores = folds.flatMap((fold) => Array.from(fold.scores));
  await writeScoresCsv(path, ids, scores);
  out(`scores of ${scores.length} test rows written to ${path}`);
}
