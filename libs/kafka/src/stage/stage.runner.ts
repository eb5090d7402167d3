import { HEADERS } from '@rtml/contracts';
import { AppError, toAppError } from '@rtml/errors';
import { timeStep } from '@rtml/observability';
import type { Logger, PipelineMetrics } from '@rtml/observability';
import type { DeadLetterWriter } from '../dead-letter.writer';
import { outputHeaders } from '../output-headers';
import { estimatedSize } from '../record-size';
import type { IncomingRecord, OutgoingRecord, RecordBatch } from '../record.types';
import type { Parsed, StageDefinition, StageEmit } from './stage.definition';

/** Encodes typed values with a subject's schema: the Avro serde, or the test driver's codec. */
export interface StageEncoder {
  encode(subject: string, value: unknown): Promise<Buffer>;
}

export interface StageRunnerOptions {
  readonly encoder: StageEncoder;
  readonly deadLetters: DeadLetterWriter;
  /**
   * The largest record the broker accepts (its `message.max.bytes`, 1 MiB by default, less
   * margin). An output over it is replaced by a dead letter of its source: retrying it could
   * never succeed and would hold its partition forever.
   */
  readonly maxRecordBytes?: number;
  readonly metrics?: PipelineMetrics;
  readonly logger?: Logger;
}

export const DEFAULT_MAX_RECORD_BYTES = 1_000_000;

const NEVER_ABORTED = new AbortController().signal;

/** What a processed batch turned into: the records to deliver, in source order, and its tally. */
export interface StageResult {
  readonly records: readonly OutgoingRecord[];
  readonly deadLettered: readonly DeadLettered[];
}

export interface DeadLettered {
  readonly source: IncomingRecord;
  readonly error: AppError;
}

interface Slot<T> {
  readonly record: IncomingRecord;
  parsed?: Parsed<T>;
  readonly emits: StageEmit[];
  error?: AppError;
}

/**
 * One batch through a stage, without any Kafka I/O: parse every record, process the valid ones,
 * encode the outputs, and turn every record that can never succeed (invalid on its own, rejected
 * while processing, or whose output is too large to publish) into a bounded dead letter. Throws
 * (retriable) when anything else fails, so the batch is retried whole.
 */
export class StageRunner<T> {
  private readonly maxRecordBytes: number;

  constructor(
    private readonly stage: StageDefinition<T>,
    private readonly options: StageRunnerOptions,
  ) {
    this.maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  }

  get name(): string {
    return this.stage.name;
  }

  async run(batch: RecordBatch, signal: AbortSignal = NEVER_ABORTED): Promise<StageResult> {
    const { metrics } = this.options;
    metrics?.batchSize.observe({ stage: this.stage.name }, batch.records.length);
    const slots: Slot<T>[] = batch.records.map((record) => ({ record, emits: [] }));
    await this.time('decode', () => Promise.all(slots.map((slot) => this.parse(slot))));
    const bySource = new Map<IncomingRecord, Slot<T>>(slots.map((slot) => [slot.record, slot]));
    const slotOf = (source: Parsed<T>): Slot<T> => {
      const slot = bySource.get(source.record);
      if (slot === undefined)
        throw new AppError('INTERNAL', 'an output names no record of its batch');
      return slot;
    };
    const items = slots.flatMap((slot) => (slot.parsed === undefined ? [] : [slot.parsed]));
    if (items.length > 0)
      await this.time('process', () =>
        this.stage.process(
          { topic: batch.topic, partition: batch.partition, items, signal },
          {
            emit: (source, output) => void slotOf(source).emits.push(output),
            reject: (source, error) => void (slotOf(source).error ??= error),
          },
        ),
      );
    const encoded = await this.time('encode', () => Promise.all(slots.map((s) => this.encode(s))));
    const deadLettered = slots.flatMap((slot) =>
      slot.error === undefined ? [] : [{ source: slot.record, error: slot.error }],
    );
    this.report(deadLettered);
    return { records: encoded.flat(), deadLettered };
  }

  private async parse(slot: Slot<T>): Promise<void> {
    try {
      slot.parsed = { record: slot.record, value: await this.stage.parse(slot.record) };
    } catch (thrown) {
      const error = toAppError(thrown);
      if (error.retriable) throw error;
      slot.error = error;
    }
  }

  /** A slot's outputs, or its one dead letter when it failed or an output cannot fit. */
  private async encode(slot: Slot<T>): Promise<OutgoingRecord[]> {
    if (slot.error === undefined) {
      const records = await Promise.all(slot.emits.map((emit) => this.toRecord(slot, emit)));
      const tooLarge = records.find((record) => estimatedSize(record) > this.maxRecordBytes);
      if (tooLarge === undefined) return records;
      slot.error = new AppError(
        'RECORD_TOO_LARGE',
        `the output for ${tooLarge.topic} is ${estimatedSize(tooLarge)} bytes, over the ${this.maxRecordBytes}-byte record limit`,
        { details: { topic: tooLarge.topic, bytes: estimatedSize(tooLarge) } },
      );
    }
    return [await this.options.deadLetters.toRecord(slot.record, slot.error)];
  }

  private async toRecord(slot: Slot<T>, emit: StageEmit): Promise<OutgoingRecord> {
    const traceId = emit.traceId ?? slot.record.headers[HEADERS.traceId];
    return {
      topic: emit.to.topic,
      key: emit.key,
      value: await this.options.encoder.encode(emit.to.subject, emit.value),
      headers: outputHeaders(emit.eventId, traceId),
    };
  }

  private report(deadLettered: readonly DeadLettered[]): void {
    const { metrics, logger } = this.options;
    for (const { source, error } of deadLettered) {
      metrics?.deadLetters.inc({ code: error.code });
      logger?.warn(
        {
          topic: source.topic,
          partition: source.partition,
          offset: source.offset,
          eventId: source.headers[HEADERS.eventId],
          code: error.code,
          reason: error.message.slice(0, 512),
        },
        'dead-lettered',
      );
    }
  }

  private time<R>(step: string, run: () => Promise<R>): Promise<R> {
    return timeStep(this.options.metrics, `${this.stage.name}-${step}`, run);
  }
}
