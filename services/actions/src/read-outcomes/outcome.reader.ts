import type { LabelStore } from '../join-labels/label.store';
import type { EntityScoresQuery, ScorePageKey, ScoreStore } from '../store-prediction/score.store';
import type { EventClock } from './event-clock.store';
import { withOutcome } from './outcome.policy';
import type { EventOutcome } from './outcome.policy';

export interface OutcomeReaderParts {
  readonly scores: ScoreStore;
  readonly labels: LabelStore;
  readonly clock: EventClock;
  /** LABEL_DELAY_DAYS in milliseconds. */
  readonly labelDelayMs: number;
}

export interface EntityOutcomesPage {
  readonly items: readonly EventOutcome[];
  readonly next?: ScorePageKey;
}

/**
 * The outcomes of stored predictions: each score with its shadow score, its label when one is
 * stored, whether it has matured and the outcome that follows. A label is joined by event id at
 * read time, so it does not matter whether it was stored before or after its prediction. The
 * clock is read with the labels, so every item of one answer is judged by the same clock.
 */
export class OutcomeReader {
  constructor(private readonly parts: OutcomeReaderParts) {}

  /** The outcomes of the events among `eventIds` whose prediction is stored, by event id. */
  async outcomesOf(eventIds: readonly string[]): Promise<ReadonlyMap<string, EventOutcome>> {
    const { scores, labels, clock } = this.parts;
    const [scored, labelled, now] = await Promise.all([
      scores.getMany(eventIds),
      labels.getMany(eventIds),
      clock.read(),
    ]);
    return new Map(
      [...scored].map(([eventId, score]) => [
        eventId,
        withOutcome(score, labelled.get(eventId), now, this.parts.labelDelayMs),
      ]),
    );
  }

  /** One event's outcome, or undefined when its prediction is not stored: reads in parallel. */
  async outcomeOf(eventId: string): Promise<EventOutcome | undefined> {
    const { scores, labels, clock } = this.parts;
    const [score, labelled, now] = await Promise.all([
      scores.get(eventId),
      labels.getMany([eventId]),
      clock.read(),
    ]);
    return score === undefined
      ? undefined
      : withOutcome(score, labelled.get(eventId), now, this.parts.labelDelayMs);
  }

  /** A page of an entity's scores with their outcomes: the page's labels in one BatchGetItem. */
  async entityPage(query: EntityScoresQuery): Promise<EntityOutcomesPage> {
    const { scores, labels, clock } = this.parts;
    const [page, now] = await Promise.all([scores.listByEntity(query), clock.read()]);
    const labelled = await labels.getMany(page.items.map((score) => score.eventId));
    const items = page.items.map((score) =>
      withOutcome(score, labelled.get(score.eventId), now, this.parts.labelDelayMs),
    );
    return page.next ? { items, next: page.next } : { items };
  }
}
