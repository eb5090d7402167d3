import { HEADERS } from '@rtml/contracts';
import { outputHeaders } from '@rtml/kafka';
import type { IncomingRecord, OutgoingRecord } from '@rtml/kafka';

/** Distinct keys, as many as the bench's simulated customers. */
const KEYS = 5_000;
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

/**
 * The records each client produces: key `i mod 5000`, a value of `valueBytes` that starts with
 * its index (big-endian u32) and repeats it, and the first `headers` of: the event id and the
 * trace id (`outputHeaders`, what every data record of the pipeline carries) and the producing
 * service (what they carried before 2026-12-04, kept to measure a header's cost), so a consumed
 * record can be checked against its source.
 */
export function benchRecords(
  topic: string,
  count: number,
  valueBytes: number,
  headers: number,
): OutgoingRecord[] {
  return Array.from({ length: count }, (_, index) => {
    const value = Buffer.alloc(valueBytes, index & 0xff);
    value.writeUInt32BE(index, 0);
    const all: [string, string][] = [
      ...Object.entries(outputHeaders(eventIdOf(index), TRACE_ID)),
      [HEADERS.service, 'features'],
    ];
    return {
      topic,
      key: String(index % KEYS),
      value,
      headers: Object.fromEntries(all.slice(0, headers)),
    };
  });
}

const eventIdOf = (index: number) => `bench-${index}`;

/**
 * Checks the records one client consumed against what it produced: each exactly once, with its
 * key, value and headers intact, and each key on one partition. `partitionsOf()` then gives the
 * partition of every key, for comparing clients: two producers must put a key on the same one.
 */
export class ConsumedRecordsCheck {
  private readonly seen: Uint8Array;
  private readonly partitions = new Map<string, number>();
  private readonly problems: string[] = [];
  private received = 0;

  constructor(private readonly sent: readonly OutgoingRecord[]) {
    this.seen = new Uint8Array(sent.length);
  }

  readonly accept = (record: IncomingRecord): void => {
    this.received += 1;
    const index =
      record.value !== null && record.value.length >= 4 ? record.value.readUInt32BE(0) : -1;
    const source = this.sent[index];
    if (source === undefined)
      return this.problem(`a record with no source (offset ${record.offset})`);
    if (this.seen[index] === 1) return this.problem(`record ${index} read twice`);
    this.seen[index] = 1;
    if (record.key?.toString() !== source.key) this.problem(`record ${index}: key differs`);
    if (source.value === null || record.value === null || !record.value.equals(source.value))
      this.problem(`record ${index}: value differs`);
    for (const [name, value] of Object.entries(source.headers ?? {}))
      if (record.headers[name] !== value) this.problem(`record ${index}: header ${name} differs`);
    const key = source.key ?? '';
    const partition = this.partitions.get(key);
    if (partition === undefined) this.partitions.set(key, record.partition);
    else if (partition !== record.partition)
      this.problem(`key ${key} on partitions ${partition} and ${record.partition}`);
  };

  /** What went wrong, at most `limit` lines; empty when every record arrived intact once. */
  failures(limit = 5): string[] {
    const missing = this.sent.length - this.seen.reduce((sum, flag) => sum + flag, 0);
    const all =
      missing > 0
        ? [`${missing} of ${this.sent.length} records never arrived`, ...this.problems]
        : this.problems;
    return all.slice(0, limit);
  }

  get count(): number {
    return this.received;
  }

  partitionsOf(): ReadonlyMap<string, number> {
    return this.partitions;
  }

  private problem(text: string): void {
    if (this.problems.length < 100) this.problems.push(text);
  }
}

/** Keys two clients' producers put on different partitions (they must agree: per-key order). */
export function partitionDisagreements(
  a: ReadonlyMap<string, number>,
  b: ReadonlyMap<string, number>,
): string[] {
  const keys: string[] = [];
  for (const [key, partition] of a) {
    const other = b.get(key);
    if (other !== undefined && other !== partition) keys.push(key);
  }
  return keys;
}
