import { AppError } from '@rtml/errors';
import type { FeatureEvent, PackedEntries } from '@rtml/feature-engine';
import type { LabelPlacement } from './feature-event.mapper';

/** A transaction to record: its entries are added and its windows read back, atomically. */
export interface TransactionWrite {
  readonly kind: 'transaction';
  readonly event: FeatureEvent;
  /** Where the record came from, `topic:partition:offset`: tells a redelivery from a duplicate. */
  readonly source: string;
}

export interface LabelWrite {
  readonly kind: 'label';
  readonly label: LabelPlacement;
}

export type WindowWrite = TransactionWrite | LabelWrite;

/** A transaction seen for the first time, or the same record delivered again. */
export interface ScoredTransaction {
  readonly kind: 'scored';
  /** True when this record was recorded before (a redelivery): nothing was written again. */
  readonly redelivered: boolean;
  /**
   * Each entity's entries in (t − horizon, t − its shortest delay], in canonical order; may
   * include the event itself (a redelivery) and later ones. Fraud is 1 or unknown (not fraud).
   */
  readonly entries: Readonly<Record<string, PackedEntries>>;
  /**
   * True when an entity had already seen events more than the grace later than this one, so
   * entries this event needed may have been pruned: its vector uses what is left.
   */
  readonly late: boolean;
}

/** Another record already carried this event id (a producer duplicate): nothing was done. */
export interface DuplicateTransaction {
  readonly kind: 'duplicate';
  readonly firstSource: string;
}

export interface LabelOutcome {
  readonly kind: 'label';
  /**
   * applied: written on the transaction's entries; pending: the transaction has not arrived, the
   * label waits for it; unmatched: the transaction was seen but its entries are gone (pruned) or
   * not at the label's transaction time; ignored: no feature of the set reads labels.
   */
  readonly status: 'applied' | 'pending' | 'unmatched' | 'ignored';
  /**
   * True when a transaction whose delayed label-driven window contains the labelled one was
   * already recorded: that vector counted it as not fraud.
   */
  readonly late: boolean;
}

export type TransactionOutcome = ScoredTransaction | DuplicateTransaction;
export type WindowOutcome = TransactionOutcome | LabelOutcome;

/**
 * The port in front of the window state: one call per batch, one outcome per write, in order.
 * `epoch` is the state epoch the caller runs against ('' while rebuilding, when none exists):
 * if the state's is another (it was lost, or rebuilt by another replica), nothing is written or
 * read and the call throws `StateEpochChanged`.
 */
export interface WindowStore {
  apply(
    writes: readonly WindowWrite[],
    epoch: string,
    options?: WindowApplyOptions,
  ): Promise<WindowOutcome[]>;
}

export interface WindowApplyOptions {
  /**
   * Default true. False when no vector will be computed (a rebuild): scored transactions come
   * back with empty entries, and Redis and the client skip reading and decoding the windows.
   */
  readonly readBack?: boolean;
}

/**
 * The epoch a batch runs against while the state is being (re)built: the scripts write only as
 * long as no epoch exists. Tests and benchmarks of the store alone run against it too.
 */
export const NO_EPOCH = '';

/**
 * The state's epoch is not the one the batch ran against: the state was lost (`found` is '') or
 * rebuilt since. Retriable: the batch runs again once the state is whole.
 */
export class StateEpochChanged extends AppError {
  constructor(
    readonly expected: string,
    readonly found: string,
  ) {
    super(
      'DEPENDENCY_UNAVAILABLE',
      found === ''
        ? 'the feature state is missing (Redis lost it); the batch waits for the rebuild'
        : 'the feature state was rebuilt since the batch began; it runs again',
      { details: { expectedEpoch: expected, foundEpoch: found } },
    );
  }
}
