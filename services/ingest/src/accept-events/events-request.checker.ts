import { FIELD_LIMITS } from '@rtml/contracts';
import type { FieldError } from '@rtml/contracts';
import { AppError } from '@rtml/errors';
import type { ValidRawEvent } from '../ingest-event/raw-event.schema';
import type { RawEventValidator, RejectionCode } from '../ingest-event/raw-event.validator';

/** One refused event of a request, by its position in the request. */
export interface RejectedItem {
  readonly index: number;
  /** The event's id when it has a usable one, so the caller can find it. */
  readonly eventId: string | null;
  readonly code: RejectionCode;
  readonly errors: readonly FieldError[];
  /** Problems of this item past `MAX_LISTED_ERRORS`, not listed. */
  readonly omittedErrors?: number;
}

/**
 * How much of the refusals a 400 lists: a request of 1,000 bad events, each with dozens of bad
 * fields, would otherwise answer with several times its own size. The counts of what was left
 * out come along (`omittedItems`, each item's `omittedErrors`).
 */
export const MAX_LISTED_ITEMS = 20;
export const MAX_LISTED_ERRORS = 10;
/** A field path or message past this is cut (an unknown key may be any length). */
export const MAX_LISTED_TEXT = 200;

/**
 * Checks a POST /v1/events body: one event object, or an array of 1..maxBatch events. The
 * request is all or nothing, so either every event is valid and they are returned in order,
 * or an AppError lists the invalid events with their problems (`details.items`, bounded by
 * `MAX_LISTED_ITEMS` and `MAX_LISTED_ERRORS`).
 */
export function checkEventsRequest(
  body: unknown,
  validator: RawEventValidator,
  maxBatch: number,
): ValidRawEvent[] {
  const items = requestItems(body, maxBatch);
  const events: ValidRawEvent[] = [];
  const rejected: RejectedItem[] = [];
  items.forEach((item, index) => {
    const verdict = validator.validate(item);
    if (verdict.valid) events.push(verdict.event);
    else
      rejected.push({
        index,
        eventId: eventIdOf(item),
        code: verdict.code,
        errors: verdict.errors,
      });
  });
  if (rejected.length > 0) throw rejectionOf(rejected, items.length);
  return events;
}

function requestItems(body: unknown, maxBatch: number): readonly unknown[] {
  if (Array.isArray(body)) {
    if (body.length === 0) {
      throw new AppError('REQUEST_INVALID', 'the request carries no events: send 1 or more');
    }
    if (body.length > maxBatch) {
      throw new AppError(
        'REQUEST_INVALID',
        `the request carries ${body.length} events; the limit is ${maxBatch} per request`,
        { details: { limit: maxBatch, received: body.length } },
      );
    }
    return body;
  }
  if (typeof body === 'object' && body !== null) return [body];
  throw new AppError(
    'REQUEST_INVALID',
    `the body must be an event object or an array of 1 to ${maxBatch} events`,
  );
}

function rejectionOf(items: readonly RejectedItem[], total: number): AppError {
  // A broken schema is the more fundamental problem: it names the request when any item has one.
  const code = items.some((item) => item.code === 'SCHEMA_INVALID')
    ? 'SCHEMA_INVALID'
    : 'OUT_OF_RANGE';
  const message = `${items.length} of ${total} events are invalid; none was accepted`;
  const listed = items.slice(0, MAX_LISTED_ITEMS).map((item) => ({
    ...item,
    errors: item.errors.slice(0, MAX_LISTED_ERRORS).map(({ path, message }) => ({
      path: cut(path),
      message: cut(message),
    })),
    ...(item.errors.length > MAX_LISTED_ERRORS
      ? { omittedErrors: item.errors.length - MAX_LISTED_ERRORS }
      : {}),
  }));
  const omittedItems = items.length - listed.length;
  return new AppError(code, message, {
    details: { items: listed, ...(omittedItems > 0 ? { omittedItems } : {}) },
  });
}

const cut = (text: string): string =>
  text.length > MAX_LISTED_TEXT ? `${text.slice(0, MAX_LISTED_TEXT)}…` : text;

/** The event's id, when it is one ingest could have accepted (never an echo of any length). */
function eventIdOf(item: unknown): string | null {
  const id = (item as { eventId?: unknown } | null)?.eventId;
  return typeof id === 'string' && id.length > 0 && id.length <= FIELD_LIMITS.idMaxLength
    ? id
    : null;
}
