import { HEADERS } from '@rtml/contracts';
import { computeFeatureVector } from '@rtml/feature-engine';
import type { FeaturePlan } from '@rtml/feature-engine';
import type {
  IncomingRecord,
  StageBatch,
  StageDefinition,
  StageOutputs,
  StageTopic,
} from '@rtml/kafka';
import { timeStep } from '@rtml/observability';
import type { Logger, PipelineMetrics } from '@rtml/observability';
import { toEnrichedEvent } from './enriched-event.mapper';
import type { FeatureRecordParser, ParsedRecord } from './feature-record.parser';
import { StateEpochChanged } from './window-store.model';
import type { WindowOutcome, WindowStore } from './window-store.model';

export const FEATURES_STAGE = 'features';

/** What the stage needs from the keeper of the state's epoch (recover-state/). */
export interface FeatureStateGate {
  /**
   * The epoch of the whole state, to run a batch against. While the state is missing or being
   * rebuilt it waits (bounded, well inside the group's session timeout), then throws retriably.
   */
  current(): Promise<string>;
  /** A batch found another epoch in Redis than the one it ran against. */
  changed(error: StateEpochChanged): void;
}

export interface UpdateFeaturesParts {
  readonly parser: FeatureRecordParser;
  readonly store: WindowStore;
  readonly state: FeatureStateGate;
  readonly plan: FeaturePlan;
  /** The enriched-events topic and its value subject (prefix included). */
  readonly enriched: StageTopic;
  readonly metrics?: PipelineMetrics;
  readonly logger?: Logger;
}

type Written = Exclude<ParsedRecord, { kind: 'poison' }>;

/**
 * The features stage: transactions and labels in (one partition's batch at a time), one Redis
 * round trip for the whole batch, each transaction's vector computed from the entries Redis
 * returned, one enriched event out per transaction (key: the customer). Labels produce no output.
 *
 * Delivery: as the runtime's guarantee; the Redis writes are idempotent either way. A redelivered
 * record (same topic, partition and offset) is recognised by its event id's marker and re-emits
 * the same vector without writing again; another record with a seen event id (a producer
 * duplicate) is dropped and counted.
 *
 * State loss: a batch runs against the state's epoch, checked by every script. One that finds
 * the state missing or replaced emits nothing and fails retriably; it runs again once the state
 * is rebuilt (recover-state/), so no vector is ever computed from half-built state.
 */
export function updateFeaturesStage(parts: UpdateFeaturesParts): StageDefinition<Written> {
  const freshness = {
    newest: -Infinity,
    featureSet: `${parts.plan.featureSet.name}@${parts.plan.featureSet.version}`,
  };
  return {
    name: FEATURES_STAGE,
    async parse(record: IncomingRecord): Promise<Written> {
      const parsed = await parts.parser.parse(record);
      if (parsed.kind === 'poison') throw parsed.error;
      return parsed;
    },
    async process(batch: StageBatch<Written>, out: StageOutputs<Written>): Promise<void> {
      const { store, plan, metrics, state } = parts;
      const writes = batch.items.map((item) => item.value.write);
      const epoch = await state.current();
      const outcomes = await timeStep(metrics, 'redis', () => store.apply(writes, epoch)).catch(
        (error: unknown) => {
          if (error instanceof StateEpochChanged) state.changed(error);
          throw error;
        },
      );
      const enrichedAt = Date.now();
      const notes = new BatchNotes();
      batch.items.forEach((item, i) => {
        const parsed = item.value;
        const outcome = outcomes[i] as WindowOutcome;
        notes.observe(parts, parsed, outcome);
        if (parsed.kind !== 'transaction' || outcome.kind !== 'scored') return;
        const vector = computeFeatureVector(plan, parsed.write.event, outcome.entries);
        const value = toEnrichedEvent(parsed.transaction, plan, vector, enrichedAt);
        metrics?.pipelineLatency.observe(
          { stage: FEATURES_STAGE },
          Math.max(0, enrichedAt - parsed.transaction.ingestedAt) / 1000,
        );
        out.emit(item, { to: parts.enriched, key: value.entityId, value, eventId: value.eventId });
        if (value.eventTime > freshness.newest) freshness.newest = value.eventTime;
      });
      notes.log(parts.logger);
      if (freshness.newest > -Infinity)
        metrics?.featuresNewestEventTime.set(
          { feature_set: freshness.featureSet },
          freshness.newest / 1_000,
        );
    },
  };
}

/** Where a record came from, for a log line. */
interface RecordRef {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly eventId: string | undefined;
}

/**
 * Duplicates and late events are normal operation, not failures: each is counted in the metrics,
 * and a batch logs one line per kind with the counts and its first such record. A replay of old
 * data or a producer resending a backlog makes every record late or a duplicate: a line per
 * record would flood the logs and cost the service more than the records themselves.
 */
class BatchNotes {
  private readonly late = { transactions: 0, labels: 0 };
  private firstLate: RecordRef | undefined;
  private duplicates = 0;
  private firstDuplicate: (RecordRef & { readonly firstSource: string }) | undefined;

  observe(parts: UpdateFeaturesParts, parsed: Written, outcome: WindowOutcome): void {
    if (outcome.kind !== 'duplicate' && !outcome.late) return;
    const { topic, partition, offset } = parsed.record;
    const eventId =
      parsed.kind === 'transaction'
        ? parsed.write.event.eventId
        : parsed.record.headers[HEADERS.eventId];
    const ref = { topic, partition, offset, eventId };
    if (outcome.kind === 'duplicate') {
      parts.metrics?.duplicates.inc({ stage: FEATURES_STAGE });
      this.duplicates += 1;
      this.firstDuplicate ??= { ...ref, firstSource: outcome.firstSource };
      return;
    }
    const kind = outcome.kind === 'label' ? 'label' : 'transaction';
    parts.metrics?.lateEvents.inc({ kind });
    this.late[kind === 'label' ? 'labels' : 'transactions'] += 1;
    this.firstLate ??= ref;
  }

  log(logger: Logger | undefined): void {
    if (this.duplicates > 0)
      logger?.info(
        { duplicates: this.duplicates, first: this.firstDuplicate },
        'duplicate events dropped',
      );
    if (this.firstLate !== undefined)
      logger?.warn(
        { ...this.late, first: this.firstLate },
        'events arrived too late for exact features',
      );
  }
}
