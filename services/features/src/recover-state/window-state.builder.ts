import { backoffDelay } from '@rtml/kafka';
import type {
  ConsumedHistoryReader,
  IncomingRecord,
  PartitionRange,
  StagePartition,
} from '@rtml/kafka';
import type { Logger } from '@rtml/observability';
import type { FeatureRecordParser } from '../update-features/feature-record.parser';
import { NO_EPOCH, StateEpochChanged } from '../update-features/window-store.model';
import type { WindowStore, WindowWrite } from '../update-features/window-store.model';
import type { BuiltState, StateBuilder } from './state-epoch.model';

export interface WindowStateBuilderParts {
  readonly history: Pick<ConsumedHistoryReader, 'partitions' | 'ranges' | 'read'>;
  /**
   * Fences the stage's exactly-once writers before the committed offsets are read; undefined
   * under at-least-once, which has no writer to fence (see the README's limits).
   */
  readonly fence?: (partitions: readonly StagePartition[]) => Promise<void>;
  readonly parser: Pick<FeatureRecordParser, 'parse'>;
  readonly store: WindowStore;
  readonly logger?: Logger;
  /** Writes per Redis pipeline. */
  readonly chunkSize?: number;
}

/** A transient Redis failure mid-build is retried in place this many times before the build fails. */
const APPLY_ATTEMPTS = 5;
const APPLY_BACKOFF = { initialMs: 100, maxMs: 2_000, multiplier: 2 };

/**
 * Rebuilds the window state from what the group has consumed and the topics retain: every
 * partition of `transactions` and `labels` from its earliest retained offset (the state's
 * horizon is event time, which the brokers' timestamps do not tell, so there is no safe later
 * start; the scripts prune what is older than the horizon + grace) up to the group's committed
 * offset. The records go through the same parser and the same scripts as live ones, with their
 * real `topic:partition:offset` sources, so entries, labels (applied or parked) and dedupe
 * markers come out as the live stage left them, and later redeliveries are still recognised.
 * Nothing is emitted: every vector below the committed offsets was emitted already.
 *
 * The final state does not depend on the order partitions are read in: pruning keeps what is
 * within horizon + grace of each entity's newest event whatever the arrival order, and a label
 * lands on its transaction whether it comes before it (parked) or after.
 */
export class WindowStateBuilder implements StateBuilder {
  private readonly chunkSize: number;

  constructor(private readonly parts: WindowStateBuilderParts) {
    this.chunkSize = parts.chunkSize ?? 500;
  }

  async build(signal: AbortSignal): Promise<BuiltState> {
    const { history, fence } = this.parts;
    // Fence first: afterwards the committed offsets can only move through a batch that ran its
    // scripts after the loss, and those fail until the epoch is written.
    if (fence !== undefined) await fence(await history.partitions());
    const ranges = await history.ranges();
    let records = 0;
    let poison = 0;
    await history.read(
      ranges,
      async (batch) => {
        const writes = await this.writesOf(batch.records);
        poison += batch.records.length - writes.length;
        for (let at = 0; at < writes.length; at += this.chunkSize)
          await this.apply(writes.slice(at, at + this.chunkSize), signal);
        records += writes.length;
      },
      signal,
    );
    this.parts.logger?.info(
      { records, poison, partitions: describe(ranges) },
      'feature state built from the retained topics',
    );
    return {
      kind: records > 0 ? 'rebuilt' : 'initialised',
      covers: Object.fromEntries(ranges.map((r) => [`${r.topic}:${r.partition}`, r.to])),
      records,
    };
  }

  /** Poison records were dead-lettered when they were consumed; they hold no state. */
  private async writesOf(records: readonly IncomingRecord[]): Promise<WindowWrite[]> {
    const parsed = await Promise.all(records.map((record) => this.parts.parser.parse(record)));
    return parsed.flatMap((p) => (p.kind === 'poison' ? [] : [p.write]));
  }

  private async apply(writes: readonly WindowWrite[], signal: AbortSignal): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.parts.store.apply(writes, NO_EPOCH, { readBack: false });
        return;
      } catch (error) {
        // An epoch appeared: another replica finished the build, this one stops.
        if (error instanceof StateEpochChanged || attempt >= APPLY_ATTEMPTS || signal.aborted)
          throw error;
        await new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt, APPLY_BACKOFF)));
      }
    }
  }
}

/** `topic:partition` → `from..to` of the partitions that had records to read. */
function describe(ranges: readonly PartitionRange[]): Record<string, string> {
  return Object.fromEntries(
    ranges
      .filter((r) => BigInt(r.to) > BigInt(r.from))
      .map((r) => [`${r.topic}:${r.partition}`, `${r.from}..${r.to}`]),
  );
}
