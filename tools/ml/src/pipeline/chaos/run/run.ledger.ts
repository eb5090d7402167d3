import type { Admin, Kafka } from 'kafkajs';
import { CONSUMER_GROUPS, HEADERS, TOPIC_IDS, consumerGroupId, topicName } from '@rtml/contracts';
import type { ConsumerGroupKey, TopicId } from '@rtml/contracts';
import { AvroSerde } from '@rtml/kafka';
import type { RawEventJson } from '../../feed/raw-event.feed';
import { TopicRecorder } from './topic.recorder';
import type { RecordedRecord } from './topic.recorder';

/** Event ids of the records a poison fault injects: never accepted events, kept out of tallies. */
export const POISON_ID_PREFIX = 'chaos-poison-';

/** Last stable offsets per partition of some topics, taken at one moment. */
export type OffsetSnapshot = ReadonlyMap<TopicId, ReadonlyMap<number, bigint>>;

const eventIdOf = (record: RecordedRecord) => record.headers[HEADERS.eventId];
export const isPoison = (record: RecordedRecord): boolean =>
  eventIdOf(record)?.startsWith(POISON_ID_PREFIX) ?? false;

/**
 * What one fault's run sent and what came out of it: which events ingest accepted, and a
 * recorder on each of the slice's seven topics (read_committed, every record once), with the
 * running indexes the stream's checkpoints and the recovery clock poll (prediction messages and
 * dead letters per event id). Consumer lag is counted in records, not offsets: the data records
 * a group has not committed past, which a transaction's commit marker never inflates.
 */
export class RunLedger {
  readonly recorders: Readonly<Record<TopicId, TopicRecorder>>;
  /** Transactions accepted (HTTP 202 or produced to events.raw), in order. */
  readonly accepted = new Set<string>();
  readonly acceptedLabels = new Set<string>();
  /** Events sent again after a request whose answer never came. */
  readonly resent = new Set<string>();
  /** Events ingest refused over HTTP, with its answer (a valid stream has none). */
  readonly rejected = new Map<string, string>();
  /** Prediction messages per event id. */
  readonly predicted = new Map<string, number>();
  /** The error code of the first dead letter of each event id. */
  readonly deadLettered = new Map<string, string>();

  constructor(
    kafka: Kafka,
    private readonly prefix: string,
    registryUrl: string,
    groupPrefix: string,
  ) {
    const serde = new AvroSerde(registryUrl);
    const decode = (value: Buffer) => serde.decode(value);
    this.recorders = Object.fromEntries(
      TOPIC_IDS.map((id) => [
        id,
        new TopicRecorder(
          kafka,
          topicName(id, prefix),
          `${groupPrefix}-recorder-${id}`,
          id === 'rawEvents' ? undefined : decode,
        ),
      ]),
    ) as Record<TopicId, TopicRecorder>;
    this.recorders.predictions.onRecord((record) => {
      const id = (record.value as { eventId?: unknown } | undefined)?.eventId;
      if (typeof id === 'string' && !isPoison(record))
        this.predicted.set(id, (this.predicted.get(id) ?? 0) + 1);
    });
    this.recorders.deadLetters.onRecord((record) => {
      const id = eventIdOf(record);
      const code = (record.value as { errorCode?: unknown } | undefined)?.errorCode;
      if (id !== undefined && !this.deadLettered.has(id))
        this.deadLettered.set(id, typeof code === 'string' ? code : 'unknown');
    });
  }

  async start(): Promise<void> {
    await Promise.all(Object.values(this.recorders).map((recorder) => recorder.start()));
  }

  async stop(): Promise<void> {
    await Promise.allSettled(Object.values(this.recorders).map((recorder) => recorder.stop()));
  }

  accept(events: readonly RawEventJson[]): void {
    for (const event of events)
      (event.kind === 'TRANSACTION' ? this.accepted : this.acceptedLabels).add(event.eventId);
  }

  /** The ids among `ids` with neither a prediction message nor a dead letter yet. */
  withoutOutcome(ids: Iterable<string>): string[] {
    const missing: string[] = [];
    for (const id of ids)
      if (!this.predicted.has(id) && !this.deadLettered.has(id)) missing.push(id);
    return missing;
  }

  /** Records read so far on every topic: anything moving anywhere is progress. */
  get recordsRead(): number {
    return Object.values(this.recorders).reduce((sum, recorder) => sum + recorder.size, 0);
  }

  /** The last stable offset of every partition of `topics` (what read_committed can reach). */
  async snapshot(admin: Admin, topics: readonly TopicId[] = TOPIC_IDS): Promise<OffsetSnapshot> {
    const entries = await Promise.all(
      topics.map(async (id) => {
        const offsets = await admin.fetchTopicOffsets(topicName(id, this.prefix));
        return [id, new Map(offsets.map((p) => [p.partition, BigInt(p.offset)]))] as const;
      }),
    );
    return new Map(entries);
  }

  /** True once every recorder has read its topic up to the snapshot. */
  caughtUpTo(snapshot: OffsetSnapshot): boolean {
    return [...snapshot].every(([id, ends]) => this.recorders[id].caughtUpTo(ends));
  }

  /**
   * Data records on the group's input topics it has not committed past (below `until` when
   * given: only what existed at that moment).
   */
  async groupLag(admin: Admin, group: ConsumerGroupKey, until?: OffsetSnapshot): Promise<number> {
    let lag = 0;
    for (const id of CONSUMER_GROUPS[group].consumes) {
      const topic = topicName(id, this.prefix);
      const [committed] = await admin.fetchOffsets({
        groupId: consumerGroupId(group, this.prefix),
        topics: [topic],
      });
      const from = new Map(
        (committed?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)] as const),
      );
      const recorder = this.recorders[id];
      for (const partition of recorder.partitions()) {
        const start = from.get(partition) ?? -1n;
        lag += recorder.countFrom(
          partition,
          start < 0n ? 0n : start,
          until?.get(id)?.get(partition),
        );
      }
    }
    return lag;
  }
}
