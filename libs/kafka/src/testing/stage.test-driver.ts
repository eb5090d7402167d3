import { topicName, valueSubject } from '@rtml/contracts';
import type { DeadLetter } from '@rtml/contracts';
import { DeadLetterWriter, StageRunner } from '../index';
import type {
  DeadLetterLimits,
  IncomingRecord,
  OutgoingRecord,
  RecordBatch,
  StageDefinition,
  StageResult,
} from '../index';
import { ContractCodec } from './contract.codec';

export interface DriverRecord {
  readonly key?: string | null;
  readonly value: Buffer | null;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface DriverOutput<T = unknown> {
  readonly key: string | null;
  readonly value: T;
  readonly headers: Readonly<Record<string, string>>;
}

export interface StageTestDriverOptions {
  /** The topic prefix the stage was built with. */
  readonly prefix?: string;
  readonly maxRecordBytes?: number;
  readonly deadLetterLimits?: Partial<DeadLetterLimits>;
}

/** What one piped batch became: the records the runtime would deliver, decoded for assertions. */
export class DriverResult {
  constructor(
    readonly result: StageResult,
    private readonly decoded: ReadonlyMap<OutgoingRecord, unknown>,
    private readonly deadLetterTopic: string,
  ) {}

  get records(): readonly OutgoingRecord[] {
    return this.result.records;
  }

  outputs<T>(topic: string): DriverOutput<T>[] {
    return this.result.records
      .filter((record) => record.topic === topic)
      .map((record) => ({
        key: record.key,
        value: this.decoded.get(record) as T,
        headers: record.headers ?? {},
      }));
  }

  get deadLetters(): DeadLetter[] {
    return this.outputs<DeadLetter>(this.deadLetterTopic).map((output) => output.value);
  }
}

/**
 * Kafka Streams' `TopologyTestDriver`, for our stages: pipes records through a stage exactly as
 * the runtime does (parse, process, encode, bound, dead-letter), with no broker and no registry,
 * and keeps offsets per partition as a topic would. What it cannot show (delivery, commits,
 * transactions, shutdown) is the integration tests' job, against the real servers.
 */
export class StageTestDriver<T> {
  readonly codec: ContractCodec;
  private readonly runner: StageRunner<T>;
  private readonly deadLetterTopic: string;
  private readonly nextOffsets = new Map<string, bigint>();
  private last: RecordBatch | undefined;

  constructor(
    build: (codec: ContractCodec) => StageDefinition<T>,
    private readonly options: StageTestDriverOptions = {},
  ) {
    this.codec = new ContractCodec(options.prefix);
    const stage = build(this.codec);
    this.deadLetterTopic = topicName('deadLetters', options.prefix);
    this.runner = new StageRunner(stage, {
      encoder: this.codec,
      deadLetters: new DeadLetterWriter(this.codec, {
        topic: this.deadLetterTopic,
        subject: valueSubject('deadLetters', options.prefix),
        service: stage.service ?? stage.name,
        limits: options.deadLetterLimits,
      }),
      maxRecordBytes: options.maxRecordBytes,
    });
  }

  /** A value framed as its subject's producers would frame it. */
  avro(subject: string, value: unknown): Promise<Buffer> {
    return this.codec.encode(subject, value);
  }

  /** One batch of one partition, as the consumer would hand it over. */
  async pipe(
    topic: string,
    records: readonly DriverRecord[],
    partition = 0,
  ): Promise<DriverResult> {
    const key = `${topic}:${partition}`;
    let offset = this.nextOffsets.get(key) ?? 0n;
    const incoming: IncomingRecord[] = records.map((record) => ({
      topic,
      partition,
      offset: String(offset++),
      key: record.key === undefined || record.key === null ? null : Buffer.from(record.key),
      value: record.value,
      headers: record.headers ?? {},
      timestamp: Date.now(),
    }));
    this.nextOffsets.set(key, offset);
    this.last = { topic, partition, records: incoming, highWatermark: String(offset) };
    return this.run(this.last);
  }

  /**
   * The last piped batch again, same records and offsets: what the runtime does when a batch
   * failed (the stage threw) and is retried.
   */
  redeliver(): Promise<DriverResult> {
    if (this.last === undefined) throw new Error('redeliver() before any pipe()');
    return this.run(this.last);
  }

  private async run(batch: RecordBatch): Promise<DriverResult> {
    const result = await this.runner.run(batch);
    const decoded = new Map<OutgoingRecord, unknown>();
    for (const record of result.records)
      if (record.value !== null) decoded.set(record, await this.codec.decode(record.value));
    return new DriverResult(result, decoded, this.deadLetterTopic);
  }
}
