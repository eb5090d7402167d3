import type { LabelItem } from './label-item.mapper';

/** What decides which of two labels of one event is kept. */
export type LabelRank = Pick<LabelItem, 'labelledAt' | 'labelEventId'>;

/**
 * Whether `candidate` replaces `stored` as the label of their event: the label known last (label
 * event time) wins, ties broken by the label event's id; the same label again replaces itself,
 * with the same item. So the kept label does not depend on the order labels are processed in: a
 * redelivery or a replay of an old label cannot undo a newer one (a chargeback reversed later).
 */
export function supersedes(candidate: LabelRank, stored: LabelRank | undefined): boolean {
  if (stored === undefined) return true;
  if (candidate.labelledAt !== stored.labelledAt) return candidate.labelledAt > stored.labelledAt;
  // By UTF-8 bytes, as DynamoDB compares strings in the condition below (JavaScript's `>=`
  // compares UTF-16 code units, which orders some characters differently).
  return Buffer.compare(Buffer.from(candidate.labelEventId), Buffer.from(stored.labelEventId)) >= 0;
}

/**
 * `supersedes` as the condition of the put that stores a label, checked by DynamoDB against the
 * stored item, so replicas writing labels of one event at once still keep the same one. Its
 * names and values: `LABEL_CONDITION_NAMES` and `conditionValues`.
 */
export const SUPERSEDES_CONDITION =
  'attribute_not_exists(#eventId) OR #labelledAt < :labelledAt OR (#labelledAt = :labelledAt AND #labelEventId <= :labelEventId)';

export const LABEL_CONDITION_NAMES = {
  '#eventId': 'eventId',
  '#labelledAt': 'labelledAt',
  '#labelEventId': 'labelEventId',
} as const;

export const conditionValues = (item: LabelRank) => ({
  ':labelledAt': item.labelledAt,
  ':labelEventId': item.labelEventId,
});

/** The label each event keeps among `items` (one write per event, none racing another). */
export function newestPerEvent(items: readonly LabelItem[]): LabelItem[] {
  const kept = new Map<string, LabelItem>();
  for (const item of items)
    if (supersedes(item, kept.get(item.eventId))) kept.set(item.eventId, item);
  return [...kept.values()];
}
