import { parseArgs } from 'node:util';
import { COMPARED_METRICS, compareModels } from '@rtml/model-training';
import type { ComparedMetric, Estimate, ModelComparison } from '@rtml/model-training';
import { actionsApiOf, getActionsJson } from './actions-api.client';
import type { ActionsApi } from './actions-api.client';
import type { PromotionJudge } from '../registry/registry-command.runner';
import { UsageError } from './model-usage.error';

export const COMPARE_USAGE =
  'usage: model compare --name <model> [--challenger <version>] [--from <date|ms>] [--to <date|ms>]\n' +
  '         [--k <n>] [--resamples <n>] [--url <actions base URL>] [--bucket <bucket>]\n' +
  '         (the challenger: --challenger, else the model’s challenger alias in the registry)';

/** What `GET /v1/models/{name}/evidence` answers (see services/actions' EvidenceAnswer). */
export interface Evidence {
  readonly model: string;
  readonly challenger: string;
  readonly labelDelayDays: number;
  readonly clock: number | null;
  readonly from: number | null;
  readonly to: number | null;
  readonly champions: ReadonlyArray<{ model: string; version: string; events: number }>;
  readonly days: number[];
  readonly cards: number[];
  readonly labels: number[];
  readonly champion: number[];
  readonly challengerScores: number[];
}

/** What the evidence says of a challenger against the champion on the same events. */
export interface ComparisonReport {
  readonly model: string;
  readonly challenger: string;
  readonly champions: Evidence['champions'];
  readonly from: number | null;
  readonly to: number | null;
  readonly clock: number | null;
  readonly comparison: ModelComparison;
}

export interface CompareArgs {
  readonly name: string;
  readonly challenger?: string;
  readonly from?: string;
  readonly to?: string;
  readonly k?: number;
  readonly resamples?: number;
  readonly bucket?: string;
  readonly api: ActionsApi;
}

export function parseCompareArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): CompareArgs {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: Object.fromEntries(
        ['name', 'challenger', 'from', 'to', 'k', 'resamples', 'url', 'bucket'].map((o) => [
          o,
          { type: 'string' as const },
        ]),
      ),
      strict: true,
    }) as { values: Record<string, string | undefined> });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${COMPARE_USAGE}`);
  }
  const name = values['name'];
  if (name === undefined || name === '')
    throw new UsageError(`compare needs --name\n${COMPARE_USAGE}`);
  const integer = (option: string, min: number): number | undefined => {
    const raw = values[option];
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min)
      throw new UsageError(`--${option} takes an integer ≥ ${min}, got ${raw}\n${COMPARE_USAGE}`);
    return value;
  };
  const k = integer('k', 1);
  const resamples = integer('resamples', 10);
  return {
    name,
    ...(values['challenger'] === undefined ? {} : { challenger: values['challenger'] }),
    ...(values['from'] === undefined ? {} : { from: values['from'] }),
    ...(values['to'] === undefined ? {} : { to: values['to'] }),
    ...(k === undefined ? {} : { k }),
    ...(resamples === undefined ? {} : { resamples }),
    ...(values['bucket'] === undefined ? {} : { bucket: values['bucket'] }),
    api: actionsApiOf(values['url'], env),
  };
}

/** Reads the evidence of `challenger` from the actions API and compares it with the champion. */
export async function compareChallenger(
  api: ActionsApi,
  query: {
    readonly name: string;
    readonly challenger: string;
    readonly from?: string;
    readonly to?: string;
    readonly k?: number;
    readonly resamples?: number;
  },
): Promise<ComparisonReport> {
  const evidence = await getActionsJson<Evidence>(
    api,
    `/v1/models/${encodeURIComponent(query.name)}/evidence`,
    { challenger: query.challenger, from: query.from, to: query.to },
  );
  const comparison = compareModels(
    {
      days: evidence.days,
      cards: evidence.cards,
      labels: evidence.labels,
      a: evidence.champion,
      b: evidence.challengerScores,
    },
    {
      ...(query.k === undefined ? {} : { k: query.k }),
      ...(query.resamples === undefined ? {} : { resamples: query.resamples }),
    },
  );
  return {
    model: evidence.model,
    challenger: evidence.challenger,
    champions: evidence.champions,
    from: evidence.from,
    to: evidence.to,
    clock: evidence.clock,
    comparison,
  };
}

const METRIC_NAMES: Record<ComparedMetric, string> = {
  auc: 'AUC ROC',
  ap: 'average precision',
  cardPrecision: 'card precision@k',
};

const shown = (estimate: Estimate, signed = false) => {
  const f = (v: number) =>
    Number.isNaN(v) ? 'n/a' : `${signed && v > 0 ? '+' : ''}${v.toFixed(4)}`;
  return `${f(estimate.value)} [${f(estimate.low)}, ${f(estimate.high)}]`;
};

/** The comparison as lines: what was compared on what, then one row per metric. */
export function comparisonTable(report: ComparisonReport): string[] {
  const { comparison: c } = report;
  const iso = (ms: number | null) => (ms === null ? 'n/a' : new Date(ms).toISOString());
  const champions = report.champions
    .map((m) => `${m.model} v${m.version} (${m.events})`)
    .join(', ');
  return [
    `${report.model} challenger v${report.challenger} vs the champion (${champions || 'none'}) on the ` +
      `same ${c.events} matured events (${c.frauds} frauds, ${c.days} days) from ${iso(report.from)} ` +
      `to ${iso(report.to)}; ${Math.round(c.confidence * 100)} % intervals from ${c.resamples} ` +
      `paired bootstrap resamples (k = ${c.k})`,
    '',
    '| metric | champion | challenger | challenger − champion |',
    '| ------ | -------- | ---------- | --------------------- |',
    ...COMPARED_METRICS.map((metric) => {
      const m = c.metrics[metric];
      return `| ${METRIC_NAMES[metric]} | ${shown(m.a)} | ${shown(m.b)} | ${shown(m.difference, true)} |`;
    }),
  ];
}

/** `model compare`: prints the table, then the report as one JSON line. */
export async function runCompare(
  argv: readonly string[],
  out: (line: string) => void,
  challengerOf: (name: string, bucket: string | undefined) => Promise<string>,
): Promise<void> {
  const args = parseCompareArgs(argv, process.env);
  const challenger = args.challenger ?? (await challengerOf(args.name, args.bucket));
  const report = await compareChallenger(args.api, { ...args, challenger });
  for (const line of comparisonTable(report)) out(line);
  out(jsonOf(report));
}

export interface PromotionGate {
  readonly metric: ComparedMetric;
  /** Paired matured events needed at least. */
  readonly minEvents: number;
  /** Frauds among them needed at least. */
  readonly minFrauds: number;
}

/**
 * Whether the evidence is enough to promote the challenger: enough paired matured events and
 * frauds, and a gain in `metric` whose whole interval is above zero. Says why not.
 */
export function judgePromotion(
  report: ComparisonReport,
  gate: PromotionGate,
): { readonly promote: boolean; readonly reason: string } {
  const { comparison: c } = report;
  if (c.events < gate.minEvents || c.frauds < gate.minFrauds)
    return {
      promote: false,
      reason:
        `not enough matured evidence: ${c.events} events scored by both (at least ${gate.minEvents} ` +
        `needed) with ${c.frauds} frauds (at least ${gate.minFrauds} needed)`,
    };
  const difference = c.metrics[gate.metric].difference;
  const interval = shown(difference, true);
  if (!(difference.low > 0))
    return {
      promote: false,
      reason: `no significant gain in ${METRIC_NAMES[gate.metric]}: challenger − champion = ${interval}`,
    };
  return {
    promote: true,
    reason: `a significant gain in ${METRIC_NAMES[gate.metric]}: challenger − champion = ${interval} on ${c.events} events`,
  };
}

/** `promote --if-better`'s judge: the comparison from the actions API, then `judgePromotion`. */
export function promotionJudge(env: Readonly<Record<string, string | undefined>>): PromotionJudge {
  return async (name, version, condition) => {
    const report = await compareChallenger(actionsApiOf(condition.url, env), {
      name,
      challenger: version,
      ...(condition.from === undefined ? {} : { from: condition.from }),
      ...(condition.to === undefined ? {} : { to: condition.to }),
    });
    const verdict = judgePromotion(report, condition);
    return {
      ...verdict,
      lines: comparisonTable(report),
      evidence: JSON.parse(jsonOf(report)) as Record<string, unknown>,
    };
  };
}

/** JSON with NaN (an undefined metric or interval) as null. */
const jsonOf = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) => (typeof v === 'number' && Number.isNaN(v) ? null : v));
