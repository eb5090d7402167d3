import { cardNumbers, modelQuality } from '@rtml/model-training';
import type { QualityFigures } from '@rtml/model-training';
import type { StoredLabel } from '../join-labels/label-item.mapper';
import { DAY_MS, utcDayOf } from '../shared/utc-day';
import type { QualityRow } from './quality-row.mapper';

export const MODEL_ROLES = ['champion', 'challenger'] as const;
export type ModelRole = (typeof MODEL_ROLES)[number];

/** The figures with NaN (an undefined metric) as null: what JSON can say. */
export type QualityNumbers = {
  readonly [Key in keyof QualityFigures]: QualityFigures[Key] extends number
    ? number | null
    : never;
};

export interface DayQuality extends QualityNumbers {
  /** `YYYY-MM-DD` (UTC). */
  readonly day: string;
  /** Every event of the day has matured; when false, only the matured ones are counted. */
  readonly complete: boolean;
}

/** One model version in one role, over the matured events it scored. */
export interface VersionQuality {
  readonly model: string;
  readonly version: string;
  readonly role: ModelRole;
  /** AUC and AP over all its matured events of the range; card precision, the days' mean. */
  readonly overall: QualityNumbers;
  readonly days: readonly DayQuality[];
}

export interface QualityInputs {
  /** Quality rows of the days of the range (any order, each event once). */
  readonly rows: readonly QualityRow[];
  /** The stored labels of those days' transactions. */
  readonly labels: readonly StoredLabel[];
  /** The event clock (undefined: nothing stored yet, nothing matured). */
  readonly clock: number | undefined;
  readonly labelDelayMs: number;
  /** Event-time range, epoch ms, both ends included. */
  readonly fromMs: number;
  readonly toMs: number;
  /** Card precision@k's k. */
  readonly k: number;
  /** Only this model's versions (champion or challenger); all models when undefined. */
  readonly model?: string;
  /**
   * `role`: one entry per model and role over all its versions (version `*`), e.g. a
   * self-updating champion over weeks in which it was replaced; `version` (the default): one per
   * version and role.
   */
  readonly pool?: QualityPool;
}

export const QUALITY_POOLS = ['version', 'role'] as const;
export type QualityPool = (typeof QUALITY_POOLS)[number];

/** The version of an entry that pools every version of a role. */
export const ALL_VERSIONS = '*';

/**
 * The online quality of every model version (per role) on the matured events of a range: an
 * event counts once its label delay has passed in event time (`clock ≥ eventTime + delay`), its
 * label is its stored label's (fraud 1, confirmed genuine 0) and 0 with none (a fraud is labelled
 * within the delay), the reference convention. A version's figures are `modelQuality` of its
 * scores on those events, ordered by event time then event id, with cards numbered as the
 * reference numbers them (decimal ids as numbers, other ids by rank), so they equal the offline
 * protocol run on the same scores and labels.
 */
export function evaluateQuality(inputs: QualityInputs): VersionQuality[] {
  const { matured, fraudOf } = maturedRows(inputs);
  const cards = cardNumbers(matured.map((row) => row.entityId));
  const groups = new Map<
    string,
    { model: string; version: string; role: ModelRole; at: number[]; scores: number[] }
  >();
  const add = (model: string, version: string, role: ModelRole, index: number, score: number) => {
    if (inputs.model !== undefined && model !== inputs.model) return;
    if (inputs.pool === 'role') version = ALL_VERSIONS;
    const key = JSON.stringify([model, version, role]);
    let group = groups.get(key);
    if (group === undefined)
      groups.set(key, (group = { model, version, role, at: [], scores: [] }));
    group.at.push(index);
    group.scores.push(score);
  };
  matured.forEach((row, index) => {
    add(row.model, row.version, 'champion', index, row.score);
    if (row.shadow !== null)
      add(row.shadow.model, row.shadow.version, 'challenger', index, row.shadow.score);
  });
  return [...groups.values()]
    .sort(
      (a, b) =>
        compareIds(a.model, b.model) ||
        compareVersions(a.version, b.version) ||
        MODEL_ROLES.indexOf(a.role) - MODEL_ROLES.indexOf(b.role),
    )
    .map(({ model, version, role, at, scores }) => {
      const quality = modelQuality(
        {
          days: at.map((i) => Math.floor((matured[i] as QualityRow).eventTime / DAY_MS)),
          cards: at.map((i) => cards[i] as number),
          labels: at.map((i) => (fraudOf.get((matured[i] as QualityRow).eventId) ? 1 : 0)),
          scores,
        },
        inputs.k,
      );
      return {
        model,
        version,
        role,
        overall: numbersOf(quality.overall),
        days: quality.perDay.map(({ day, ...figures }) => ({
          day: utcDayOf(day * DAY_MS),
          complete: isCompleteDay(day, inputs),
          ...numbersOf(figures),
        })),
      };
    });
}

/** The matured rows of the range in event-time order, and each labelled event's fraud flag. */
function maturedRows(inputs: QualityInputs) {
  const { clock, labelDelayMs, fromMs, toMs } = inputs;
  const fraudOf = new Map(inputs.labels.map((label) => [label.eventId, label.fraud]));
  const matured =
    clock === undefined
      ? []
      : inputs.rows
          .filter(
            (row) =>
              row.eventTime >= fromMs &&
              row.eventTime <= toMs &&
              clock >= row.eventTime + labelDelayMs,
          )
          .sort((a, b) => a.eventTime - b.eventTime || compareIds(a.eventId, b.eventId));
  return { matured, fraudOf };
}

/** Matured events a challenger version scored in shadow: columns for `compareModels`. */
export interface PairedEvidence {
  readonly model: string;
  readonly challenger: string;
  /** The champion versions that scored these events, with how many each. */
  readonly champions: ReadonlyArray<{
    readonly model: string;
    readonly version: string;
    readonly events: number;
  }>;
  /** UTC day numbers (event time ÷ 86,400,000). */
  readonly days: readonly number[];
  readonly cards: readonly number[];
  readonly labels: readonly number[];
  /** The champion's scores of the events. */
  readonly champion: readonly number[];
  /** The challenger's scores of the same events. */
  readonly challengerScores: readonly number[];
}

/**
 * The evidence to judge a challenger by: every matured event of the range that `model` version
 * `challenger` scored in shadow, with the champion's score of the same event (the same events
 * for both, in event-time order), its label and card, as `evaluateQuality` counts them.
 */
export function pairedEvidence(
  inputs: QualityInputs & { readonly model: string; readonly challenger: string },
): PairedEvidence {
  const { matured, fraudOf } = maturedRows(inputs);
  const shadowed = matured.filter(
    (row) => row.shadow?.model === inputs.model && row.shadow.version === inputs.challenger,
  );
  const cards = cardNumbers(shadowed.map((row) => row.entityId));
  const champions = new Map<string, { model: string; version: string; events: number }>();
  for (const row of shadowed) {
    const key = JSON.stringify([row.model, row.version]);
    const seen = champions.get(key) ?? { model: row.model, version: row.version, events: 0 };
    champions.set(key, { ...seen, events: seen.events + 1 });
  }
  return {
    model: inputs.model,
    challenger: inputs.challenger,
    champions: [...champions.values()],
    days: shadowed.map((row) => Math.floor(row.eventTime / DAY_MS)),
    cards,
    labels: shadowed.map((row) => (fraudOf.get(row.eventId) ? 1 : 0)),
    champion: shadowed.map((row) => row.score),
    challengerScores: shadowed.map((row) => (row.shadow as { score: number }).score),
  };
}

/** The matured events of a day that were served one feature set: what a model is trained on. */
export interface LabelledRows {
  readonly eventIds: readonly string[];
  readonly entityIds: readonly string[];
  readonly eventTimes: readonly number[];
  /** 1 fraud, 0 otherwise (a confirmed genuine, or no label once matured). */
  readonly labels: readonly number[];
  /** Each event's feature vector as served, in the feature set's order. */
  readonly features: ReadonlyArray<readonly number[]>;
}

/**
 * The matured events of the range that were scored on feature set `name` version `version`, in
 * event-time order, with their label: the logged features a model is trained on without a
 * backfill, so training sees exactly what serving computed.
 */
export function labelledRowsOf(
  inputs: Omit<QualityInputs, 'k' | 'model'>,
  featureSet: { readonly name: string; readonly version: string },
): LabelledRows {
  const { matured, fraudOf } = maturedRows({ ...inputs, k: 1 });
  const served = matured.filter(
    (row) =>
      row.featureSet.name === featureSet.name && row.featureSet.version === featureSet.version,
  );
  return {
    eventIds: served.map((row) => row.eventId),
    entityIds: served.map((row) => row.entityId),
    eventTimes: served.map((row) => row.eventTime),
    labels: served.map((row) => (fraudOf.get(row.eventId) ? 1 : 0)),
    features: served.map((row) => row.features),
  };
}

/** The range holds the whole day and the day's last millisecond has matured. */
function isCompleteDay(day: number, inputs: QualityInputs): boolean {
  const [start, end] = [day * DAY_MS, (day + 1) * DAY_MS - 1];
  return (
    start >= inputs.fromMs &&
    end <= inputs.toMs &&
    inputs.clock !== undefined &&
    inputs.clock >= end + inputs.labelDelayMs
  );
}

function numbersOf(figures: QualityFigures): QualityNumbers {
  const finite = (value: number) => (Number.isFinite(value) ? value : null);
  return {
    events: figures.events,
    frauds: figures.frauds,
    auc: finite(figures.auc),
    ap: finite(figures.ap),
    cardPrecision: finite(figures.cardPrecision),
  };
}

const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Versions are usually integers: 2 before 10. */
const compareVersions = (a: string, b: string): number => {
  const [x, y] = [Number(a), Number(b)];
  return Number.isSafeInteger(x) && Number.isSafeInteger(y) ? x - y : compareIds(a, b);
};
