import type { AppError } from '@rtml/errors';
import type { IncomingRecord } from '../record.types';

/**
 * What a service supplies to the stage runtime: how to read one record and how to process a
 * batch of them. The runtime owns everything else: retry, dead-lettering, encoding, size bounds,
 * publishing, offsets (committed, or sent in a Kafka transaction), metrics and shutdown. This is
 * Kafka Streams' split between the processor (*what*) and the runtime (*how*), and why a stage
 * can be unit-tested without a broker (`StageTestDriver` in @rtml/testing).
 */
export interface StageDefinition<T> {
  /** The stage: names its metrics and logs, and (unless `service` is given) its outputs. */
  readonly name: string;
  /**
   * The service running the stage, named in the service header of its outputs and in its dead
   * letters; default: `name`. For a second stage of a service (a worker beside the main
   * consumer), which needs a name of its own for its metrics.
   */
  readonly service?: string;
  /**
   * Bytes → typed value. Throw a non-retriable AppError for a record that is invalid on its own
   * (it is dead-lettered, and the batch goes on); a retriable one (a dependency is down) retries
   * the whole batch with backoff.
   */
  parse(record: IncomingRecord): Promise<T> | T;
  /**
   * The parsed records of one partition's batch, in offset order. Side effects (Redis, DynamoDB)
   * happen here and must be idempotent by key: a batch is processed again after a crash, a failed
   * publish or a rebalance. Outputs are handed to `out`; throwing retries the batch.
   */
  process(batch: StageBatch<T>, out: StageOutputs<T>): Promise<void>;
}

/** A topic a stage writes to: the broker's name (prefix included) and its value subject. */
export interface StageTopic {
  readonly topic: string;
  readonly subject: string;
}

/** One output: a typed value, encoded by the runtime with the topic's subject. */
export interface StageEmit {
  readonly to: StageTopic;
  readonly key: string | null;
  readonly value: unknown;
  /** Sent as the event-id header. */
  readonly eventId?: string;
  /** The trace-id header; by default the source record's is carried over. */
  readonly traceId?: string;
}

export interface Parsed<T> {
  readonly record: IncomingRecord;
  readonly value: T;
}

export interface StageBatch<T> {
  readonly topic: string;
  readonly partition: number;
  readonly items: readonly Parsed<T>[];
  /**
   * Aborted when the runtime gives the batch up (a stop past its drain deadline): its outputs
   * will not be delivered and the next owner processes it again, so a long-running stage (the
   * webhook worker) should start no further side effect.
   */
  readonly signal: AbortSignal;
}

export interface StageOutputs<T> {
  emit(source: Parsed<T>, output: StageEmit): void;
  /** The record turned out invalid while processing (e.g. a vector the model cannot read). */
  reject(source: Parsed<T>, error: AppError): void;
}
