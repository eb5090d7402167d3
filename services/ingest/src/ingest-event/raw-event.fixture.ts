// Test-only (excluded from the build): raw events as producers send them, valid unless overridden.
import type { RawEvent } from '@rtml/contracts';
import type { RawEventVerdict } from './raw-event.validator';

const HOUR_MS = 3_600_000;

/** A valid TRANSACTION in its JSON form (optional fields absent); `fields` override or add. */
export const jsonTransaction = (fields: Record<string, unknown> = {}) => ({
  eventId: 'txn-1',
  kind: 'TRANSACTION',
  eventTime: Date.UTC(2018, 3, 1),
  customerId: 'c-1',
  terminalId: 't-1',
  amount: 57.16,
  ...fields,
});

/** A valid LABEL in its JSON form, a week after its transaction. */
export const jsonLabel = (fields: Record<string, unknown> = {}) => ({
  eventId: 'lbl-1',
  kind: 'LABEL',
  eventTime: Date.UTC(2018, 3, 8),
  customerId: 'c-1',
  terminalId: 't-1',
  transactionId: 'txn-1',
  transactionTime: Date.UTC(2018, 3, 1),
  fraud: true,
  ...fields,
});

/** A valid TRANSACTION with every contract field, as an Avro producer writes it. */
export const rawTransaction = (eventId: string, customerId: string, amount = 10.5): RawEvent => ({
  eventId,
  kind: 'TRANSACTION',
  eventTime: Date.UTC(2018, 3, 1, 10),
  customerId,
  terminalId: 'terminal-3',
  amount,
  transactionId: null,
  transactionTime: null,
  fraud: null,
  attributes: { channel: 'pos' },
});

/** A valid LABEL with every contract field, as an Avro producer writes it. */
export const rawLabel = (eventId: string, customerId: string, transactionId: string): RawEvent => ({
  eventId,
  kind: 'LABEL',
  eventTime: Date.now() - HOUR_MS,
  customerId,
  terminalId: 'terminal-3',
  amount: null,
  transactionId,
  transactionTime: Date.UTC(2018, 3, 1, 10),
  fraud: false,
  attributes: null,
});

/** The refusal of a verdict, or a test failure when the event was accepted. */
export function refusalOf(verdict: RawEventVerdict) {
  if (verdict.valid) throw new Error('expected the event to be refused');
  return verdict;
}
