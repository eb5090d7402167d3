import type { Label } from '@rtml/contracts';
import type { StoredLabel } from './label-item.mapper';

/**
 * The port in front of the label storage (an abstract class so Nest can inject by it). Each
 * event keeps one label, the newest (`supersedes`), whatever order labels are stored in; storing
 * the same labels again leaves the same items.
 */
export abstract class LabelStore {
  abstract putAll(labels: readonly Label[]): Promise<void>;
  /** The stored labels among `eventIds` (labelled transactions' ids), by event id. */
  abstract getMany(eventIds: readonly string[]): Promise<ReadonlyMap<string, StoredLabel>>;
  /**
   * The stored labels of the transactions of one UTC day (`YYYY-MM-DD`), from an index: a label
   * stored a moment ago may be missing for a moment (the index is eventually consistent).
   */
  abstract labelsOfDay(day: string): Promise<StoredLabel[]>;
}
