import {
  labelFixture,
  rawLabelEventFixture,
  rawTransactionEventFixture,
  transactionFixture,
} from '@rtml/contracts/testing';
import { toIngestedEvent } from './ingested-event.mapper';
import { RawEventValidator } from './raw-event.validator';

const validator = new RawEventValidator({ maxFutureSkewMs: 3_600_000, maxAmount: 1e9 });

const validated = (input: unknown) => {
  const verdict = validator.validate(input);
  if (!verdict.valid) throw new Error(`fixture refused: ${JSON.stringify(verdict.errors)}`);
  return verdict.event;
};

describe('mapping a valid raw event to its contract', () => {
  it('makes a transaction of a TRANSACTION, stamped with when and how it came in', () => {
    const stamp = { ingestedAt: transactionFixture.ingestedAt, source: 'KAFKA' } as const;

    expect(toIngestedEvent(validated(rawTransactionEventFixture), stamp)).toEqual({
      topicId: 'transactions',
      value: transactionFixture,
    });
  });

  it('makes a label of a LABEL, stamped with when and how it came in', () => {
    const stamp = { ingestedAt: labelFixture.ingestedAt, source: 'HTTP' } as const;

    expect(toIngestedEvent(validated(rawLabelEventFixture), stamp)).toEqual({
      topicId: 'labels',
      value: labelFixture,
    });
  });

  it('gives a transaction without attributes an empty attribute map', () => {
    const { attributes: _omitted, ...withoutAttributes } = rawTransactionEventFixture;
    const event = toIngestedEvent(validated(withoutAttributes), { ingestedAt: 1, source: 'HTTP' });

    expect(event.value).toMatchObject({ attributes: {}, source: 'HTTP', ingestedAt: 1 });
  });

  it('drops the fields of the other kind', () => {
    const event = toIngestedEvent(
      validated({ ...rawLabelEventFixture, amount: 12.5, attributes: { channel: 'web' } }),
      { ingestedAt: 1, source: 'HTTP' },
    );

    expect(Object.keys(event.value).sort()).toEqual(Object.keys(labelFixture).sort());
  });
});
