import { CONTENT_TYPES, HEADERS, LOCAL_DEV_KEYS, topicName, valueSubject } from '@rtml/contracts';
import type { TopicId } from '@rtml/contracts';
import type { AvroSerde, OutgoingRecord } from '@rtml/kafka';
import { POISON_ID_PREFIX } from '../run/run.ledger';
import { latestSchemaId } from './schema.ids';

export type PoisonKind = 'oversized' | 'undecodable' | 'schema-invalid';

/** Every topic a service consumes: each gets one poison record of the kind. */
export const INPUT_TOPICS = [
  'rawEvents',
  'transactions',
  'labels',
  'enrichedEvents',
  'predictions',
] as const satisfies readonly TopicId[];

export const poisonId = (kind: PoisonKind, topic: TopicId): string =>
  `${POISON_ID_PREFIX}${kind}-${topic}`;

/** Unknown keys in the oversized object, and their value length (about 31 bytes a key). */
const OVERSIZED_KEYS = 30_000;
const OVERSIZED_VALUE = 'x'.repeat(19);

export interface PoisonContext {
  readonly prefix: string;
  readonly registryUrl: string;
  /** The registry, directly (the services' proxy may be cut). */
  readonly serde: AvroSerde;
  readonly now: number;
}

/**
 * One record of the kind for every input topic, each with its own event-id header (so the suite
 * finds it and its dead letter):
 * - oversized: a ~938 KB JSON object with 30,000 unknown keys (Avro topics: bytes that are not
 *   the wire format at all; events.raw: an event with 30,000 field errors);
 * - undecodable: not UTF-8 (events.raw); the wire format with the topic's own schema id and a
 *   body that ends in the middle of a varint (Avro topics);
 * - schema-invalid: JSON of an event without its customer and with a text amount (events.raw);
 *   a well-formed Avro record of another contract, under that contract's id (Avro topics).
 */
export async function poisonRecords(
  kind: PoisonKind,
  context: PoisonContext,
): Promise<OutgoingRecord[]> {
  return Promise.all(
    INPUT_TOPICS.map(async (topic) => {
      const eventId = poisonId(kind, topic);
      const raw = topic === 'rawEvents';
      return {
        topic: topicName(topic, context.prefix),
        key: 'chaos-poison',
        value: await poisonValue(kind, topic, eventId, context),
        headers: {
          [HEADERS.eventId]: eventId,
          ...(raw ? { [HEADERS.producerKey]: LOCAL_DEV_KEYS.producer } : {}),
          ...(raw && kind !== 'undecodable' ? { [HEADERS.contentType]: CONTENT_TYPES.json } : {}),
        },
      };
    }),
  );
}

async function poisonValue(
  kind: PoisonKind,
  topic: TopicId,
  eventId: string,
  context: PoisonContext,
): Promise<Buffer> {
  const raw = topic === 'rawEvents';
  if (kind === 'oversized') return oversizedJson(eventId, context.now);
  if (kind === 'undecodable') {
    if (raw) return Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xff]);
    const id = await latestSchemaId(context.registryUrl, valueSubject(topic, context.prefix));
    const framed = Buffer.alloc(6);
    framed.writeUInt8(0, 0);
    framed.writeUInt32BE(id, 1);
    framed.writeUInt8(0x80, 5); // a varint's continuation bit, and then nothing
    return framed;
  }
  if (raw)
    return Buffer.from(
      JSON.stringify({ eventId, kind: 'TRANSACTION', eventTime: context.now, amount: 'ten' }),
    );
  // A label where a transaction (or an enriched event, or a prediction) belongs, and the reverse.
  const other = topic === 'labels' ? 'transactions' : 'labels';
  return context.serde.encode(
    valueSubject(other, context.prefix),
    foreignValue(other, eventId, context.now),
  );
}

/** The oversized value: a raw event with 30,000 keys no contract knows, about 938 KB of JSON. */
export function oversizedJson(eventId: string, now: number): Buffer {
  const fields: Record<string, unknown> = {
    eventId,
    kind: 'TRANSACTION',
    eventTime: now,
    customerId: 'chaos-poison',
    terminalId: 'chaos-poison',
    amount: 1,
  };
  for (let i = 0; i < OVERSIZED_KEYS; i += 1)
    fields[`k${String(i).padStart(5, '0')}`] = OVERSIZED_VALUE;
  return Buffer.from(JSON.stringify(fields));
}

function foreignValue(contract: 'labels' | 'transactions', eventId: string, now: number): object {
  const common = {
    eventId,
    customerId: 'chaos-poison',
    terminalId: 'chaos-poison',
    eventTime: now,
    ingestedAt: now,
    source: 'KAFKA',
  };
  return contract === 'labels'
    ? { ...common, transactionId: `${eventId}-tx`, transactionTime: now, fraud: true }
    : { ...common, amount: 1, attributes: {} };
}
