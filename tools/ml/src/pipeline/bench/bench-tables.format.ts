import type { TargetVerdict } from './bench-targets.catalog';
import type { BenchReport, ClientComparison } from './bench.report';
import { CEILING_LABELS, UNITS_PER_EVENT } from './ceiling-cpu';
import type { CeilingName } from './ceiling-cpu';
import type { PacedResult } from './bench-run.types';
import { LATENCY_PATHS } from './hop-latency.recorder';
import type { LatencyPath } from './hop-latency.recorder';
import type { SpreadTree } from './run-spread';
import { formatNumber, formatSpread, renderTable } from './text.table';

const runsNote = (runs: number) => (runs === 1 ? 'one run' : `median of ${runs} runs (min–max)`);

/** Issue 11's targets for one setup: what was measured and whether it meets each. */
export function targetsTable(
  setup: string,
  verdicts: readonly TargetVerdict[],
  runs: number,
): string {
  const rows = verdicts.map((verdict) => [
    verdict.measure,
    verdict.value === null
      ? 'not measured'
      : `${formatSpread(verdict.value, (value) => formatNumber(value, verdict.unit === '%' ? 1 : 0))} ${verdict.unit}`,
    verdict.target,
    verdict.met === null ? 'n/a' : verdict.met ? 'met' : 'not met',
  ]);
  return [
    `[${setup}] issue 11 targets, ${runsNote(runs)}; met or not on the median:`,
    renderTable(['measure', 'measured', 'target', 'met'], rows),
  ].join('\n');
}

/** Every latency path at one offered rate, in ms, with how the stored item was timed. */
export function latencyTable(setup: string, paced: SpreadTree<PacedResult>, runs: number): string {
  const rows = (Object.keys(LATENCY_PATHS) as LatencyPath[]).map((path) => {
    const figures = paced.latency_ms[path];
    return [
      LATENCY_PATHS[path],
      formatSpread(figures.count),
      ...[figures.p50, figures.p90, figures.p99, figures.p99_9, figures.max].map((value) =>
        formatSpread(value),
      ),
    ];
  });
  const probe = paced.stored_probe;
  return [
    `[${setup}] latency at ${formatNumber(paced.rate.median)} events/s, ms, ${runsNote(runs)}:`,
    renderTable(['path', 'n', 'p50', 'p90', 'p99', 'p99.9', 'max'], rows),
    `stored: 1 transaction in ${formatNumber(probe.sample_every.median)} timed by reading the table ` +
      `(${formatSpread(probe.untimed)} not found in time, ${formatSpread(probe.failed_reads)} failed reads, ` +
      `${formatSpread(probe.found_on_first_read)} already there at the first read); "stored" is the ` +
      `read that found the item, "at least" the last read that missed it (p50 ` +
      `${formatSpread(probe.window_ms.p50)}, max ${formatSpread(probe.window_ms.max)} ms apart)`,
  ].join('\n');
}

/** Each client mix against the baseline mix, as ratios taken within each round. */
export function clientsTable(comparisons: readonly ClientComparison[]): string {
  const ratio = (spread: ClientComparison['predictions_per_s']) =>
    formatSpread(spread, (value) => formatNumber(value, 2));
  const rows = comparisons.map((c) => [
    c.guarantee,
    `${c.client} ÷ ${c.baseline}`,
    formatNumber(c.rounds),
    ratio(c.pipeline_cpu_us_per_event),
    ratio(c.predictions_per_s),
    ratio(c.p99_ingested_to_scored),
  ]);
  const rate = comparisons[0]?.rate ?? Number.NaN;
  return [
    'Kafka client mixes, ratio within each round (back to back), median (min–max) over the rounds:',
    renderTable(
      [
        'guarantee',
        'clients',
        'rounds',
        'pipeline CPU-µs per event, flat out',
        'predictions/s flat out',
        `p99 accepted → prediction at ${formatNumber(rate)}/s`,
      ],
      rows,
    ),
  ].join('\n');
}

/**
 * The ceilings in rate and in CPU per unit, what one transaction takes of each, their sum, and
 * each setup's CPU per event flat out against that sum.
 */
export function ceilingsTable(report: BenchReport): string {
  const spread = report.ceilings_eps_spread;
  const names = Object.keys(CEILING_LABELS) as CeilingName[];
  const cpu = (value: Parameters<typeof formatSpread>[0]) =>
    formatSpread(value, (x) => formatNumber(x, 1));
  const rows = names.map((name) => {
    const perUnit = spread.cpu_us_per_unit[name];
    return [
      CEILING_LABELS[name],
      formatSpread(spread[name]),
      cpu(perUnit.client),
      cpu(perUnit.servers),
      cpu(perUnit.total),
      formatNumber(UNITS_PER_EVENT[name]),
    ];
  });
  const setups = Object.entries(report.setups).map(
    ([key, setup]) =>
      `${key} ${formatSpread(setup.spread.ratios.cpu_vs_sum_of_parts, (x) => formatNumber(x, 2))}×`,
  );
  return [
    `the ceilings, ${runsNote(report.runs)}:`,
    renderTable(
      ['ceiling', 'units/s', 'client CPU-µs', 'stack CPU-µs', 'CPU-µs per unit', 'per transaction'],
      rows,
    ),
    `sum of the parts: ${formatSpread(spread.sum_of_parts_us_per_event)} CPU-µs per transaction; ` +
      `the pipeline and emulators flat out against it: ${setups.join(', ')}`,
  ].join('\n');
}
