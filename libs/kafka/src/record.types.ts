/** A record to produce. Keys are plain UTF-8 strings (partitioning), values are encoded bytes. */
export interface OutgoingRecord {
  readonly topic: string;
  readonly key: string | null;
  readonly value: Buffer | null;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A consumed record, as our code sees it whatever the client library underneath. */
export interface IncomingRecord {
  readonly topic: string;
  readonly partition: number;
  /** Offsets are strings: Kafka offsets are 64-bit and may exceed Number.MAX_SAFE_INTEGER. */
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, string>>;
  /** Broker or producer timestamp, epoch milliseconds. */
  readonly timestamp: number;
}

/** Consecutive records of one partition, delivered together. */
export interface RecordBatch {
  readonly topic: string;
  readonly partition: number;
  readonly records: readonly IncomingRecord[];
  /** The partition's high watermark when the batch was fetched (for lag). */
  readonly highWatermark: string;
}
