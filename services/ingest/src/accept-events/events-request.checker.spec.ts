import { AppError } from '@rtml/errors';
import { RawEventValidator } from '../ingest-event/raw-event.validator';
import {
  MAX_LISTED_ERRORS,
  MAX_LISTED_ITEMS,
  MAX_LISTED_TEXT,
  checkEventsRequest,
} from './events-request.checker';

const NOW = Date.UTC(2025, 5, 1);
const validator = new RawEventValidator({ maxFutureSkewMs: 3_600_000, maxAmount: 1e9 }, () => NOW);

const transaction = (eventId: string, fields: Record<string, unknown> = {}) => ({
  eventId,
  kind: 'TRANSACTION',
  eventTime: NOW - 1_000,
  customerId: 'c-1',
  terminalId: 't-1',
  amount: 10,
  ...fields,
});

const refusal = (body: unknown, maxBatch = 1_000): AppError => {
  try {
    checkEventsRequest(body, validator, maxBatch);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the request to be refused');
};

describe('checking a POST /v1/events body', () => {
  it('takes a single event object as a batch of one', () => {
    expect(checkEventsRequest(transaction('a'), validator, 1_000)).toEqual([
      expect.objectContaining({ eventId: 'a', kind: 'TRANSACTION' }),
    ]);
  });

  it('takes an array of events and keeps their order', () => {
    const events = checkEventsRequest([transaction('a'), transaction('b')], validator, 1_000);
    expect(events.map((event) => event.eventId)).toEqual(['a', 'b']);
  });

  it('accepts exactly the batch limit and refuses one more, naming the limit', () => {
    const batch = (size: number) => Array.from({ length: size }, (_, i) => transaction(`e${i}`));
    expect(checkEventsRequest(batch(3), validator, 3)).toHaveLength(3);

    const error = refusal(batch(4), 3);
    expect(error).toMatchObject({ code: 'REQUEST_INVALID', httpStatus: 400 });
    expect(error.message).toMatch(/the limit is 3 per request/);
  });

  it('refuses an empty array and a body that is neither an object nor an array', () => {
    for (const body of [[], 'events', 42, null]) {
      expect(refusal(body)).toMatchObject({ code: 'REQUEST_INVALID' });
    }
  });

  it('lists every invalid item with every problem, by index, and refuses the whole request', () => {
    const error = refusal([
      transaction('ok'),
      transaction('neg', { amount: -1, eventTime: 0 }),
      transaction('ok-2'),
      { kind: 'LABEL', eventId: 7 },
    ]);

    expect(error.code).toBe('SCHEMA_INVALID');
    expect(error.message).toBe('2 of 4 events are invalid; none was accepted');
    expect(error.details['items']).toEqual([
      {
        index: 1,
        eventId: 'neg',
        code: 'OUT_OF_RANGE',
        errors: [
          { path: 'eventTime', message: 'must not be before 2000-01-01T00:00:00.000Z' },
          { path: 'amount', message: 'must not be negative' },
        ],
      },
      {
        index: 3,
        eventId: null,
        code: 'SCHEMA_INVALID',
        errors: expect.arrayContaining([
          { path: 'eventId', message: 'must be a string' },
          { path: 'transactionId', message: 'is required' },
        ]),
      },
    ]);
  });

  it('calls a request out of range when no item breaks the schema', () => {
    const error = refusal([transaction('a', { amount: 2e9 }), transaction('b')]);
    expect(error).toMatchObject({ code: 'OUT_OF_RANGE', httpStatus: 400 });
  });

  it('lists at most 20 refused items and 10 problems each, with the counts left out, and never echoes an id past the id limit', () => {
    const unknownFields = Object.fromEntries(
      Array.from({ length: 30 }, (_, i) => [`extra${i}`, i]),
    );
    const body = Array.from({ length: 50 }, (_, i) =>
      transaction(i === 0 ? 'x'.repeat(5_000) : `bad-${i}`, unknownFields),
    );

    const error = refusal(body);

    expect(error.message).toBe('50 of 50 events are invalid; none was accepted');
    const details = error.details as {
      items: { eventId: string | null; errors: unknown[]; omittedErrors?: number }[];
      omittedItems?: number;
    };
    expect(details.items).toHaveLength(MAX_LISTED_ITEMS);
    expect(details.omittedItems).toBe(30);
    for (const item of details.items) expect(item.errors).toHaveLength(MAX_LISTED_ERRORS);
    // 30 unknown fields each; the first also has an id past the limit.
    expect(details.items.map((item) => item.omittedErrors)).toEqual([21, ...Array(19).fill(20)]);
    expect(details.items[0]?.eventId).toBeNull();
    expect(JSON.stringify(error.details).length).toBeLessThan(16_000);
  });

  it('cuts a field path or message past 200 characters (an unknown key of any length)', () => {
    const key = 'k'.repeat(100_000);
    const error = refusal(transaction('a', { [key]: 1 }));

    const [item] = (error.details as { items: { errors: { path: string }[] }[] }).items;
    expect(item?.errors[0]?.path).toBe(`${'k'.repeat(MAX_LISTED_TEXT)}…`);
    expect(JSON.stringify(error.details).length).toBeLessThan(1_000);
  });
});
