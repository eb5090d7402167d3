import { AppError } from '@rtml/errors';
import { decodeCursor, encodeCursor } from './score-cursor.codec';

const key = { eventId: 'e-7', entityId: 'customer-1', eventTimeId: '0001700000000000#e-7' };

describe('page cursors', () => {
  it('decode back to the key they were made from', () => {
    expect(decodeCursor(encodeCursor(key))).toEqual(key);
  });

  it('are URL-safe base64 without padding', () => {
    expect(encodeCursor({ ...key, eventId: 'é?/+='.repeat(5) })).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it.each([
    ['not base64url', 'abc+/='],
    ['not JSON', Buffer.from('{nope').toString('base64url')],
    ['JSON of another shape', Buffer.from('{"eventId":"e"}').toString('base64url')],
    [
      'a key with extra attributes',
      Buffer.from(JSON.stringify({ ...key, x: '1' })).toString('base64url'),
    ],
    [
      'an empty key part',
      Buffer.from(JSON.stringify({ ...key, eventId: '' })).toString('base64url'),
    ],
    ['null', Buffer.from('null').toString('base64url')],
  ])('refuse %s as REQUEST_INVALID on the cursor field', (_, cursor) => {
    const attempt = () => decodeCursor(cursor);

    expect(attempt).toThrow(AppError);
    expect(attempt).toThrow(
      expect.objectContaining({
        code: 'REQUEST_INVALID',
        details: { fields: [expect.objectContaining({ path: 'cursor' })] },
      }),
    );
  });
});
