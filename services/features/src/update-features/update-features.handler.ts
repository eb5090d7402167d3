import { HEADERS } from '@rtml/contracts';
import { computeFeatureVector } from '@rtml/feature-engine';
import type { FeaturePlan } from '@rtml/feature-engine';
import type {
  AvroSerde,
  DeadLetterWriter,
  OutgoingRecord,
  RecordBatch,
  RecordPublisher,
} from '@rtml/kafka';
import type { Logger, PipelineMetrics } from '@rtml/observability';
import { toEnrichedEvent } from './enriched-event.mapper';
import type { FeatureRecordParser, ParsedRecord } from './feature-record.parser';
import type { RedisWindowStore } from './redis-window.store';
import type { WindowOutcome } from './window-store.model';

const STAGE = 'features';

export interface UpdateFeaturesDependencies {
  readonly parser: FeatureRecordParser;
  readonly store: RedisWindowStore;
  readonly serde: AvroSerde;
  readonly publisher: RecordPublisher & { connect(): Promise<void> };
  readonly deadLetters: DeadLetterWriter;
  readonly plan: FeaturePlan;
  readonly enriched: { readonly topic: string; readonly subject: string };
  readonly metrics: PipelineMetrics;
  readonly logger: Logger;
}

type Written = Exclude<ParsedRecord, { kind: 'poison' }>;
type Poison = Extract<ParsedRecord, { kind: 'poison' }>;
type Scored = Extract<ParsedRecord, { kind: 'transaction' }> & { vector: number[] };

/**
 * The features stage for one batch (one partition of transactions or labels): decode all, one
 * Redis round trip for the whole batch, compute each transaction's vector from the entries Redis
 * returned, then ONE publish of the enriched events and dead letters. Returning lets the
 * consumer commit.
 *
 * Delivery guarantee: at least once, idempotent. Key: the customer id. A redelivered record
 * (same topic, partition and offset) is recognised by its event id's marker and re-emits the
 * same vector without writing again; another record with a seen event id (a producer
 * duplicate) is dropped and counted. Labels produce no output.
 */
export class UpdateFeaturesHandler {
  constructor(private readonly deps: UpdateFeaturesDependencies) {}

  async handle(batch: RecordBatch): Promise<void> {
    const { metrics, store, publisher, parser } = this.deps;
    metrics.batchSize.observe({ stage: STAGE }, batch.records.length);
    await publisher.connect();
    const parsed = await metrics.time('decode', () =>
      Promise.all(batch.records.map((record) => parser.parse(record))),
    );
    const written = parsed.filter((p): p is Written => p.kind !== 'poison');
    const outcomes = await metrics.time('redis', () => store.apply(written.map((p) => p.write)));
    const enrichedAt = Date.now();
    const scored = await metrics.time('compute', async () => this.score(written, outcomes));
    const poison = parsed.filter((p): p is Poison => p.kind === 'poison');
    const records = await metrics.time('encode', () =>
      Promise.all([
        ...scored.map((s) => this.enrichedRecord(s, enrichedAt)),
        ...poison.map((p) => this.deps.deadLetters.toRecord(p.record, p.error)),
      ]),
    );
    await metrics.time('publish', () => publisher.publish(records));
    this.countPublished(scored, poison, enrichedAt);
  }

  /** The vector of every transaction Redis scored, from the entries it returned. */
  private score(written: readonly Written[], outcomes: readonly WindowOutcome[]): Scored[] {
    const scored: Scored[] = [];
    written.forEach((parsed, i) => {
      const outcome = outcomes[i] as WindowOutcome;
      this.observe(parsed, outcome);
      if (parsed.kind !== 'transaction' || outcome.kind !== 'scored') return;
      const vector = computeFeatureVector(this.deps.plan, parsed.write.event, outcome.entries);
      scored.push({ ...parsed, vector });
    });
    return scored;
  }

  private async enrichedRecord(scored: Scored, enrichedAt: number): Promise<OutgoingRecord> {
    const { enriched, plan, serde } = this.deps;
    const value = toEnrichedEvent(scored.transaction, plan, scored.vector, enrichedAt);
    const traceId = scored.record.headers[HEADERS.traceId];
    return {
      topic: enriched.topic,
      key: value.entityId,
      value: await serde.encode(enriched.subject, value),
      headers: {
        [HEADERS.eventId]: value.eventId,
        ...(traceId === undefined ? {} : { [HEADERS.traceId]: traceId }),
        [HEADERS.service]: STAGE,
      },
    };
  }

  /** Duplicates and late events are normal operation, not failures: counted and logged. */
  private observe(parsed: Written, outcome: WindowOutcome): void {
    const { metrics, logger } = this.deps;
    const { topic, partition, offset } = parsed.record;
    const eventId =
      parsed.kind === 'transaction'
        ? parsed.write.event.eventId
        : parsed.record.headers[HEADERS.eventId];
    if (outcome.kind === 'duplicate') {
      metrics.duplicates.inc({ stage: STAGE });
      const firstSource = outcome.firstSource;
      logger.info({ topic, partition, offset, eventId, firstSource }, 'duplicate event dropped');
    } else if (outcome.late) {
      const kind = outcome.kind === 'label' ? 'label' : 'transaction';
      metrics.lateEvents.inc({ kind });
      logger.warn(
        { topic, partition, offset, eventId },
        `${kind} arrived too late for exact features`,
      );
    }
  }

  private countPublished(scored: readonly Scored[], poison: readonly Poison[], at: number): void {
    const { metrics, deadLetters, logger, enriched } = this.deps;
    if (scored.length > 0) metrics.recordsProduced.inc({ topic: enriched.topic }, scored.length);
    for (const s of scored)
      metrics.pipelineLatency.observe(
        { stage: STAGE },
        Math.max(0, at - s.transaction.ingestedAt) / 1000,
      );
    for (const { record, error } of poison) {
      metrics.deadLetters.inc({ code: error.code });
      metrics.recordsProduced.inc({ topic: deadLetters.topic });
      const { topic, partition, offset } = record;
      const eventId = record.headers[HEADERS.eventId];
      logger.warn(
        { topic, partition, offset, eventId, code: error.code, reason: error.message },
        'dead-lettered',
      );
    }
  }
}
