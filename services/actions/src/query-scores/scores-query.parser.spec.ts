import { FIELD_LIMITS } from '@rtml/contracts';
import { AppError } from '@rtml/errors';
import { entityTimeKey } from '../store-prediction/score-item.mapper';
import { encodeCursor } from './score-cursor.codec';
import { parseEntityScoresQuery, parseEventId } from './scores-query.parser';

const fieldsOf = (attempt: () => unknown) => {
  try {
    attempt();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('REQUEST_INVALID');
    return ((error as AppError).details['fields'] as Array<{ path: string }>).map((f) => f.path);
  }
  throw new Error('expected the query to be refused');
};

describe('the entity scores query', () => {
  it('defaults to all of time and 100 items', () => {
    expect(parseEntityScoresQuery('c-1', {})).toEqual({
      entityId: 'c-1',
      fromMs: 0,
      toMs: Number.MAX_SAFE_INTEGER,
      limit: 100,
    });
  });

  it('takes times as epoch milliseconds or ISO-8601 dates and date-times with a zone', () => {
    const query = parseEntityScoresQuery('c-1', {
      from: '2023-11-14T22:13:20Z',
      to: '1700006400000',
      limit: '1000',
    });

    expect([query.fromMs, query.toMs, query.limit]).toEqual([
      1_700_000_000_000, 1_700_006_400_000, 1_000,
    ]);
    expect(parseEntityScoresQuery('c-1', { from: '2023-11-15' }).fromMs).toBe(1_700_006_400_000);
    expect(parseEntityScoresQuery('c-1', { from: '2023-11-15T01:00:00+01:00' }).fromMs).toBe(
      1_700_006_400_000,
    );
  });

  it('reports every bad parameter at once, each under its own name', () => {
    const fields = fieldsOf(() =>
      parseEntityScoresQuery('c-1', {
        from: 'yesterday',
        to: '2023-11-15T10:00',
        limit: '0',
        sort: 'desc',
      }),
    );

    expect(fields.sort()).toEqual(['from', 'limit', 'sort', 'to']);
  });

  it.each(['0', '1001', '-5', '2.5', 'ten', ''])('refuses limit=%s', (limit) => {
    expect(fieldsOf(() => parseEntityScoresQuery('c-1', { limit }))).toEqual(['limit']);
  });

  it('refuses a range whose start is after its end', () => {
    expect(fieldsOf(() => parseEntityScoresQuery('c-1', { from: '2000', to: '1000' }))).toEqual([
      'from',
    ]);
  });

  it('refuses a parameter given twice', () => {
    expect(fieldsOf(() => parseEntityScoresQuery('c-1', { limit: ['5', '6'] }))).toEqual(['limit']);
  });

  it('continues after the key in a cursor of the same entity and range', () => {
    const after = { eventId: 'e-3', entityId: 'c-1', eventTimeId: entityTimeKey(1_500, 'e-3') };

    const query = parseEntityScoresQuery('c-1', {
      from: '1000',
      to: '2000',
      cursor: encodeCursor(after),
    });

    expect(query.after).toEqual(after);
  });

  it.each([
    ['garbage', 'not*a*cursor'],
    [
      'of another entity',
      encodeCursor({ eventId: 'e', entityId: 'c-2', eventTimeId: entityTimeKey(1_500, 'e') }),
    ],
    [
      'outside the range',
      encodeCursor({ eventId: 'e', entityId: 'c-1', eventTimeId: entityTimeKey(3_000, 'e') }),
    ],
  ])('refuses a cursor that is %s', (_, cursor) => {
    expect(
      fieldsOf(() => parseEntityScoresQuery('c-1', { from: '1000', to: '2000', cursor })),
    ).toEqual(['cursor']);
  });

  it('refuses ids past the pipeline limit (never stored), and takes ids at it', () => {
    const { idMaxLength } = FIELD_LIMITS;
    expect(fieldsOf(() => parseEventId('x'.repeat(idMaxLength + 1)))).toEqual(['eventId']);
    expect(fieldsOf(() => parseEntityScoresQuery('é'.repeat(idMaxLength + 1), {}))).toEqual([
      'entityId',
    ]);
    expect(parseEventId('€'.repeat(idMaxLength))).toBe('€'.repeat(idMaxLength));
  });
});
