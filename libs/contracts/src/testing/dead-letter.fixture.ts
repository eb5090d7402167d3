import type { ErrorCode } from '../error-codes';
import type { DeadLetter } from '../generated/contract.types';

const errorCode: ErrorCode = 'SCHEMA_INVALID';

/** A raw event ingest rejected: a transaction without an amount. */
export const deadLetterFixture: DeadLetter = {
  originalTopic: 'events.raw',
  originalPartition: 7,
  // Past 2^53, which is why offsets travel as strings.
  originalOffset: '9007199254740993',
  originalKey: Buffer.from('596'),
  originalValue: Buffer.from('{"eventId":"txn-1","kind":"TRANSACTION","eventTime":1522540831000}'),
  originalValueSize: null,
  originalValueSha256: null,
  errorCode,
  reason: 'a TRANSACTION needs customerId, terminalId and amount',
  details: [
    { path: 'customerId', message: 'required for TRANSACTION' },
    { path: 'terminalId', message: 'required for TRANSACTION' },
    { path: 'amount', message: 'required for TRANSACTION' },
  ],
  detailsOmitted: 0,
  service: 'ingest',
  failedAt: Date.UTC(2018, 3, 1, 0, 0, 32),
};

/** A record with neither key nor value (a tombstone), to cover the null branches. */
export const tombstoneDeadLetterFixture: DeadLetter = {
  ...deadLetterFixture,
  originalKey: null,
  originalValue: null,
  errorCode: 'UNDECODABLE',
  reason: 'the record has no value',
  details: [],
};
