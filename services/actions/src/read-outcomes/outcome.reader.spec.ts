import type { Label } from '@rtml/contracts';
import { predictionFixture, shadowPredictionFixture } from '@rtml/contracts/testing';
import type { StoredLabel } from '../join-labels/label-item.mapper';
import { LabelStore } from '../join-labels/label.store';
import { ScoreStore } from '../store-prediction/score.store';
import type { EntityScoresPage } from '../store-prediction/score.store';
import type { StoredScore } from '../store-prediction/stored-score.mapper';
import { EventClock } from './event-clock.store';
import { OutcomeReader } from './outcome.reader';

const DAY = 86_400_000;
const T = Date.UTC(2018, 3, 1);

const score = (eventId: string, eventTime: number, shadow = false): StoredScore => ({
  ...(shadow ? shadowPredictionFixture : predictionFixture),
  eventId,
  eventTime,
  expiresAt: 1,
});
const label = (eventId: string, fraud: boolean): StoredLabel => ({
  eventId,
  entityId: predictionFixture.entityId,
  transactionTime: T,
  transactionDay: '2018-04-01',
  fraud,
  labelledAt: T + 7 * DAY,
  labelEventId: `lbl-${eventId}`,
  source: 'HTTP',
  ingestedAt: T + 7 * DAY,
});

class FixedScores extends ScoreStore {
  constructor(private readonly scores: readonly StoredScore[]) {
    super();
  }
  putAll(): Promise<void> {
    throw new Error('read only');
  }
  get(eventId: string): Promise<StoredScore | undefined> {
    return Promise.resolve(this.scores.find((s) => s.eventId === eventId));
  }
  getMany(eventIds: readonly string[]): Promise<ReadonlyMap<string, StoredScore>> {
    return Promise.resolve(
      new Map(this.scores.filter((s) => eventIds.includes(s.eventId)).map((s) => [s.eventId, s])),
    );
  }
  listByEntity(): Promise<EntityScoresPage> {
    return Promise.resolve({ items: this.scores });
  }
}

class FixedLabels extends LabelStore {
  readonly asked: string[][] = [];
  constructor(private readonly labels: readonly StoredLabel[]) {
    super();
  }
  putAll(_: readonly Label[]): Promise<void> {
    throw new Error('read only');
  }
  getMany(eventIds: readonly string[]): Promise<ReadonlyMap<string, StoredLabel>> {
    this.asked.push([...eventIds]);
    return Promise.resolve(
      new Map(this.labels.filter((l) => eventIds.includes(l.eventId)).map((l) => [l.eventId, l])),
    );
  }
  labelsOfDay(): Promise<StoredLabel[]> {
    throw new Error('not read here');
  }
}

class FixedClock extends EventClock {
  constructor(private readonly at: number | undefined) {
    super();
  }
  advance(): Promise<void> {
    throw new Error('read only');
  }
  read(): Promise<number | undefined> {
    return Promise.resolve(this.at);
  }
}

describe('the outcomes of a set of events', () => {
  const scores = [score('old', T, true), score('recent', T + 6 * DAY), score('fraud', T)];
  const labels = new FixedLabels([label('fraud', true), label('unscored', true)]);
  const reader = new OutcomeReader({
    scores: new FixedScores(scores),
    labels,
    clock: new FixedClock(T + 7 * DAY),
    labelDelayMs: 7 * DAY,
  });

  it('joins each stored prediction (and its shadow score) to its label and judges it by one clock', async () => {
    const outcomes = await reader.outcomesOf(['old', 'recent', 'fraud', 'unscored', 'unknown']);

    expect([...outcomes.keys()].sort()).toEqual(['fraud', 'old', 'recent']);
    expect(outcomes.get('old')).toMatchObject({
      shadow: shadowPredictionFixture.shadow,
      label: null,
      matured: true,
      outcome: 'genuine',
    });
    expect(outcomes.get('recent')).toMatchObject({
      label: null,
      matured: false,
      outcome: 'pending',
    });
    expect(outcomes.get('fraud')).toMatchObject({
      label: { fraud: true, labelledAt: T + 7 * DAY },
      outcome: 'fraud',
    });
  });

  it("reads a page's labels with one call for the page's events", async () => {
    labels.asked.length = 0;
    const page = await reader.entityPage({
      entityId: 'c',
      fromMs: 0,
      toMs: T + DAY * 30,
      limit: 10,
    });

    expect(page.items.map((item) => item.outcome)).toEqual(['genuine', 'pending', 'fraud']);
    expect(labels.asked).toEqual([['old', 'recent', 'fraud']]);
    expect(page.next).toBeUndefined();
  });

  it('answers undefined for an event whose prediction is not stored, even when labelled', async () => {
    expect(await reader.outcomeOf('unscored')).toBeUndefined();
    expect(await reader.outcomeOf('fraud')).toMatchObject({ outcome: 'fraud', matured: true });
  });
});
