import { averagePrecision } from './average-precision.metric';
import { cardPrecisionAtK } from './card-precision.metric';
import { compareModels, weightedAp, weightedAuc } from './model-comparison.metric';
import { rocAuc } from './roc-auc.metric';
import { indicesByScoreDescending } from './score.order';
import { createSeededRandom } from '../seeded.random';

/** Labelled events of `days` days; b separates frauds better than a by `edge`. */
function paired(n: number, days: number, edge: number, seed = 3) {
  const random = createSeededRandom(seed);
  const labels = Array.from({ length: n }, () => (random() < 0.1 ? 1 : 0));
  return {
    days: labels.map((_, i) => Math.floor((i * days) / n)),
    cards: labels.map(() => Math.floor(random() * 300)),
    labels,
    a: labels.map((l) => Math.round((random() + 0.3 * l) * 100) / 100),
    b: labels.map((l) => Math.round((random() + (0.3 + edge) * l) * 100) / 100),
  };
}

describe('the weighted metrics', () => {
  it('equal rocAuc and averagePrecision with every weight 1, ties included', () => {
    const { labels, a } = paired(2_000, 7, 0);
    const order = indicesByScoreDescending(a);
    const ones = labels.map(() => 1);
    expect(weightedAuc(labels, a, order, ones)).toBe(rocAuc(labels, a));
    expect(weightedAp(labels, a, order, ones)).toBe(averagePrecision(labels, a));
  });

  it('equal the metrics of the rows repeated as many times as their weight', () => {
    const { labels, a } = paired(300, 3, 0, 9);
    const weights = labels.map((_, i) => i % 4);
    const repeated = labels.flatMap((_, i) => Array.from({ length: weights[i]! }, () => i));
    const [l, s] = [repeated.map((i) => labels[i]!), repeated.map((i) => a[i]!)];
    const order = indicesByScoreDescending(a);
    expect(weightedAuc(labels, a, order, weights)).toBeCloseTo(rocAuc(l, s), 12);
    expect(weightedAp(labels, a, order, weights)).toBeCloseTo(averagePrecision(l, s), 12);
  });
});

describe('compareModels', () => {
  it('gives the metrics of the events themselves as point estimates, inside their intervals', () => {
    const scores = paired(4_000, 7, 0.2);
    const result = compareModels(scores, { k: 20, resamples: 200 });
    expect(result.metrics.auc.a.value).toBe(rocAuc(scores.labels, scores.a));
    expect(result.metrics.ap.b.value).toBe(averagePrecision(scores.labels, scores.b));
    expect(result.metrics.cardPrecision.a.value).toBeCloseTo(
      cardPrecisionAtK({ ...scores, scores: scores.a }, 20).mean,
      15,
    );
    for (const metric of Object.values(result.metrics))
      for (const estimate of [metric.a, metric.b, metric.difference]) {
        expect(estimate.low).toBeLessThanOrEqual(estimate.value);
        expect(estimate.high).toBeGreaterThanOrEqual(estimate.value);
      }
    expect(result).toMatchObject({ events: 4_000, days: 7, k: 20, resamples: 200 });
  });

  it('finds a real gain significant and no gain not, and is the same run after run', () => {
    const better = compareModels(paired(4_000, 7, 0.3), { resamples: 300 });
    expect(better.metrics.auc.difference.low).toBeGreaterThan(0);
    expect(better.metrics.ap.difference.low).toBeGreaterThan(0);
    const same = paired(4_000, 7, 0);
    const none = compareModels({ ...same, b: same.a }, { resamples: 300 });
    expect(none.metrics.auc.difference).toEqual({ value: 0, low: 0, high: 0 });
    expect(compareModels(paired(4_000, 7, 0.3), { resamples: 300 })).toEqual(better);
  });

  it('leaves intervals undefined where the metric is, and refuses unequal columns', () => {
    const genuine = { days: [1, 1], cards: [1, 2], labels: [0, 0], a: [0.1, 0.2], b: [0.3, 0.1] };
    const result = compareModels(genuine, { resamples: 20 });
    expect(result.metrics.auc.a).toEqual({ value: NaN, low: NaN, high: NaN });
    expect(() => compareModels({ ...genuine, b: [0.1] })).toThrow('same length');
  });
});
