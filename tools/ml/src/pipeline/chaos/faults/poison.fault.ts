import { CONSUMER_GROUPS, CONSUMER_GROUP_KEYS, HEADERS, topicName } from '@rtml/contracts';
import type { TopicId } from '@rtml/contracts';
import { dedupeKey } from '../verdict/duplicate.detector';
import type { FaultName } from './fault.names';
import type { Fault } from './fault.types';
import { INPUT_TOPICS, poisonId, poisonRecords } from './poison.records';
import type { PoisonKind } from './poison.records';

const WHAT: Readonly<Record<PoisonKind, string>> = {
  oversized: 'a ~938 KB JSON object with 30,000 unknown keys',
  undecodable: 'an undecodable value',
  'schema-invalid': 'a decodable value that breaks the topic’s contract',
};

/** The services that consume `topic`, each of which must dead-letter its poison record once. */
const consumersOf = (topic: TopicId): string[] =>
  CONSUMER_GROUP_KEYS.filter((key) => CONSUMER_GROUPS[key].consumes.includes(topic))
    .map((key) => CONSUMER_GROUPS[key].service)
    .sort();

/**
 * Records that can never be processed, one on every input topic mid-stream: each must become
 * exactly one dead letter per consuming service (labels: features and actions), each fitting the
 * dead-letter topic, and none may hold up the events around it, on its partition or any other.
 */
export function poisonFault(kind: PoisonKind): Fault {
  return {
    name: `${kind}-records` as FaultName,
    injects: `${WHAT[kind]} produced to each of events.raw, transactions, labels, features.enriched and predictions`,
    async inject(run) {
      const records = await poisonRecords(kind, {
        prefix: run.slice.topicPrefix,
        registryUrl: run.rig.shared.registryUrl,
        serde: run.rig.serde,
        now: Date.now(),
      });
      await run.publisher.publish(records);
      const sizes = records.map((record) => record.value?.length ?? 0);
      run.mark(
        `${records.length} ${kind} records produced (${Math.max(...sizes)} bytes the largest)`,
      );
      run.healed();
      return async () => {
        const letters = [...run.ledger.recorders.deadLetters.records()].map((record) =>
          dedupeKey('deadLetters', record.value),
        );
        return INPUT_TOPICS.flatMap((topic) => {
          const id = poisonId(kind, topic);
          const injected = [...run.ledger.recorders[topic].records()].find(
            (record) => record.headers[HEADERS.eventId] === id,
          );
          if (injected === undefined)
            return [`the ${kind} record on ${topic} was not found on its topic`];
          const source = `${topicName(topic, run.slice.topicPrefix)}/${injected.partition}/${injected.offset}@`;
          const by = letters
            .filter((key) => key?.startsWith(source))
            .map((key) => key!.slice(source.length))
            .sort();
          const expected = consumersOf(topic);
          return by.join(',') === expected.join(',')
            ? []
            : [
                `the ${kind} record on ${topic} was dead-lettered by [${by.join(', ')}], not once by each of [${expected.join(', ')}]`,
              ];
        });
      };
    },
  };
}
