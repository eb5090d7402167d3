import type { ScoreItem } from './score-item.mapper';
import type { StoredScore } from './stored-score.mapper';

/** Where a page of an entity's scores ends: the index key of its last item. */
export interface ScorePageKey {
  readonly eventId: string;
  readonly entityId: string;
  readonly eventTimeId: string;
}

export interface EntityScoresQuery {
  readonly entityId: string;
  /** Event time range, epoch milliseconds, both ends included. */
  readonly fromMs: number;
  readonly toMs: number;
  readonly limit: number;
  /** Continue after this key (from the previous page). */
  readonly after?: ScorePageKey;
}

export interface EntityScoresPage {
  /** Ascending by event time (then event id). */
  readonly items: readonly StoredScore[];
  /** Where the next page starts; absent on the last page. */
  readonly next?: ScorePageKey;
}

/**
 * The port in front of the score storage (an abstract class so Nest can inject by it). Writes
 * are idempotent: putting the same items again leaves the same items.
 */
export abstract class ScoreStore {
  abstract putAll(items: readonly ScoreItem[]): Promise<void>;
  abstract get(eventId: string): Promise<StoredScore | undefined>;
  /** The stored scores among `eventIds`, by event id; an id with none is absent. */
  abstract getMany(eventIds: readonly string[]): Promise<ReadonlyMap<string, StoredScore>>;
  abstract listByEntity(query: EntityScoresQuery): Promise<EntityScoresPage>;
}
