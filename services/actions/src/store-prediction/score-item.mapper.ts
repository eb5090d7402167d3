import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Decision, Feature, Prediction, PredictionTimings } from '@rtml/contracts';
import { compactFeatures } from './feature-names.catalog';

const DAY_SECONDS = 86_400;

/** Digits of the zero-padded event time: Number.MAX_SAFE_INTEGER has 16, so every valid time fits. */
const EVENT_TIME_DIGITS = 16;

/**
 * One prediction as stored in the scores table. Attribute names are API (the scores API reads
 * them, operators query them): add attributes, never rename one.
 */
export interface ScoreItem {
  /** Table partition key: the scored event's id, so a redelivery overwrites the same item. */
  readonly eventId: string;
  /** GSI `byEntity` partition key. */
  readonly entityId: string;
  /** GSI `byEntity` sort key: see `entityTimeKey`. */
  readonly eventTimeId: string;
  readonly eventTime: number;
  readonly score: number;
  readonly threshold: number;
  readonly decision: Decision;
  readonly modelName: string;
  readonly modelVersion: string;
  readonly featureSetName: string;
  readonly featureSetVersion: string;
  /**
   * The vector's values in the feature set's order, when this build knows that set version's
   * names (`knownFeatureNames`): the compact form, written for every built-in feature set.
   */
  readonly featureValues?: readonly number[];
  /**
   * The vector with its names, for a feature set this build does not know (and in items written
   * before the compact form). A list, not a map: the set's order is the model's input order.
   */
  readonly features?: readonly Feature[];
  /** Absent when no challenger scored the event. */
  readonly shadow?: {
    readonly modelName: string;
    readonly modelVersion: string;
    readonly score: number;
    readonly decision: Decision;
  };
  readonly timings: PredictionTimings;
  /** TTL attribute, epoch seconds (see `toScoreItem`). */
  readonly expiresAt: number;
}

/**
 * How score items cross the SDK's marshalling. Feature values are doubles, and a sum over a
 * window may pass 2^53: the SDK refuses such a number unless told it may be "imprecise" (it is an
 * exact double, sent as its shortest round-trip string, which DynamoDB stores as written). Read
 * back, numbers are parsed as doubles (not BigInts, which the stored-score parser refuses), so
 * the scores API answers the very values that were stored.
 */
export const SCORE_ITEM_MARSHALL = { removeUndefinedValues: true, allowImpreciseNumbers: true };
export const SCORE_ITEM_UNMARSHALL = { wrapNumbers: (value: string): number => Number(value) };

const text = (value: string): AttributeValue => ({ S: value });

/** As marshall writes a number: its shortest round-trip string; NaN and infinities refused. */
function number(value: number): AttributeValue {
  if (!Number.isFinite(value)) throw new Error(`Special numeric value ${value} is not allowed`);
  return { N: String(value) };
}

/** One writer per attribute: the compiler refuses a ScoreItem attribute without one. */
const ATTRIBUTE_WRITERS: {
  readonly [K in keyof ScoreItem]-?: (value: NonNullable<ScoreItem[K]>) => AttributeValue;
} = {
  eventId: text,
  entityId: text,
  eventTimeId: text,
  eventTime: number,
  score: number,
  threshold: number,
  decision: text,
  modelName: text,
  modelVersion: text,
  featureSetName: text,
  featureSetVersion: text,
  featureValues: (values) => ({ L: values.map(number) }),
  features: (features) => ({
    L: features.map(({ name, value }) => ({ M: { name: text(name), value: number(value) } })),
  }),
  shadow: (shadow) => ({
    M: {
      modelName: text(shadow.modelName),
      modelVersion: text(shadow.modelVersion),
      score: number(shadow.score),
      decision: text(shadow.decision),
    },
  }),
  timings: (timings) => ({
    M: Object.fromEntries(Object.entries(timings).map(([name, value]) => [name, number(value)])),
  }),
  expiresAt: number,
};

/**
 * The item as DynamoDB attribute values: what `marshall(item, SCORE_ITEM_MARSHALL)` makes
 * (score-item.mapper.spec.ts holds them equal), built from the known shape instead of
 * inspecting every value's type at run time, which took a quarter of actions' CPU per stored
 * prediction (docs/benchmarks.md).
 */
export function scoreItemAttributes(item: ScoreItem): Record<string, AttributeValue> {
  const attributes: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries(item) as [keyof ScoreItem, unknown][]) {
    if (value === undefined) continue;
    const write = ATTRIBUTE_WRITERS[name] as ((value: unknown) => AttributeValue) | undefined;
    if (write === undefined) throw new Error(`a score item has no attribute ${String(name)}`);
    attributes[name] = write(value);
  }
  return attributes;
}

/**
 * The GSI sort key: the event time zero-padded to a fixed width, then `#` and the event id. It
 * sorts (byte order) by event time, breaks ties by event id so two events of one millisecond
 * never collide, and lets a time range be a single BETWEEN on the index.
 */
export function entityTimeKey(eventTime: number, eventId: string): string {
  return `${paddedTime(eventTime)}#${eventId}`;
}

/** The smallest and largest sort keys of a time range, both ends included. */
export function entityTimeRange(fromMs: number, toMs: number): { low: string; high: string } {
  // '$' is the byte after '#': every key of the `toMs` millisecond sorts below `<toMs>$`.
  return { low: `${paddedTime(fromMs)}#`, high: `${paddedTime(toMs)}$` };
}

const paddedTime = (eventTime: number): string =>
  String(eventTime).padStart(EVENT_TIME_DIGITS, '0');

/**
 * The stored item: a pure function of the prediction and the configured retention, so storing
 * a redelivered prediction writes the very same item and leaves exactly one. That is also why
 * nothing here reads the clock: `expiresAt` counts the retention from when ingest accepted the
 * event (`timings.ingestedAt`, carried in the prediction), not from "now", which would differ on
 * every redelivery. Not from the event time either: a replay of last year's events would store
 * items that are already expired, and DynamoDB deletes those at once.
 */
export function toScoreItem(prediction: Prediction, retentionDays: number): ScoreItem {
  const { shadow } = prediction;
  return {
    eventId: prediction.eventId,
    entityId: prediction.entityId,
    eventTimeId: entityTimeKey(prediction.eventTime, prediction.eventId),
    eventTime: prediction.eventTime,
    score: prediction.score,
    threshold: prediction.threshold,
    decision: prediction.decision,
    modelName: prediction.model.name,
    modelVersion: prediction.model.version,
    featureSetName: prediction.featureSet.name,
    featureSetVersion: prediction.featureSet.version,
    ...featureAttributes(prediction),
    ...(shadow
      ? {
          shadow: {
            modelName: shadow.model.name,
            modelVersion: shadow.model.version,
            score: shadow.score,
            decision: shadow.decision,
          },
        }
      : {}),
    timings: { ...prediction.timings },
    expiresAt: Math.floor(prediction.timings.ingestedAt / 1_000) + retentionDays * DAY_SECONDS,
  };
}

function featureAttributes(
  prediction: Prediction,
): Pick<ScoreItem, 'featureValues'> | Pick<ScoreItem, 'features'> {
  const values = compactFeatures(prediction.featureSet, prediction.features);
  return values === undefined
    ? { features: prediction.features.map(({ name, value }) => ({ name, value })) }
    : { featureValues: values };
}
