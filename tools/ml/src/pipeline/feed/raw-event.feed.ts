import type { ReferenceTransaction } from '../../csv/reference-transaction.model';

/** A raw event as producers send it (JSON on events.raw or POST /v1/events). */
export type RawEventJson =
  | {
      readonly eventId: string;
      readonly kind: 'TRANSACTION';
      readonly eventTime: number;
      readonly customerId: string;
      readonly terminalId: string;
      readonly amount: number;
    }
  | {
      readonly eventId: string;
      readonly kind: 'LABEL';
      readonly eventTime: number;
      readonly customerId: string;
      readonly terminalId: string;
      readonly transactionId: string;
      readonly transactionTime: number;
      readonly fraud: boolean;
    };

export interface FeedOptions {
  /** Label (chargeback) delay after the transaction, in days; the reference replay uses 7. */
  readonly labelDelayDays: number;
  /** Prepended to every event, customer and terminal id, to isolate a run (demo); '' to keep them. */
  readonly idPrefix: string;
  /**
   * How far ahead of its event time a label is sent, in event-time milliseconds (default 1 day).
   * Labels travel on their own topic, so a label sent exactly at its time could be consumed
   * after a transaction of the same moment on another partition; sent ahead, it is applied before
   * the first transaction whose delayed window contains the labelled one. Sending it early
   * changes no value: no window of an earlier transaction can contain the labelled transaction
   * while the label delay is at most the features' delay (7 days both, in the reference).
   */
  readonly labelLeadMs?: number;
}

export const DEFAULT_LABEL_LEAD_MS = 86_400_000;

const DAY_MS = 86_400_000;

/**
 * Turns reference rows (in file order, which is event-time order) into the raw events a live
 * feed would carry: each transaction, and for each fraud a LABEL event at its time + the delay,
 * merged in event-time order, except that each label goes `labelLeadMs` ahead (see FeedOptions).
 * Transaction ids stay integers when no prefix is set, so the online engine orders same-second
 * events exactly as the offline one does.
 */
export class RawEventFeed {
  private readonly pending: RawEventJson[] = [];
  private head = 0;

  constructor(private readonly options: FeedOptions) {}

  /** The events to send before and including these rows, in event-time order. */
  push(rows: readonly ReferenceTransaction[]): RawEventJson[] {
    const out: RawEventJson[] = [];
    for (const row of rows) {
      const eventTime = row.time * 1000;
      this.releaseUntil(eventTime + (this.options.labelLeadMs ?? DEFAULT_LABEL_LEAD_MS), out);
      const transaction = this.transaction(row);
      out.push(transaction);
      if (row.fraud === 1) this.pending.push(this.label(row, transaction));
    }
    return out;
  }

  /** The labels still waiting (their time is after the last transaction). */
  drain(): RawEventJson[] {
    const out = this.pending.slice(this.head);
    this.pending.length = 0;
    this.head = 0;
    return out;
  }

  private releaseUntil(eventTime: number, out: RawEventJson[]): void {
    while (this.head < this.pending.length && this.pending[this.head]!.eventTime <= eventTime) {
      out.push(this.pending[this.head]!);
      this.head += 1;
    }
    if (this.head > 10_000 && this.head * 2 > this.pending.length) {
      this.pending.splice(0, this.head);
      this.head = 0;
    }
  }

  private transaction(row: ReferenceTransaction): RawEventJson {
    const prefix = this.options.idPrefix;
    return {
      eventId: `${prefix}${row.transactionId}`,
      kind: 'TRANSACTION',
      eventTime: row.time * 1000,
      customerId: `${prefix}${row.customerId}`,
      terminalId: `${prefix}${row.terminalId}`,
      amount: row.amount,
    };
  }

  private label(row: ReferenceTransaction, transaction: RawEventJson): RawEventJson {
    return {
      eventId: `${transaction.eventId}-label`,
      kind: 'LABEL',
      eventTime: transaction.eventTime + this.options.labelDelayDays * DAY_MS,
      customerId: transaction.customerId,
      terminalId: transaction.terminalId,
      transactionId: transaction.eventId,
      transactionTime: transaction.eventTime,
      fraud: row.fraud === 1,
    };
  }
}
