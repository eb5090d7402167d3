import { labelFixture } from '@rtml/contracts/testing';
import { toLabelItem } from './label-item.mapper';
import { newestPerEvent, supersedes } from './label-precedence.policy';

const rank = (labelledAt: number, labelEventId: string) => ({ labelledAt, labelEventId });

describe('which label of an event is kept', () => {
  it('keeps the label known last, whichever order they come in', () => {
    const older = rank(1_000, 'lbl-b');
    const newer = rank(2_000, 'lbl-a');

    expect(supersedes(newer, older)).toBe(true);
    expect(supersedes(older, newer)).toBe(false);
    expect(supersedes(older, undefined)).toBe(true);
  });

  it('breaks a tie of one millisecond by label event id, and lets the same label replace itself', () => {
    expect(supersedes(rank(1_000, 'lbl-b'), rank(1_000, 'lbl-a'))).toBe(true);
    expect(supersedes(rank(1_000, 'lbl-a'), rank(1_000, 'lbl-b'))).toBe(false);
    expect(supersedes(rank(1_000, 'lbl-a'), rank(1_000, 'lbl-a'))).toBe(true);
  });

  it('orders ids by their UTF-8 bytes, as DynamoDB compares them in the write condition', () => {
    // U+FF5E sorts after U+1F600 in UTF-16 code units (0xFF5E > 0xD83D), before it in UTF-8.
    expect(supersedes(rank(1_000, '\u{1F600}'), rank(1_000, '\uFF5E'))).toBe(true);
    expect(supersedes(rank(1_000, '\uFF5E'), rank(1_000, '\u{1F600}'))).toBe(false);
  });

  it('writes one label per event from a batch: the newest of each', () => {
    const item = (eventId: string, labelledAt: number, fraud: boolean) =>
      toLabelItem(
        {
          ...labelFixture,
          transactionId: eventId,
          eventId: `lbl-${labelledAt}`,
          eventTime: labelledAt,
          fraud,
        },
        90,
      );
    const kept = newestPerEvent([
      item('t-1', 3_000, true),
      item('t-2', 1_000, true),
      item('t-1', 2_000, false),
    ]);

    expect(kept.map((label) => [label.eventId, label.labelledAt, label.fraud])).toEqual([
      ['t-1', 3_000, true],
      ['t-2', 1_000, true],
    ]);
  });
});

describe('the label item of a label', () => {
  it('is keyed by the labelled transaction and is a pure function of the label', () => {
    const item = toLabelItem(labelFixture, 90);

    expect(toLabelItem(structuredClone(labelFixture), 90)).toEqual(item);
    expect(item).toEqual({
      eventId: labelFixture.transactionId,
      entityId: labelFixture.customerId,
      transactionTime: labelFixture.transactionTime,
      transactionDay: new Date(labelFixture.transactionTime).toISOString().slice(0, 10),
      fraud: false,
      labelledAt: labelFixture.eventTime,
      labelEventId: labelFixture.eventId,
      source: 'HTTP',
      ingestedAt: labelFixture.ingestedAt,
      expiresAt: Math.floor(labelFixture.ingestedAt / 1_000) + 90 * 86_400,
    });
  });
});
