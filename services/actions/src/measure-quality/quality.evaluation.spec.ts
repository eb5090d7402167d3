import { averagePrecision, cardPrecisionAtK, rocAuc } from '@rtml/model-training';
import type { StoredLabel } from '../join-labels/label-item.mapper';
import { utcDayOf } from '../shared/utc-day';
import { evaluateQuality } from './quality.evaluation';
import type { QualityRow } from './quality-row.mapper';

const DAY = 86_400_000;
const DELAY = 7 * DAY;
const T0 = Date.UTC(2018, 5, 1);

/** A deterministic pseudo-random sequence (a tiny LCG), so the data is the same every run. */
function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

describe('online quality of the matured events', () => {
  const random = sequence(42);
  // Four days of events by 60 customers, scored by champion v3, half also by challenger v4.
  const rows: QualityRow[] = Array.from({ length: 800 }, (_, i) => ({
    eventId: `e${String(i).padStart(4, '0')}`,
    entityId: String(Math.floor(random() * 60)),
    eventTime: T0 + Math.floor(random() * 4 * DAY),
    model: 'card-fraud',
    version: '3',
    score: Math.round(random() * 100) / 100,
    shadow:
      i % 2 === 0
        ? { model: 'card-fraud', version: '4', score: Math.round(random() * 100) / 100 }
        : null,
    featureSet: { name: 'handbook-15', version: '1' },
    features: [i, 0.5],
  }));
  const frauds = new Set(rows.filter(() => random() < 0.08).map((row) => row.eventId));
  // Some genuine outcomes are confirmed by a label; the others have none (genuine once matured).
  const labels: StoredLabel[] = rows
    .filter((row) => frauds.has(row.eventId) || random() < 0.1)
    .map((row) => ({
      eventId: row.eventId,
      entityId: row.entityId,
      transactionTime: row.eventTime,
      transactionDay: utcDayOf(row.eventTime),
      fraud: frauds.has(row.eventId),
      labelledAt: row.eventTime + DAY,
      labelEventId: `l-${row.eventId}`,
      source: 'KAFKA',
      ingestedAt: row.eventTime + DAY,
    }));

  /** The offline protocol written out on the events it should count, apart from the code. */
  const offline = (counted: readonly QualityRow[], scoreOf: (row: QualityRow) => number) => {
    const ordered = [...counted].sort((a, b) => a.eventTime - b.eventTime);
    const cols = {
      days: ordered.map((row) => Math.floor(row.eventTime / DAY)),
      cards: ordered.map((row) => Number(row.entityId)),
      labels: ordered.map((row) => (frauds.has(row.eventId) ? 1 : 0)),
      scores: ordered.map(scoreOf),
    };
    return {
      auc: rocAuc(cols.labels, cols.scores),
      ap: averagePrecision(cols.labels, cols.scores),
      cp: cardPrecisionAtK(cols, 10),
      events: ordered.length,
      frauds: cols.labels.filter((l) => l === 1).length,
    };
  };

  it('equals the offline protocol per version and role on the events matured in the range', () => {
    // The clock has passed the delay for the first three days and half of the fourth.
    const clock = T0 + 3.5 * DAY + DELAY;
    const [fromMs, toMs] = [T0, T0 + 4 * DAY - 1];
    const versions = evaluateQuality({
      rows,
      labels,
      clock,
      labelDelayMs: DELAY,
      fromMs,
      toMs,
      k: 10,
    });
    const matured = rows.filter((row) => row.eventTime + DELAY <= clock);

    expect(versions.map((v) => [v.model, v.version, v.role])).toEqual([
      ['card-fraud', '3', 'champion'],
      ['card-fraud', '4', 'challenger'],
    ]);
    const champion = offline(matured, (row) => row.score);
    const challenger = offline(
      matured.filter((row) => row.shadow !== null),
      (row) => row.shadow!.score,
    );
    for (const [version, expected] of [
      [versions[0]!, champion],
      [versions[1]!, challenger],
    ] as const) {
      expect(version.overall).toEqual({
        events: expected.events,
        frauds: expected.frauds,
        auc: expected.auc,
        ap: expected.ap,
        cardPrecision: expected.cp.mean,
      });
      expect(version.days.map((d) => [d.day, d.complete, d.cardPrecision])).toEqual([
        ['2018-06-01', true, expected.cp.perDay[0]!.precision],
        ['2018-06-02', true, expected.cp.perDay[1]!.precision],
        ['2018-06-03', true, expected.cp.perDay[2]!.precision],
        ['2018-06-04', false, expected.cp.perDay[3]!.precision],
      ]);
    }
    expect(champion.frauds).toBeGreaterThan(10);
  });

  it('counts nothing before the clock has passed an event’s delay, and nothing outside the range', () => {
    const clock = T0 + DELAY - 1;
    expect(
      evaluateQuality({
        rows,
        labels,
        clock,
        labelDelayMs: DELAY,
        fromMs: T0,
        toMs: T0 + 4 * DAY,
        k: 10,
      }),
    ).toEqual([]);
    const later = T0 + 10 * DAY + DELAY;
    const [day] = evaluateQuality({
      rows,
      labels,
      clock: later,
      labelDelayMs: DELAY,
      fromMs: T0 + DAY,
      toMs: T0 + 2 * DAY - 1,
      k: 10,
    });
    const inRange = rows.filter((r) => r.eventTime >= T0 + DAY && r.eventTime < T0 + 2 * DAY);
    expect(day!.overall.events).toBe(inRange.length);
    expect(day!.days).toEqual([expect.objectContaining({ day: '2018-06-02', complete: true })]);
    expect(
      evaluateQuality({
        rows,
        labels,
        clock: undefined,
        labelDelayMs: DELAY,
        fromMs: 0,
        toMs: later,
        k: 10,
      }),
    ).toEqual([]);
  });

  it('pools the versions of a role on request: a champion replaced during the range counts as one', () => {
    const clock = T0 + 20 * DAY;
    const replaced = rows.map((row, i) => (i % 3 === 0 ? { ...row, version: '2' } : row));
    const range = { labels, clock, labelDelayMs: DELAY, fromMs: T0, toMs: clock, k: 10 };
    const apart = evaluateQuality({ ...range, rows: replaced });
    expect(apart.map((v) => [v.version, v.role])).toEqual([
      ['2', 'champion'],
      ['3', 'champion'],
      ['4', 'challenger'],
    ]);
    const pooled = evaluateQuality({ ...range, rows: replaced, pool: 'role' });
    expect(pooled.map((v) => [v.version, v.role])).toEqual([
      ['*', 'champion'],
      ['*', 'challenger'],
    ]);
    expect(pooled[0]!.overall).toEqual(evaluateQuality({ ...range, rows })[0]!.overall);
  });

  it('answers for the model asked for only, and null where a metric is undefined', () => {
    const other: QualityRow = {
      ...rows[0]!,
      eventId: 'x',
      model: 'other',
      version: '1',
      shadow: null,
    };
    const clock = T0 + 20 * DAY;
    const all = evaluateQuality({
      rows: [...rows, other],
      labels,
      clock,
      labelDelayMs: DELAY,
      fromMs: T0,
      toMs: clock,
      k: 10,
    });
    expect(all.map((v) => v.model)).toEqual(['card-fraud', 'card-fraud', 'other']);
    expect(all[2]!.overall).toEqual({
      events: 1,
      frauds: 0,
      auc: null,
      ap: null,
      cardPrecision: 0,
    });
    const one = evaluateQuality({
      rows: [...rows, other],
      labels,
      clock,
      labelDelayMs: DELAY,
      fromMs: T0,
      toMs: clock,
      k: 10,
      model: 'other',
    });
    expect(one.map((v) => v.model)).toEqual(['other']);
  });
});
