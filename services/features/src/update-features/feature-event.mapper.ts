import type { FieldError, Label, Transaction } from '@rtml/contracts';
import type { FeatureEvent } from '@rtml/feature-engine';

/** A mapping that either succeeds or lists every field problem (for the dead-letter envelope). */
export type Mapped<T> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false;
      readonly code: 'SCHEMA_INVALID' | 'OUT_OF_RANGE';
      readonly fields: FieldError[];
    };

/** What the window store needs to place a label on the labelled transaction's entries. */
export interface LabelPlacement {
  readonly transactionId: string;
  /** The labelled transaction's event time, whole epoch seconds (its entries' score). */
  readonly transactionTime: number;
  readonly fraud: 0 | 1;
  /** Entity key values by field, for the entities whose state holds labels. */
  readonly entities: Readonly<Record<string, string>>;
}

const CANONICAL_UNSIGNED = /^(?:0|[1-9][0-9]*)$/;

/** Event time in the engines' unit: whole epoch seconds, rounded down (also before 1970). */
export const toEventSeconds = (epochMillis: number): number => Math.floor(epochMillis / 1000);

/**
 * The tie-breaker among events of the same second. An event id that is a canonical non-negative
 * safe integer (`0`, `42`; not `042`, `-1`, `1e3`) is its own seq: the reference data's
 * TRANSACTION_ID is the processing order, and the offline engine uses it, so ties resolve the
 * same way in both engines. Any other id falls back to the event time in milliseconds.
 */
export function sequenceOf(eventId: string, eventTimeMillis: number): number {
  if (CANONICAL_UNSIGNED.test(eventId)) {
    const id = Number(eventId);
    if (Number.isSafeInteger(id)) return id;
  }
  return eventTimeMillis;
}

/**
 * The transaction as the feature engine sees it. An entity field is read from the transaction's
 * own field of that name (customerId, terminalId), else from its attributes; a missing or empty
 * key is a poison record, since its state cannot be addressed.
 */
export function toFeatureEvent(
  transaction: Transaction,
  entityFields: readonly string[],
): Mapped<FeatureEvent> {
  const missing: FieldError[] = [];
  const entities = entityKeys(transaction, entityFields, missing);
  const invalid: FieldError[] = [];
  if (transaction.eventId.length === 0) invalid.push({ path: 'eventId', message: 'is empty' });
  if (!Number.isSafeInteger(transaction.eventTime))
    invalid.push({ path: 'eventTime', message: 'is not a safe integer of milliseconds' });
  if (!Number.isFinite(transaction.amount) || transaction.amount < 0)
    invalid.push({ path: 'amount', message: 'must be finite and not negative' });
  const problems = rejection(missing, invalid);
  if (problems) return problems;
  return {
    ok: true,
    value: {
      eventId: transaction.eventId,
      time: toEventSeconds(transaction.eventTime),
      seq: sequenceOf(transaction.eventId, transaction.eventTime),
      amount: transaction.amount,
      entities,
    },
  };
}

/** Where a label goes: the entities whose state holds labels (their key fields must be set). */
export function toLabelPlacement(
  label: Label,
  labelEntityFields: readonly string[],
): Mapped<LabelPlacement> {
  const missing: FieldError[] = [];
  const entities = entityKeys({ ...label, attributes: {} }, labelEntityFields, missing);
  const invalid: FieldError[] = [];
  if (label.transactionId.length === 0)
    invalid.push({ path: 'transactionId', message: 'is empty' });
  if (!Number.isSafeInteger(label.transactionTime))
    invalid.push({ path: 'transactionTime', message: 'is not a safe integer of milliseconds' });
  const problems = rejection(missing, invalid);
  if (problems) return problems;
  return {
    ok: true,
    value: {
      transactionId: label.transactionId,
      transactionTime: toEventSeconds(label.transactionTime),
      fraud: label.fraud ? 1 : 0,
      entities,
    },
  };
}

type KeySource = Pick<Transaction, 'customerId' | 'terminalId' | 'attributes'>;

function entityKeys(
  source: KeySource,
  entityFields: readonly string[],
  missing: FieldError[],
): Record<string, string> {
  const keys: Record<string, string> = {
    customerId: source.customerId,
    terminalId: source.terminalId,
  };
  for (const field of entityFields) {
    const own = field === 'customerId' || field === 'terminalId';
    const { attributes } = source;
    const key = own
      ? source[field]
      : Object.hasOwn(attributes, field)
        ? attributes[field]
        : undefined;
    const path = own ? field : `attributes.${field}`;
    if (key === undefined || key.length === 0)
      missing.push({ path, message: 'entity key is missing or empty' });
    else keys[field] = key;
  }
  return keys;
}

/** A missing entity key is a schema problem; a present but unusable value is out of range. */
function rejection(
  missing: FieldError[],
  invalid: FieldError[],
): Extract<Mapped<never>, { ok: false }> | undefined {
  if (missing.length === 0 && invalid.length === 0) return undefined;
  const code = missing.length > 0 ? 'SCHEMA_INVALID' : 'OUT_OF_RANGE';
  return { ok: false, code, fields: [...missing, ...invalid] };
}
