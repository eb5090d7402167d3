import {
  Consumer,
  FetchIsolationLevels,
  MessagesStreamFallbackModes,
  MessagesStreamModes,
} from '@platformatic/kafka';
import type { Message } from '@platformatic/kafka';
import { PlatformaticRecordPublisher } from '@rtml/kafka';
import type { IncomingRecord } from '@rtml/kafka';
import { CONSUME_TIMEOUT_MS, PublisherDriver, within } from './client.driver';

/** How many records the consumer reads between two commits of what it has read. */
const COMMIT_EVERY = 500;

/**
 * `@platformatic/kafka`: the pipeline's publisher on it (`PlatformaticRecordPublisher`, what
 * `KAFKA_PUBLISHER_CLIENT=platformatic` selects), and its consumer stream in a group with manual
 * commits, each message mapped to our `IncomingRecord`.
 */
export class PlatformaticDriver extends PublisherDriver {
  readonly name = 'platformatic';

  constructor(private readonly brokers: readonly string[]) {
    super(new PlatformaticRecordPublisher({ brokers, clientId: 'rtml-bench-platformatic' }));
  }

  async consume(
    topic: string,
    groupId: string,
    count: number,
    onRecord: (record: IncomingRecord) => void,
  ): Promise<void> {
    const consumer = new Consumer({
      clientId: 'rtml-bench-platformatic',
      groupId,
      bootstrapBrokers: [...this.brokers],
      isolationLevel: FetchIsolationLevels.READ_COMMITTED,
    });
    try {
      const stream = await consumer.consume({
        topics: [topic],
        autocommit: false,
        mode: MessagesStreamModes.COMMITTED,
        fallbackMode: MessagesStreamFallbackModes.EARLIEST,
      });
      const reading = new Promise<void>((resolve, reject) => {
        let seen = 0;
        const last = new Map<number, Message>();
        stream.on('error', reject);
        stream.on('data', (message: Message) => {
          onRecord(toIncoming(message));
          last.set(message.partition, message);
          seen += 1;
          if (seen % COMMIT_EVERY !== 0 && seen < count) return;
          const offsets = [...last.values()].map((m) => ({
            topic,
            partition: m.partition,
            offset: m.offset + 1n,
            leaderEpoch: m.leaderEpoch,
          }));
          last.clear();
          const committed = consumer.commit({ offsets });
          if (seen >= count) committed.then(resolve, reject);
          else committed.catch(reject);
        });
      });
      try {
        await within(reading, CONSUME_TIMEOUT_MS, `platformatic reading ${count} records`);
      } finally {
        await stream.close();
      }
    } finally {
      await consumer.close();
    }
  }
}

function toIncoming(message: Message): IncomingRecord {
  const headers: Record<string, string> = {};
  for (const [name, value] of message.headers) headers[name.toString()] = value.toString('utf8');
  return {
    topic: message.topic,
    partition: message.partition,
    offset: message.offset.toString(),
    key: message.key ?? null,
    value: message.value ?? null,
    headers,
    timestamp: Number(message.timestamp),
  };
}
