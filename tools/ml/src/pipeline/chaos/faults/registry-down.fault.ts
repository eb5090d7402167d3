import {
  CONTENT_TYPES,
  HEADERS,
  LOCAL_DEV_KEYS,
  SUBJECT_COMPATIBILITY,
  TOPICS,
  topicName,
  valueSubject,
} from '@rtml/contracts';
import { AvroSerde } from '@rtml/kafka';
import { POISON_ID_PREFIX } from '../run/run.ledger';
import type { Fault, FaultRun } from './fault.types';
import { latestSchemaId } from './schema.ids';

/**
 * A producer moves to a new, compatible version of the raw-event schema (the same fields,
 * reordered: what every Avro reader resolves by name), and the registry becomes unreachable
 * before any service has seen the new id: ingest cannot fetch the writer's schema. Those events
 * are valid: waiting for the registry is right, dead-lettering them is a loss.
 */
export const registryDownFault: Fault = {
  name: 'registry-down',
  injects:
    'a new compatible version of <prefix>.events.raw-value registered, then Avro events framed with its id produced while the registry proxy refuses connections',
  async inject(run) {
    // A long-running ingest has dead-lettered before: its dead-letter schema id is cached, so
    // a dead letter needs no registry. Without this, the first one cannot be encoded while the
    // registry is down, the batch is retried, and the loss stays hidden.
    await deadLetterOnce(run);
    const subject = valueSubject('rawEvents', run.slice.topicPrefix);
    const registryUrl = run.rig.shared.registryUrl;
    const previous = await latestSchemaId(registryUrl, subject);
    const serde = new AvroSerde(registryUrl);
    const next = await serde.register({
      subject,
      schema: reordered(TOPICS.rawEvents.valueSchema),
      compatibility: SUBJECT_COMPATIBILITY,
    });
    await run.rig.proxies.registry.setMode('refuse');
    run.sink.encoding = { kind: 'avro', serde, subject };
    run.mark(
      `registry cut; Kafka events now Avro with schema id ${next} (the previous one: ${previous})`,
    );
    await new Promise((resolve) => setTimeout(resolve, run.windows.registryDownMs));
    const sentDuringCut = run.sink.avroSent;
    await run.rig.proxies.registry.setMode('pass');
    run.mark(
      `registry back after ${run.windows.registryDownMs / 1000} s (${sentDuringCut} Avro events sent meanwhile)`,
    );
    run.healed();
    return async () => [
      ...(next === previous ? [`registering a new version returned the old id ${previous}`] : []),
      ...(sentDuringCut === 0
        ? ['no event used the new schema id while the registry was down']
        : []),
    ];
  },
};

const WARM_UP_ID = `${POISON_ID_PREFIX}warm-up`;

async function deadLetterOnce(run: FaultRun): Promise<void> {
  await run.publisher.publish([
    {
      topic: topicName('rawEvents', run.slice.topicPrefix),
      key: 'chaos-poison',
      value: Buffer.from(JSON.stringify({ eventId: WARM_UP_ID, kind: 'TRANSACTION' })),
      headers: {
        [HEADERS.eventId]: WARM_UP_ID,
        [HEADERS.contentType]: CONTENT_TYPES.json,
        [HEADERS.producerKey]: LOCAL_DEV_KEYS.producer,
      },
    },
  ]);
  const deadline = Date.now() + 30_000;
  while (!run.ledger.deadLettered.has(WARM_UP_ID)) {
    if (Date.now() > deadline)
      throw new Error('ingest did not dead-letter the warm-up record in 30 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  run.mark('ingest dead-lettered a warm-up record (its dead-letter schema id is cached now)');
}

/** The schema with its fields in another order (and a new doc): a new version, fully compatible. */
function reordered(schema: object): object {
  const record = schema as { doc?: string; fields: readonly object[] };
  return {
    ...record,
    doc: `${record.doc ?? ''} (fault suite: fields reordered)`,
    fields: [...record.fields].reverse(),
  };
}
