/**
 * Backfill benchmark: runs the offline engine over the reference data set and reports rows,
 * wall seconds, rows/s and peak RSS, then checks the output against every feature value the
 * handbook published. The last line of stdout is one JSON object for scripts.
 *
 *   node --conditions=@rtml/source --import tsx tools/ml/src/backfill/backfill.bench.ts \
 *     [--input <csv|csv.gz>] [--output <csv>]
 *
 * Targets: the full 1.75 M-row file in < 60 s and < 2 GiB peak RSS on a 2-core box. Missing a
 * target prints a warning (timings depend on the machine's load); a wrong value exits 1.
 */
import { rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { HANDBOOK_15 } from '@rtml/feature-engine';
import { REFERENCE_DATA_PATH } from '../reference-data.path';
import { runBackfill } from './backfill.runner';
import { formatProgress } from './progress.reporter';
import type { ProgressSnapshot } from './progress.reporter';
import { checkPublishedValues } from './published-values.check';
import type { PublishedValuesReport } from './published-values.check';

const TARGET_WALL_SECONDS = 60;
const TARGET_PEAK_RSS_MIB = 2048;

type BenchResult = ReturnType<typeof toResult>;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { input: { type: 'string' }, output: { type: 'string' } },
  });
  const inputPath = values.input ?? REFERENCE_DATA_PATH;
  const outputPath = values.output ?? join(tmpdir(), `backfill-bench-${process.pid}.csv`);
  const featureSetRef = `${HANDBOOK_15.name}@${HANDBOOK_15.version}`;
  console.log(`backfill bench: ${inputPath} -> ${outputPath} (${featureSetRef})`);
  const cpuBefore = process.cpuUsage();
  const summary = await runBackfill({
    inputPath,
    outputPath,
    featureSet: HANDBOOK_15,
    onProgress: (snapshot) => console.error(`  ${formatProgress(snapshot)}`),
  });
  const cpu = process.cpuUsage(cpuBefore);
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  // The published values are of the reference data set only.
  const published =
    inputPath === REFERENCE_DATA_PATH ? await checkPublishedValues(outputPath) : undefined;
  if (values.output === undefined) rmSync(outputPath, { force: true });
  const result = toResult(featureSetRef, summary, cpu, peakRssMiB, published);
  printReport(result, published);
  if (result.publishedValuesMismatched > 0) process.exitCode = 1;
}

function toResult(
  featureSet: string,
  summary: ProgressSnapshot,
  cpu: NodeJS.CpuUsage,
  peakRssMiB: number,
  published: PublishedValuesReport | undefined,
) {
  return {
    benchmark: 'backfill',
    featureSet,
    rows: summary.rows,
    wallSeconds: round(summary.elapsedSeconds, 2),
    rowsPerSecond: Math.round(summary.rowsPerSecond),
    peakRssMiB: Math.round(peakRssMiB),
    cpuSeconds: round((cpu.user + cpu.system) / 1e6, 2),
    loadAverage1m: round(loadavg()[0] ?? 0, 2),
    publishedValuesChecked: published?.checked ?? 0,
    publishedValuesMismatched: published?.mismatches.length ?? 0,
    withinTargets: summary.elapsedSeconds < TARGET_WALL_SECONDS && peakRssMiB < TARGET_PEAK_RSS_MIB,
  };
}

function printReport(result: BenchResult, published: PublishedValuesReport | undefined): void {
  console.log(`rows:        ${result.rows}`);
  console.log(`wall:        ${result.wallSeconds} s (target < ${TARGET_WALL_SECONDS} s)`);
  console.log(`rows/s:      ${result.rowsPerSecond}`);
  console.log(`peak RSS:    ${result.peakRssMiB} MiB (target < ${TARGET_PEAK_RSS_MIB} MiB)`);
  console.log(`cpu:         ${result.cpuSeconds} s, load average ${result.loadAverage1m}`);
  if (published !== undefined) {
    const ok = published.checked - published.mismatches.length;
    console.log(`published:   ${ok}/${published.checked} handbook values within printed precision`);
    for (const mismatch of published.mismatches) console.log(`  MISMATCH ${mismatch}`);
  }
  if (!result.withinTargets) console.log('WARNING: a performance target was missed');
  console.log(JSON.stringify(result));
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

main().catch((error: unknown) => {
  console.error(`backfill bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
