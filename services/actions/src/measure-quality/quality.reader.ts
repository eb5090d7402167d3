import { AppError } from '@rtml/errors';
import type { LabelStore } from '../join-labels/label.store';
import type { EventClock } from '../read-outcomes/event-clock.store';
import { mapBounded } from '../shared/bounded-concurrency';
import { DAY_MS, startOfUtcDay, utcDayOf } from '../shared/utc-day';
import type { StoredLabel } from '../join-labels/label-item.mapper';
import { evaluateQuality, labelledRowsOf, pairedEvidence } from './quality.evaluation';
import type {
  LabelledRows,
  PairedEvidence,
  QualityPool,
  VersionQuality,
} from './quality.evaluation';
import type { QualityRow } from './quality-row.mapper';
import type { QualityRowStore } from './quality-row.store';

/** Days read at once: each is a Query of the quality table and one of the labels index. */
const DAY_CONCURRENCY = 4;

export interface QualityReaderParts {
  readonly rows: QualityRowStore;
  readonly labels: LabelStore;
  readonly clock: EventClock;
  /** LABEL_DELAY_DAYS in milliseconds. */
  readonly labelDelayMs: number;
  /** QUALITY_WINDOW_DAYS: the range when a query gives no `from`. */
  readonly windowDays: number;
}

/** The longest range one query reads: a day is two Queries and up to a few MB. */
export const MAX_QUALITY_DAYS = 92;

export interface QualityQuery {
  /** Only this model's versions; all models when undefined. */
  readonly model?: string;
  /** See `QualityInputs.pool`. */
  readonly pool?: QualityPool;
  /**
   * Event-time range, epoch ms, both ends included. `to` defaults to the newest matured event
   * time (the clock minus the label delay), `from` to the start of the `windowDays`-th day
   * before it (so by default: the quality window up to now).
   */
  readonly fromMs?: number;
  readonly toMs?: number;
  readonly k: number;
}

export interface QualityAnswer {
  /** The event clock the maturity was judged by (null: nothing stored yet). */
  readonly clock: number | null;
  /** The range judged (null with no clock and no range given). */
  readonly from: number | null;
  readonly to: number | null;
  readonly versions: readonly VersionQuality[];
}

/**
 * Online quality from storage: the quality rows and the labels of each UTC day of the range (a
 * Query each), the event clock read first, then `evaluateQuality`. Reads only what it needs of
 * the range: days with no matured event are not read.
 */
export class QualityReader {
  constructor(private readonly parts: QualityReaderParts) {}

  async quality(query: QualityQuery): Promise<QualityAnswer> {
    const range = await this.read(query);
    if (range.clock === undefined)
      return { clock: null, from: range.fromMs ?? null, to: range.toMs ?? null, versions: [] };
    return {
      clock: range.clock,
      from: range.fromMs,
      to: range.toMs,
      versions: evaluateQuality({
        ...range,
        k: query.k,
        ...(query.model === undefined ? {} : { model: query.model }),
        ...(query.pool === undefined ? {} : { pool: query.pool }),
      }),
    };
  }

  /**
   * The paired evidence of one challenger version of `model` over the range: what
   * `npm run model -- compare` and `promote --if-better` judge it by.
   */
  async evidence(
    query: Omit<QualityQuery, 'k' | 'model'> & {
      readonly model: string;
      readonly challenger: string;
    },
  ): Promise<EvidenceAnswer> {
    const range = await this.read(query);
    const none = { model: query.model, challenger: query.challenger };
    if (range.clock === undefined)
      return { clock: null, from: range.fromMs ?? null, to: range.toMs ?? null, ...none, ...empty };
    return {
      clock: range.clock,
      from: range.fromMs,
      to: range.toMs,
      ...pairedEvidence({ ...range, k: 1, model: query.model, challenger: query.challenger }),
    };
  }

  /**
   * The matured events of one UTC day that were served a feature set, with their vectors and
   * labels (`model train --from-store` reads the days of its range one by one). `complete`: every
   * event of the day has matured.
   */
  async labelledRows(query: {
    readonly featureSet: string;
    readonly version: string;
    readonly day: string;
  }): Promise<LabelledRowsAnswer> {
    const fromMs = startOfUtcDay(query.day);
    const toMs = fromMs + DAY_MS - 1;
    const range = await this.read({ fromMs, toMs });
    const base = { featureSet: query.featureSet, version: query.version, day: query.day };
    if (range.clock === undefined) return { ...base, clock: null, complete: false, ...noRows };
    return {
      ...base,
      clock: range.clock,
      complete: range.clock >= toMs + this.parts.labelDelayMs,
      ...labelledRowsOf(range, { name: query.featureSet, version: query.version }),
    };
  }

  /** The range with its defaults, the clock, and the rows and labels of its days. */
  private async read(query: Pick<QualityQuery, 'fromMs' | 'toMs'>): Promise<ReadRange> {
    const { rows, labels, clock: eventClock, labelDelayMs, windowDays } = this.parts;
    const clock = await eventClock.read();
    const toMs = query.toMs ?? (clock === undefined ? undefined : clock - labelDelayMs);
    const fromMs =
      query.fromMs ??
      (toMs === undefined ? undefined : (Math.floor(toMs / DAY_MS) - windowDays + 1) * DAY_MS);
    if (fromMs !== undefined && toMs !== undefined && toMs - fromMs >= MAX_QUALITY_DAYS * DAY_MS)
      throw new AppError('REQUEST_INVALID', `a quality range is at most ${MAX_QUALITY_DAYS} days`, {
        details: {
          fields: [{ path: 'from', message: `at most ${MAX_QUALITY_DAYS} days before to` }],
        },
      });
    if (clock === undefined || fromMs === undefined || toMs === undefined)
      return { clock: undefined, fromMs, toMs };
    // Days past the newest matured event hold nothing to count: not read.
    const lastMs = Math.min(toMs, clock - labelDelayMs);
    const days: string[] = [];
    for (let day = Math.floor(fromMs / DAY_MS); day * DAY_MS <= lastMs; day++)
      days.push(utcDayOf(day * DAY_MS));
    const read = await mapBounded(days, DAY_CONCURRENCY, (day) =>
      Promise.all([rows.rowsOfDay(day), labels.labelsOfDay(day)]),
    );
    return {
      clock,
      fromMs,
      toMs,
      labelDelayMs,
      rows: read.flatMap(([dayRows]) => dayRows),
      labels: read.flatMap(([, dayLabels]) => dayLabels),
    };
  }
}

type ReadRange =
  | {
      readonly clock: undefined;
      readonly fromMs: number | undefined;
      readonly toMs: number | undefined;
    }
  | {
      readonly clock: number;
      readonly fromMs: number;
      readonly toMs: number;
      readonly labelDelayMs: number;
      readonly rows: QualityRow[];
      readonly labels: StoredLabel[];
    };

const empty = {
  champions: [],
  days: [],
  cards: [],
  labels: [],
  champion: [],
  challengerScores: [],
};

const noRows = { eventIds: [], entityIds: [], eventTimes: [], labels: [], features: [] };

export interface LabelledRowsAnswer extends LabelledRows {
  readonly featureSet: string;
  readonly version: string;
  readonly day: string;
  readonly clock: number | null;
  readonly complete: boolean;
}

export type EvidenceAnswer = Omit<QualityAnswer, 'versions'> & PairedEvidence;
