import { AppError } from '@rtml/errors';
import { parseCallReply, parseLabelReply, parseTransactionReply } from './window-store.replies';

const b = (text: string): Buffer => Buffer.from(text, 'latin1');

describe('the replies of the window scripts', () => {
  it('reads a new transaction: each entity with its newest time, its window and its frauds', () => {
    const window = b('\u0000header+records');
    const reply = [0, b(''), 1_522_540_831, window, [b('tx-9'), b('1522540800')], null, b(''), []];

    expect(parseTransactionReply(reply, 2)).toEqual({
      status: 'new',
      entities: [
        { newest: 1_522_540_831, window, frauds: [b('tx-9'), b('1522540800')] },
        { newest: undefined, window: undefined, frauds: [] },
      ],
    });
  });

  it('reads a redelivery and a producer duplicate', () => {
    expect(parseTransactionReply([1, b(''), null, b(''), []], 1)).toMatchObject({
      status: 'redelivered',
    });
    expect(parseTransactionReply([2, b('transactions:3:17')], 2)).toEqual({
      status: 'duplicate',
      firstSource: 'transactions:3:17',
    });
  });

  it('reads a call: a stale epoch with the epoch found, or one reply per write', () => {
    expect(parseCallReply([3, b('e-2')], 2)).toEqual({ status: 'stale', found: 'e-2' });
    expect(parseCallReply([3, b('')], 1)).toEqual({ status: 'stale', found: '' });
    expect(parseCallReply([0, [[1], [2]]], 2)).toEqual({ status: 'ok', replies: [[1], [2]] });
    expect(() => parseCallReply([0, [[1]]], 2)).toThrow(/unexpected reply/);
    expect(() => parseCallReply([3], 2)).toThrow(/unexpected reply/);
  });

  it.each([
    ['not an array', 'OK'],
    ['an unknown status', [5, b('')]],
    ['the stale status inside a call', [3, b('e-2')]],
    ['the wrong number of entities', [0, b(''), 1, b(''), []]],
    ['a window that is not a string', [0, b(''), 1, 7, [], null, b(''), []]],
    ['a fraud set that is not a list of strings', [0, b(''), 1, b(''), [7], null, b(''), []]],
    ['a time that is not an integer', [0, b(''), b('1'), b(''), [], null, b(''), []]],
  ])('refuses %s as an INTERNAL error', (_, reply) => {
    expect(() => parseTransactionReply(reply, 2)).toThrow(AppError);
    expect(() => parseTransactionReply(reply, 2)).toThrow(/unexpected reply/);
  });

  it('reads each label status with the newest time of every label-holding entity', () => {
    expect(parseLabelReply([1, 1_522_540_831], 1)).toEqual({
      status: 'applied',
      newest: [1_522_540_831],
    });
    expect(parseLabelReply([2, null], 1)).toEqual({ status: 'pending', newest: [undefined] });
    expect(parseLabelReply([4, 5], 1)).toMatchObject({ status: 'unmatched' });
    expect(() => parseLabelReply([0, 5], 1)).toThrow(AppError);
    expect(() => parseLabelReply([3, 5], 1)).toThrow(AppError);
  });
});
