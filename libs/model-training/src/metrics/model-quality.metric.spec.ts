import { averagePrecision } from './average-precision.metric';
import { cardPrecisionAtK } from './card-precision.metric';
import { modelQuality } from './model-quality.metric';
import { rocAuc } from './roc-auc.metric';
import { createSeededRandom } from '../seeded.random';

describe('modelQuality', () => {
  const random = createSeededRandom(7);
  const n = 600;
  const rows = {
    days: Array.from({ length: n }, (_, i) => 17_700 + Math.floor(i / 200)),
    cards: Array.from({ length: n }, () => Math.floor(random() * 80)),
    labels: Array.from({ length: n }, () => (random() < 0.1 ? 1 : 0)),
    scores: Array.from({ length: n }, () => Math.round(random() * 50) / 50),
  };

  it('pools AUC and AP over the rows and averages the daily card precisions, as the offline protocol', () => {
    const quality = modelQuality(rows, 10);
    expect(quality.overall).toEqual({
      events: n,
      frauds: rows.labels.filter((l) => l === 1).length,
      auc: rocAuc(rows.labels, rows.scores),
      ap: averagePrecision(rows.labels, rows.scores),
      cardPrecision: cardPrecisionAtK(rows, 10).mean,
    });
  });

  it('gives each day its own AUC and AP, and the card precision of the day within the period', () => {
    const quality = modelQuality(rows, 10);
    const period = cardPrecisionAtK(rows, 10).perDay;
    expect(quality.perDay.map((d) => d.day)).toEqual([17_700, 17_701, 17_702]);
    quality.perDay.forEach((day, index) => {
      const at = rows.days.flatMap((d, i) => (d === day.day ? [i] : []));
      const labels = at.map((i) => rows.labels[i] as number);
      const scores = at.map((i) => rows.scores[i] as number);
      expect(day).toEqual({
        day: day.day,
        events: at.length,
        frauds: labels.filter((l) => l === 1).length,
        auc: rocAuc(labels, scores),
        ap: averagePrecision(labels, scores),
        cardPrecision: period[index]?.precision,
      });
    });
  });

  it('says NaN where a metric is undefined: no fraud, or no row', () => {
    const genuine = modelQuality({
      days: [1, 1],
      cards: [1, 2],
      labels: [0, 0],
      scores: [0.1, 0.2],
    });
    expect(genuine.overall).toMatchObject({ events: 2, frauds: 0, auc: NaN, ap: NaN });
    expect(genuine.overall.cardPrecision).toBe(0);
    const none = modelQuality({ days: [], cards: [], labels: [], scores: [] });
    expect(none.overall).toMatchObject({ events: 0, auc: NaN, ap: NaN, cardPrecision: NaN });
    expect(none.perDay).toEqual([]);
  });
});
