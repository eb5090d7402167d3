import type {
  EnrichedEvent,
  Feature,
  Label,
  Prediction,
  RawEvent,
  Transaction,
} from '../generated/contract.types';
import { FIELD_LIMITS } from '../limits.catalog';

/**
 * Values at every bound of `FIELD_LIMITS`, one event followed through every stage: the raw
 * events ingest must accept, the transaction and label it publishes for them, the enriched event
 * features makes of that transaction and the prediction scoring makes of it. Each stage's limits
 * test walks its own step, so together they prove that nothing ingest accepts is refused later.
 *
 * Ids and attributes (producers' text) at a length bound use 3-byte characters: the most UTF-8
 * bytes that length admits. Feature, feature-set and model names are configuration, which only
 * takes ASCII names (`[A-Za-z0-9._-]`): theirs are ASCII at their length bound.
 */

const DAY_MS = 86_400_000;

/** `length` code units of 3-byte characters, distinct per `tag` (itself kept short). */
export const widestString = (length: number, tag = ''): string =>
  tag + '€'.repeat(Math.max(0, length - tag.length));

const L = FIELD_LIMITS;

/** The largest a window's count may realistically reach: a billion events of one entity. */
const MAX_WINDOW_EVENTS = 1e9;

const ids = {
  transaction: widestString(L.idMaxLength, 'T'),
  label: widestString(L.idMaxLength, 'L'),
  customer: widestString(L.idMaxLength, 'C'),
  terminal: widestString(L.idMaxLength, 'P'),
};

/** The most attributes, each name and value at its length bound. */
const widestAttributes: Record<string, string> = Object.fromEntries(
  Array.from({ length: L.attributesMaxCount }, (_, index) => [
    widestString(L.attributeKeyMaxLength, `a${index}`),
    widestString(L.attributeValueMaxLength, `v${index}`),
  ]),
);

const rawTransaction = (eventId: string, amount: number): RawEvent => ({
  eventId,
  kind: 'TRANSACTION',
  eventTime: L.minEventTime,
  customerId: ids.customer,
  terminalId: ids.terminal,
  amount,
  transactionId: null,
  transactionTime: null,
  fraud: null,
  attributes: widestAttributes,
});

/**
 * Raw events at the bounds: the largest amount (the ceiling, for an ingest configured with it),
 * the smallest positive one, zero, and a label. All at the earliest event time.
 */
export const limitRawEvents: readonly RawEvent[] = [
  rawTransaction(ids.transaction, L.amountCeiling),
  rawTransaction(widestString(L.idMaxLength, 'S'), L.minPositiveAmount),
  rawTransaction(widestString(L.idMaxLength, 'Z'), 0),
  {
    eventId: ids.label,
    kind: 'LABEL',
    eventTime: L.minEventTime + 7 * DAY_MS,
    customerId: ids.customer,
    terminalId: ids.terminal,
    amount: null,
    transactionId: ids.transaction,
    transactionTime: L.minEventTime,
    fraud: true,
    attributes: null,
  },
];

/** When ingest accepted the boundary events (the stamp the ingest test gives its mapper). */
export const LIMIT_INGESTED_AT = L.minEventTime + 8 * DAY_MS;

/** What ingest publishes for each transaction of `limitRawEvents`, in order. */
export const limitTransactions: readonly Transaction[] = limitRawEvents
  .filter((event) => event.kind === 'TRANSACTION')
  .map((event) => ({
    eventId: event.eventId,
    eventTime: event.eventTime,
    customerId: event.customerId as string,
    terminalId: event.terminalId as string,
    amount: event.amount as number,
    attributes: widestAttributes,
    ingestedAt: LIMIT_INGESTED_AT,
    source: 'KAFKA',
  }));

/** What ingest publishes for the label of `limitRawEvents`. */
export const limitLabel: Label = {
  eventId: ids.label,
  transactionId: ids.transaction,
  transactionTime: L.minEventTime,
  customerId: ids.customer,
  terminalId: ids.terminal,
  fraud: true,
  eventTime: L.minEventTime + 7 * DAY_MS,
  ingestedAt: LIMIT_INGESTED_AT,
  source: 'KAFKA',
};

/**
 * Feature values at the extremes accepted amounts produce: the amount itself (the ceiling, the
 * smallest positive, zero), a sum of the largest amount over the most events, a mean of the
 * smallest over the most events, a ratio.
 */
const EXTREME_VALUES = [
  L.amountCeiling,
  L.minPositiveAmount,
  0,
  L.amountCeiling * MAX_WINDOW_EVENTS,
  L.minPositiveAmount / MAX_WINDOW_EVENTS,
  0.5,
];

/** An ASCII configuration name of `length` characters. */
const longestName = (length: number, tag: string): string => tag.padEnd(length, '_');

/** The most features, each name at its length bound. */
export const limitFeatures: readonly Feature[] = Array.from(
  { length: L.featuresMaxCount },
  (_, index) => ({
    name: longestName(L.featureNameMaxLength, `F${index}`),
    value: EXTREME_VALUES[index % EXTREME_VALUES.length] as number,
  }),
);

const widestName = (tag: string) => longestName(L.nameMaxLength, tag);

/** Feature-set versions are positive integers; the widest a prediction can carry. */
const LONGEST_SET_VERSION = String(Number.MAX_SAFE_INTEGER);

/** The enriched event features makes of the first (largest-amount) boundary transaction. */
export const limitEnrichedEvent: EnrichedEvent = {
  eventId: ids.transaction,
  eventTime: L.minEventTime,
  entityId: ids.customer,
  transaction: limitTransactions[0] as Transaction,
  featureSet: { name: widestName('fs'), version: LONGEST_SET_VERSION },
  features: limitFeatures,
  timings: { ingestedAt: LIMIT_INGESTED_AT, enrichedAt: LIMIT_INGESTED_AT + 1 },
};

/** The prediction scoring makes of `limitEnrichedEvent`, a challenger shadowing it. */
export const limitPrediction: Prediction = {
  eventId: limitEnrichedEvent.eventId,
  eventTime: limitEnrichedEvent.eventTime,
  entityId: limitEnrichedEvent.entityId,
  score: 1,
  threshold: 0.5,
  decision: 'ALERT',
  model: { name: widestName('m'), version: widestName('v') },
  featureSet: limitEnrichedEvent.featureSet,
  features: limitFeatures,
  shadow: {
    model: { name: widestName('c'), version: widestName('v') },
    score: 0,
    decision: 'ALLOW',
  },
  timings: {
    ...limitEnrichedEvent.timings,
    scoredAt: LIMIT_INGESTED_AT + 2,
    scoringMs: 0.25,
  },
};
