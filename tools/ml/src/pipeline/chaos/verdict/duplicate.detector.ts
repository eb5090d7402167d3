import type { TopicId } from '@rtml/contracts';

/** The topics the pipeline writes: every one must hold each of its records once. */
export const OUTPUT_TOPICS = [
  'transactions',
  'labels',
  'enrichedEvents',
  'predictions',
  'alerts',
  'deadLetters',
] as const satisfies readonly TopicId[];

export type OutputTopic = (typeof OUTPUT_TOPICS)[number];

/**
 * What makes two records of an output topic the same record, from its decoded value: the event
 * id (transactions, labels, enriched events, predictions: one each per event), the alert id
 * (alerts: deterministic from the event id) and the source record and the service that gave up on
 * it (dead letters: one per topic/partition/offset and consumer; a topic two services consume,
 * `labels`, gives each of them its own dead letter of a poison record). Undefined for a value
 * that carries no such key.
 */
export function dedupeKey(topic: OutputTopic, value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const fields = value as Record<string, unknown>;
  const text = (name: string) => {
    const field = fields[name];
    return typeof field === 'string' || typeof field === 'number' ? String(field) : undefined;
  };
  if (topic === 'alerts') return text('alertId');
  if (topic === 'deadLetters') {
    const [source, partition, offset] = [
      'originalTopic',
      'originalPartition',
      'originalOffset',
    ].map(text);
    return source === undefined || partition === undefined || offset === undefined
      ? undefined
      : `${source}/${partition}/${offset}@${text('service') ?? ''}`;
  }
  return text('eventId');
}

/** How many records carry each key. */
export function countByKey<T>(
  records: Iterable<T>,
  keyOf: (record: T) => string | undefined,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const record of records) {
    const key = keyOf(record);
    if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export interface DuplicateTally {
  /** Records beyond the first of their key. */
  readonly duplicates: number;
  /** Distinct keys. */
  readonly distinct: number;
  /** Keys seen more than once but left out of `duplicates` (see `tallyDuplicates`). */
  readonly excused: number;
  /** A few repeated keys with their counts, for the failure message. */
  readonly examples: readonly string[];
}

/**
 * Counts the records beyond the first of each key. Keys in `excused` are counted apart: an event
 * the suite itself sent twice (a client resend after an answer that never came, which ingest's
 * contract allows and only downstream deduplicates) is no duplicate of the pipeline's making on
 * the topics ingest writes.
 */
export function tallyDuplicates(
  counts: ReadonlyMap<string, number>,
  excused: ReadonlySet<string> = new Set(),
): DuplicateTally {
  let duplicates = 0;
  let excusedCount = 0;
  const examples: string[] = [];
  for (const [key, count] of counts) {
    if (count < 2) continue;
    if (excused.has(key)) {
      excusedCount += count - 1;
      continue;
    }
    duplicates += count - 1;
    if (examples.length < 3) examples.push(`${key} ×${count}`);
  }
  return { duplicates, distinct: counts.size, excused: excusedCount, examples };
}
