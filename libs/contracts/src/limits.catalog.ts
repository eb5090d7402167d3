/**
 * DynamoDB's documented limits that the scores and alert-state tables meet: key attribute sizes
 * in UTF-8 bytes, the item size (attribute names and values), and the range of its numbers
 * (38 significant digits; a smaller magnitude or a larger one is refused, not rounded).
 */
export const DYNAMODB_LIMITS = {
  partitionKeyMaxBytes: 2_048,
  sortKeyMaxBytes: 1_024,
  itemMaxBytes: 400 * 1_024,
  smallestMagnitude: 1e-130,
  // DynamoDB's largest is 9.99…9e125 (38 nines); as a double that rounds up to 1e126, which it refuses.
  largestMagnitude: 9.9e125,
} as const;

/** At most 3 UTF-8 bytes per UTF-16 code unit (a surrogate pair, 2 units, is 4 bytes). */
export const MAX_UTF8_BYTES_PER_CODE_UNIT = 3;

/**
 * Every bound a value meets on its way through the pipeline, defined once. Ingest validates
 * events against them (a per-field 400, or a dead letter, naming the bound), and every later
 * stage's parser checks the same constants, so whatever ingest accepts every stage accepts:
 * nothing accepted is dead-lettered downstream. Lengths count UTF-16 code units (JavaScript's
 * `length`, one per character for most text). Each bound is API: tightening one refuses events
 * that were accepted before; `limits.catalog.spec.ts` proves each still fits the stores.
 */
export const FIELD_LIMITS = {
  /**
   * eventId, transactionId, customerId, terminalId (and entityId, the customer): idempotency keys
   * and entity keys in Redis and DynamoDB. 200 units are at most 600 UTF-8 bytes, inside
   * DynamoDB's key limits with our prefixes (the `byEntity` sort key is `<16 digits>#<eventId>`).
   */
  idMaxLength: 200,
  /**
   * `attributes`, a free map of strings carried with a transaction into `features.enriched`:
   * bounded so an enriched event (its transaction plus a full feature vector) fits one Kafka
   * record with room to spare. Keys name entity fields of a feature set; values may be entity keys.
   */
  attributesMaxCount: 64,
  attributeKeyMaxLength: 64,
  attributeValueMaxLength: 1_024,
  /**
   * The earliest event time (epoch milliseconds). Replays of historical data (the reference data
   * set is from 2018) must pass; a time before 2000 is nearly always seconds sent for milliseconds.
   */
  minEventTime: Date.UTC(2000, 0, 1),
  /**
   * The most `MAX_AMOUNT` may be set to. Amounts become feature values (the amount itself, sums
   * and means over windows) stored as DynamoDB numbers; past 1e15 a double loses the cents anyway.
   */
  amountCeiling: 1e15,
  /**
   * The smallest amount above zero. Far below any currency's unit (1e-18 is a wei), far above
   * DynamoDB's smallest number: a window's mean (at least this over any count of events) stays
   * storable, where an amount like 1e-200 would make its feature vector unstorable.
   */
  minPositiveAmount: 1e-30,
  /**
   * A feature vector (from the configured feature set, not from events): at most this many
   * features with names this long, so a prediction's stored item stays far under 400 KB.
   */
  featuresMaxCount: 1_000,
  featureNameMaxLength: 64,
  /** Model and feature-set names and versions, carried in every prediction and stored item. */
  nameMaxLength: 128,
} as const;

/** Zero, or a magnitude DynamoDB can store (`DYNAMODB_LIMITS`); NaN and ±∞ are neither. */
export const isStorableNumber = (value: number): boolean =>
  value === 0 ||
  (Math.abs(value) >= DYNAMODB_LIMITS.smallestMagnitude &&
    Math.abs(value) <= DYNAMODB_LIMITS.largestMagnitude);

/** An amount ingest and every later stage take: finite, zero or at least the smallest positive. */
export const isAcceptedAmount = (amount: number): boolean =>
  Number.isFinite(amount) &&
  (amount === 0 ||
    (amount >= FIELD_LIMITS.minPositiveAmount && amount <= FIELD_LIMITS.amountCeiling));
