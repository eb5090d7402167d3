import { AppError } from '@rtml/errors';
import { decodeMembers, parseLabelReply, parseTransactionReply } from './window-store.replies';

describe('the replies of the window scripts', () => {
  it('reads a new transaction: each entity with its newest time and its members', () => {
    const reply = [0, '', '1522540831', ['1522540831:0:57.16:-:0'], '', []];

    expect(parseTransactionReply(reply, 2)).toEqual({
      status: 'new',
      entities: [
        { newest: 1_522_540_831, members: ['1522540831:0:57.16:-:0'] },
        { newest: undefined, members: [] },
      ],
    });
  });

  it('reads a redelivery and a producer duplicate', () => {
    expect(parseTransactionReply([1, '', '', []], 1)).toMatchObject({ status: 'redelivered' });
    expect(parseTransactionReply([2, 'transactions:3:17'], 2)).toEqual({
      status: 'duplicate',
      firstSource: 'transactions:3:17',
    });
  });

  it('reads a stale epoch from either script, with the epoch found', () => {
    expect(parseTransactionReply([3, 'e-2'], 2)).toEqual({ status: 'stale', found: 'e-2' });
    expect(parseLabelReply([3, ''], 1)).toEqual({ status: 'stale', found: '' });
    expect(() => parseTransactionReply([3], 2)).toThrow(/unexpected reply/);
  });

  it.each([
    ['not an array', 'OK'],
    ['an unknown status', [5, '']],
    ['the wrong number of entities', [0, '', '1', []]],
    ['a member that is not a string', [0, '', '1', [7]]],
    ['a score that is not an integer', [0, '', '1.5', []]],
  ])('refuses %s as an INTERNAL error', (_, reply) => {
    expect(() => parseTransactionReply(reply, 2)).toThrow(AppError);
    expect(() => parseTransactionReply(reply, 2)).toThrow(/unexpected reply/);
  });

  it('reads each label status with the newest time of every label-holding entity', () => {
    expect(parseLabelReply([1, '1522540831'], 1)).toEqual({
      status: 'applied',
      newest: [1_522_540_831],
    });
    expect(parseLabelReply([2, ''], 1)).toEqual({ status: 'pending', newest: [undefined] });
    expect(parseLabelReply([4, '5'], 1)).toMatchObject({ status: 'unmatched' });
    expect(() => parseLabelReply([0, '5'], 1)).toThrow(AppError);
  });

  it('decodes members into window entries, and calls a foreign member corrupt state', () => {
    expect(decodeMembers(['1522540831:0:57.16:1:tx:0'])).toEqual([
      { time: 1_522_540_831, seq: 0, value: 57.16, fraud: 1, eventId: 'tx:0' },
    ]);
    expect(() => decodeMembers(['1522540831:0:057.16:-:0'])).toThrow(
      expect.objectContaining({ code: 'INTERNAL', retriable: true }),
    );
  });
});
