import type { IngestSource, Label, Transaction } from '@rtml/contracts';
import type { ValidLabelEvent, ValidRawEvent, ValidTransactionEvent } from './raw-event.schema';

/** A validated event in its contract form, with the topic it goes to. */
export type IngestedEvent =
  | { readonly topicId: 'transactions'; readonly value: Transaction }
  | { readonly topicId: 'labels'; readonly value: Label };

export interface IngestStamp {
  /** When ingest accepted the event, epoch milliseconds. */
  readonly ingestedAt: number;
  readonly source: IngestSource;
}

/** Maps a valid raw event to the contract its kind calls for. Fields of the other kind are dropped. */
export function toIngestedEvent(event: ValidRawEvent, stamp: IngestStamp): IngestedEvent {
  return event.kind === 'TRANSACTION'
    ? { topicId: 'transactions', value: toTransaction(event, stamp) }
    : { topicId: 'labels', value: toLabel(event, stamp) };
}

export function toTransaction(event: ValidTransactionEvent, stamp: IngestStamp): Transaction {
  return {
    eventId: event.eventId,
    eventTime: event.eventTime,
    customerId: event.customerId,
    terminalId: event.terminalId,
    amount: event.amount,
    attributes: { ...event.attributes },
    ingestedAt: stamp.ingestedAt,
    source: stamp.source,
  };
}

export function toLabel(event: ValidLabelEvent, stamp: IngestStamp): Label {
  return {
    eventId: event.eventId,
    transactionId: event.transactionId,
    transactionTime: event.transactionTime,
    customerId: event.customerId,
    terminalId: event.terminalId,
    fraud: event.fraud,
    eventTime: event.eventTime,
    ingestedAt: stamp.ingestedAt,
    source: stamp.source,
  };
}
