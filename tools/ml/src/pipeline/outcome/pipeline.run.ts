import type { Kafka } from 'kafkajs';
import { DEFAULT_ENDPOINTS } from '@rtml/config';
import { HEADERS, topicName } from '@rtml/contracts';
import type { Alert, DeadLetter, Prediction, TopicId } from '@rtml/contracts';
import type { ReferenceTransaction } from '../../csv/reference-transaction.model';
import { RawEventFeed } from '../feed/raw-event.feed';
import type { RawEventJson } from '../feed/raw-event.feed';
import { PacedSender } from '../feed/raw-event.sender';
import type { RawEventSink } from '../feed/raw-event.sender';
import { summarizeLatency } from './latency.summary';
import type { LatencySummary } from './latency.summary';
import { AlreadyStoredFilter } from './already-stored.filter';
import { passCheckpoint } from './checkpoint.barrier';
import { rejectsEvent } from './event-rejection.policy';
import { StoredItemsPoller, waitUntilStored } from './stored-items.poller';
import { TopicWatcher } from './topic.watcher';
import { dynamodbFromEnv } from '../launch/dynamodb-from-env';

export interface PipelineRunOptions {
  readonly kafka: Kafka;
  readonly rows: AsyncIterable<readonly ReferenceTransaction[]>;
  readonly sink: RawEventSink;
  /** Events per second offered (0: as fast as the sink takes them). */
  readonly rate: number;
  readonly idPrefix: string;
  readonly labelDelayDays: number;
  /**
   * When set, after every this much event time the run waits until everything sent so far has
   * its outcome before it sends more. That bounds how far one partition can run ahead of
   * another in event time, which exactness across partitions needs (the features service's
   * README: arrival lag must stay under the shortest feature delay, 7 days in the reference).
   */
  readonly checkpointMs?: number;
  /**
   * Called at each checkpoint, once everything sent before it has its outcome, with the event
   * time of the first transaction past it (nothing from it on is sent yet): where a caller
   * runs work between two stretches of event time (the model loop's retrain cycles).
   */
  readonly onCheckpoint?: (eventTime: number) => Promise<void>;
  /** Give up when no new outcome arrives for this long after the last send. */
  readonly stallTimeoutMs: number;
  readonly log: (line: string) => void;
  readonly env?: NodeJS.ProcessEnv;
  /** Called with each prediction message of this run's transactions (duplicates too), as seen. */
  readonly onPrediction?: (prediction: Prediction) => void;
}

/** The one JSON line demo and replay end with. */
export interface PipelineRunReport {
  readonly sent: number;
  /** Transactions not sent because an earlier run already stored them (see AlreadyStoredFilter). */
  readonly skipped: number;
  readonly accepted: number;
  readonly dlq: number;
  readonly predictions: number;
  readonly stored: number;
  readonly alerts: number;
  readonly e2e_ms: LatencySummary;
  readonly events_per_s: number;
}

/** The report plus the wall-clock marks a benchmark needs (performance.now() milliseconds). */
export interface PipelineRunOutcome {
  readonly report: PipelineRunReport;
  readonly startedAt: number;
  readonly firstPredictionAt: number;
  readonly lastPredictionAt: number;
  /** When the poller first saw every item stored (an upper bound, polled every 200 ms). */
  readonly allStoredAt: number;
}

/**
 * Streams reference rows (transactions and their delayed fraud labels) into the live pipeline
 * and waits until every transaction has its prediction and its stored item (or was
 * dead-lettered), counting what each topic saw. The DynamoDB check is the last word: a
 * prediction message alone does not prove the outcome is durable.
 */
export async function runThroughPipeline(options: PipelineRunOptions): Promise<PipelineRunOutcome> {
  const env = options.env ?? process.env;
  const prefix = env['TOPIC_PREFIX'] || undefined;
  const registryUrl = env['SCHEMA_REGISTRY_URL'] ?? DEFAULT_ENDPOINTS.schemaRegistryUrl;
  const runId = `rtml-run-${process.pid}-${Date.now()}`;
  const transactions = new Set<string>();
  const predicted = new Set<string>();
  const deadLettered = new Set<string>();
  const latencies: number[] = [];
  let predictionMessages = 0;
  let alerts = 0;
  let lastOutcomeAt = performance.now();
  let firstPredictionAt = Number.NaN;
  let lastPredictionAt = Number.NaN;

  const ours = (eventId: string | undefined) => eventId !== undefined && transactions.has(eventId);
  const watch = <T>(id: TopicId) =>
    new TopicWatcher<T>(options.kafka, topicName(id, prefix), registryUrl, `${runId}-${id}`);
  const watchers = [
    watch<Prediction>('predictions').onRecord(({ value }) => {
      if (!ours(value.eventId)) return;
      predictionMessages += 1;
      predicted.add(value.eventId);
      latencies.push(value.timings.scoredAt - value.timings.ingestedAt);
      options.onPrediction?.(value);
      lastOutcomeAt = performance.now();
      if (Number.isNaN(firstPredictionAt)) firstPredictionAt = lastOutcomeAt;
      lastPredictionAt = lastOutcomeAt;
    }),
    watch<Alert>('alerts').onRecord(({ value }) => {
      if (ours(value.eventId)) alerts += 1;
    }),
    watch<DeadLetter>('deadLetters').onRecord(({ value, headers }) => {
      const eventId = headers[HEADERS.eventId];
      // Only a rejected event ends without a stored prediction (not a failed webhook delivery).
      if (eventId !== undefined && ours(eventId) && rejectsEvent(value)) deadLettered.add(eventId);
      lastOutcomeAt = performance.now();
    }),
  ];
  await Promise.all(watchers.map((watcher) => watcher.start()));
  const dynamodb = dynamodbFromEnv(env);
  try {
    const startedAt = performance.now();
    const sender = new PacedSender(
      options.sink,
      options.rate,
      options.rate > 0 ? Math.max(1, Math.round(options.rate / 50)) : 1_000,
    );
    const feed = new RawEventFeed({
      labelDelayDays: options.labelDelayDays,
      idPrefix: options.idPrefix,
    });
    const track = (events: readonly RawEventJson[]) => {
      for (const event of events) if (event.kind === 'TRANSACTION') transactions.add(event.eventId);
    };
    const table = env['SCORES_TABLE'] ?? 'rtml-scores';
    const notYetStored = new AlreadyStoredFilter(
      dynamodb,
      table,
      (row) => `${options.idPrefix}${row.transactionId}`,
    );
    let nextCheckpoint = Number.NaN;
    const caughtUp = () =>
      passCheckpoint({
        kafka: options.kafka,
        prefix,
        stallTimeoutMs: options.stallTimeoutMs,
        progress: () => ({
          seen: predicted.size + deadLettered.size,
          expected: transactions.size,
        }),
      });
    for await (const rows of options.rows) {
      for (const event of feed.push(await notYetStored.keep(rows))) {
        // Only transactions mark time: a label is sent ahead of its own time (RawEventFeed).
        if (options.checkpointMs !== undefined && event.kind === 'TRANSACTION') {
          if (Number.isNaN(nextCheckpoint)) nextCheckpoint = event.eventTime + options.checkpointMs;
          if (event.eventTime >= nextCheckpoint) {
            await sender.flush();
            await caughtUp();
            await options.onCheckpoint?.(event.eventTime);
            nextCheckpoint +=
              options.checkpointMs *
              Math.ceil((event.eventTime - nextCheckpoint + 1) / options.checkpointMs);
          }
        }
        track([event]);
        sender.add(event);
      }
      await sender.flush();
    }
    await sender.send(feed.drain());
    const skipped =
      notYetStored.skipped > 0
        ? ` (${notYetStored.skipped} left out: an earlier run stored them already)`
        : '';
    options.log(
      `sent ${transactions.size} transactions and ${sender.count - transactions.size} labels${skipped}; waiting for every outcome...`,
    );
    lastOutcomeAt = performance.now();

    const poller = new StoredItemsPoller(dynamodb, table, transactions);
    await waitUntilStored({
      poller,
      allPredicted: () => predicted.size >= transactions.size - deadLettered.size,
      neverStored: () => deadLettered.size,
      lastOutcomeAt: () => lastOutcomeAt,
      stallTimeoutMs: options.stallTimeoutMs,
      progress: () => `${predicted.size}/${transactions.size - deadLettered.size} predicted`,
    });
    const allStoredAt = performance.now();
    const endedAt = Number.isNaN(lastPredictionAt) ? allStoredAt : lastPredictionAt;
    const seconds = (endedAt - startedAt) / 1000;
    const report = {
      sent: transactions.size,
      skipped: notYetStored.skipped,
      accepted: transactions.size - deadLettered.size,
      dlq: deadLettered.size,
      predictions: predictionMessages,
      stored: transactions.size - poller.outstanding,
      alerts,
      e2e_ms: summarizeLatency(latencies),
      events_per_s: Math.round(predicted.size / Math.max(seconds, 1e-3)),
    };
    return { report, startedAt, firstPredictionAt, lastPredictionAt, allStoredAt };
  } finally {
    dynamodb.destroy();
    await Promise.all(watchers.map((watcher) => watcher.stop()));
  }
}
