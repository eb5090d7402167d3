import type { Prediction } from '@rtml/contracts';
import { AppError } from '@rtml/errors';
import { z } from 'zod';

import { utcDayOf } from '../shared/utc-day';

const DAY_SECONDS = 86_400;

/**
 * What online quality and training from the store need of one prediction: who was scored when,
 * by which models, on which feature vector. Scores and feature values are the prediction's own
 * doubles (JSON keeps them exact), the values in the feature set's order (its names are the set's).
 */
export interface QualityRow {
  readonly eventId: string;
  readonly entityId: string;
  readonly eventTime: number;
  readonly model: string;
  readonly version: string;
  readonly score: number;
  readonly shadow: {
    readonly model: string;
    readonly version: string;
    readonly score: number;
  } | null;
  readonly featureSet: { readonly name: string; readonly version: string };
  readonly features: readonly number[];
}

/**
 * One item of the quality table: the rows of one delivered batch that fall on one UTC day
 * (partition key `day`, `YYYY-MM-DD`), sort key `batch` = the batch's input partition and first
 * offset (and a chunk number when the rows do not fit one item). A pure function of the batch, so
 * a batch processed again writes the same items; a batch re-cut after a rebalance may leave an
 * event in two items, which the reader counts once (by event id). Attribute names are API.
 */
export interface QualityItem {
  readonly day: string;
  readonly batch: string;
  /** The rows as JSON tuples (see `ROW_FIELDS`): one attribute, a fraction of the item size. */
  readonly rows: string;
  /** TTL attribute, epoch seconds: the scores' retention from the batch's newest ingestion. */
  readonly expiresAt: number;
}

/** Under DynamoDB's 400 KB item limit with room for the keys and attribute names. */
export const QUALITY_ITEM_MAX_ROW_BYTES = 300_000;

export function qualityRowOf(prediction: Prediction): QualityRow {
  return {
    eventId: prediction.eventId,
    entityId: prediction.entityId,
    eventTime: prediction.eventTime,
    model: prediction.model.name,
    version: prediction.model.version,
    score: prediction.score,
    shadow:
      prediction.shadow === null
        ? null
        : {
            model: prediction.shadow.model.name,
            version: prediction.shadow.model.version,
            score: prediction.shadow.score,
          },
    featureSet: { name: prediction.featureSet.name, version: prediction.featureSet.version },
    features: prediction.features.map((feature) => feature.value),
  };
}

type RowTuple = [
  string,
  string,
  number,
  string,
  string,
  number,
  string | null,
  string | null,
  number | null,
  string,
  string,
  number[],
];

const toTuple = (row: QualityRow): RowTuple => [
  row.eventId,
  row.entityId,
  row.eventTime,
  row.model,
  row.version,
  row.score,
  row.shadow?.model ?? null,
  row.shadow?.version ?? null,
  row.shadow?.score ?? null,
  row.featureSet.name,
  row.featureSet.version,
  [...row.features],
];

/**
 * The quality items of one batch: its predictions grouped by UTC day, each day's rows in batch
 * order, cut into items of at most `QUALITY_ITEM_MAX_ROW_BYTES` of JSON.
 */
export function qualityItemsOf(
  position: { readonly partition: number; readonly firstOffset: string },
  predictions: readonly Prediction[],
  retentionDays: number,
): QualityItem[] {
  const byDay = new Map<string, { tuples: string[]; newestIngestedAt: number }>();
  for (const prediction of predictions) {
    const day = utcDayOf(prediction.eventTime);
    let group = byDay.get(day);
    if (group === undefined) byDay.set(day, (group = { tuples: [], newestIngestedAt: 0 }));
    group.tuples.push(JSON.stringify(toTuple(qualityRowOf(prediction))));
    group.newestIngestedAt = Math.max(group.newestIngestedAt, prediction.timings.ingestedAt);
  }
  const batch = `${String(position.partition).padStart(5, '0')}#${position.firstOffset.padStart(20, '0')}`;
  const items: QualityItem[] = [];
  for (const [day, { tuples, newestIngestedAt }] of byDay) {
    const expiresAt = Math.floor(newestIngestedAt / 1_000) + retentionDays * DAY_SECONDS;
    let chunk: string[] = [];
    let bytes = 0;
    let index = 0;
    const flush = () => {
      items.push({ day, batch: `${batch}#${index}`, rows: `[${chunk.join(',')}]`, expiresAt });
      index += 1;
      chunk = [];
      bytes = 0;
    };
    for (const tuple of tuples) {
      const size = Buffer.byteLength(tuple) + 1;
      if (chunk.length > 0 && bytes + size > QUALITY_ITEM_MAX_ROW_BYTES) flush();
      chunk.push(tuple);
      bytes += size;
    }
    flush();
  }
  return items;
}

const tupleSchema = z.tuple([
  z.string(),
  z.string(),
  z.number(),
  z.string(),
  z.string(),
  z.number(),
  z.string().nullable(),
  z.string().nullable(),
  z.number().nullable(),
  z.string(),
  z.string(),
  z.array(z.number()),
]);

/** The rows of a stored quality item; one that does not parse was not written here: INTERNAL. */
export function rowsOfItem(item: { readonly rows?: unknown }): QualityRow[] {
  const parsed = z
    .array(tupleSchema)
    .safeParse(typeof item.rows === 'string' ? safeJson(item.rows) : undefined);
  if (!parsed.success)
    throw new AppError('INTERNAL', 'a stored quality item does not have the expected shape', {
      retriable: false,
    });
  return parsed.data.map(
    ([
      eventId,
      entityId,
      eventTime,
      model,
      version,
      score,
      sm,
      sv,
      ss,
      fsName,
      fsVersion,
      values,
    ]) => ({
      eventId,
      entityId,
      eventTime,
      model,
      version,
      score,
      shadow:
        sm !== null && sv !== null && ss !== null ? { model: sm, version: sv, score: ss } : null,
      featureSet: { name: fsName, version: fsVersion },
      features: values,
    }),
  );
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
