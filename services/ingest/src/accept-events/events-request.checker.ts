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
}

/**
 * Checks a POST /v1/events body: one event object, or an array of 1..maxBatch events. The
 * request is all or nothing, so either every event is valid and they are returned in order,
 * or an AppError lists every invalid event with every problem of each (`details.items`).
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
  return new AppError(code, message, { details: { items } });
}

function eventIdOf(item: unknown): string | null {
  const id = (item as { eventId?: unknown } | null)?.eventId;
  return typeof id === 'string' && id.length > 0 ? id : null;
}
