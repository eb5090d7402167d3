import { AppError } from '@rtml/errors';
import type { DurableRecordPublisher, OutgoingRecord } from '@rtml/kafka';
import type { PipelineMetrics } from '@rtml/observability';

/**
 * Where ingest's outputs go: one `publish` per HTTP request or consumed batch, i.e. one produce
 * round trip, resolving once Kafka has acknowledged every record (acks=all). Connects on first
 * use, so the service boots and answers (503, not ready) while Kafka is away.
 */
export class IngestPublisher {
  private connecting: Promise<void> | undefined;

  constructor(
    private readonly publisher: DurableRecordPublisher,
    private readonly metrics: PipelineMetrics,
  ) {}

  async publish(records: readonly OutgoingRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.connect();
    await this.metrics.time('publish', () => this.publisher.publish(records));
    for (const [topic, count] of countByTopic(records)) {
      this.metrics.recordsProduced.inc({ topic }, count);
    }
  }

  /** Idempotent; a failed attempt is forgotten so the next publish tries again. */
  connect(): Promise<void> {
    this.connecting ??= this.publisher.connect().catch((error: unknown) => {
      this.connecting = undefined;
      throw new AppError('DEPENDENCY_UNAVAILABLE', 'could not connect to kafka', { cause: error });
    });
    return this.connecting;
  }
}

function countByTopic(records: readonly OutgoingRecord[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { topic } of records) counts.set(topic, (counts.get(topic) ?? 0) + 1);
  return counts;
}
