import { toLabelledMatrix } from '../feature-matrix.model';
import type { LabelledMatrix } from '../feature-matrix.model';
import { ModelTrainingError } from '../model-training.error';
import { createSeededRandom } from '../seeded.random';
import { gbdtScores } from './gbdt.model';
import { trainGbdt } from './gbdt.trainer';
import { leafCount, treeDepth } from './regression-tree.model';

/** Fraud when x0 > 0.5 and x1 > 0.5 (an interaction), plus a noise column; `flip`: label noise. */
function andRule(rows: number, seed: number, flip = 0): LabelledMatrix {
  const random = createSeededRandom(seed);
  const values: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < rows; i++) {
    const row = [random(), random(), random()];
    values.push(row);
    const label = (row[0] as number) > 0.5 && (row[1] as number) > 0.5 ? 1 : 0;
    labels.push(random() < flip ? 1 - label : label);
  }
  return toLabelledMatrix(values, labels);
}

const accuracy = (matrix: LabelledMatrix, scores: Float64Array): number =>
  scores.reduce((hits, s, i) => hits + ((s >= 0.5 ? 1 : 0) === matrix.labels[i] ? 1 : 0), 0) /
  scores.length;

describe('trainGbdt', () => {
  it('learns an interaction of two features and generalises to new rows', () => {
    const { model } = trainGbdt(andRule(2_000, 1), { trees: 50, learningRate: 0.3, maxDepth: 3 });
    const test = andRule(1_000, 2);
    expect(accuracy(test, gbdtScores(model, test))).toBeGreaterThan(0.97);
  });

  it('is deterministic for a seed, bit for bit, even with row and column sampling', () => {
    const data = andRule(1_000, 3);
    const params = { trees: 20, rowSubsample: 0.7, columnSubsample: 0.67, seed: 9 };
    const first = trainGbdt(data, params).model;
    const again = trainGbdt(data, params).model;
    expect(again.trees).toEqual(first.trees);
    expect(trainGbdt(data, { ...params, seed: 10 }).model.trees).not.toEqual(first.trees);
  });

  it('respects the depth and leaf limits', () => {
    const data = andRule(1_000, 4);
    for (const tree of trainGbdt(data, { trees: 5, maxDepth: 2 }).model.trees) {
      expect(treeDepth(tree)).toBeLessThanOrEqual(2);
    }
    for (const tree of trainGbdt(data, { trees: 5, maxDepth: 10, maxLeaves: 3 }).model.trees) {
      expect(leafCount(tree)).toBeLessThanOrEqual(3);
    }
  });

  it('starts from the log-odds of the positive rate', () => {
    const data = toLabelledMatrix([[0], [1], [2], [3]], [0, 0, 0, 1]);
    expect(trainGbdt(data, { trees: 1 }).model.baseMargin).toBeCloseTo(Math.log(1 / 3));
  });

  it('splits on thresholds that send values equal to a training value the same way as training', () => {
    const data = toLabelledMatrix([[1], [1], [2], [2], [3], [3]], [0, 0, 0, 0, 1, 1]);
    const { model } = trainGbdt(data, { trees: 10, learningRate: 0.5, minChildWeight: 0 });
    const scores = gbdtScores(model, toLabelledMatrix([[2], [3], [2.5000001], [-1]], [0, 1, 1, 0]));
    expect(scores[0]).toBeLessThan(0.5);
    expect(scores[1]).toBeGreaterThan(0.5);
    expect(Array.from(model.trees[0]?.threshold ?? [])).toContain(2.5);
  });

  it('stops early on the validation loss and keeps the best round', () => {
    const { model, rounds, validationLoss } = trainGbdt(
      andRule(300, 5, 0.2),
      { trees: 500, learningRate: 0.5, earlyStoppingRounds: 5, maxDepth: 6, minChildWeight: 0 },
      { validation: andRule(300, 6, 0.2) },
    );
    expect(rounds).toBeLessThan(500);
    expect(model.trees).toHaveLength(rounds);
    expect(validationLoss[rounds - 1]).toBe(Math.min(...validationLoss));
  });

  it('refuses non-finite features, bad labels and unknown parameters with a clear message', () => {
    expect(() => trainGbdt(toLabelledMatrix([[NaN]], [0]))).toThrow(
      /row 0, column 0 is not finite/,
    );
    expect(() => trainGbdt(toLabelledMatrix([[1]], [2]))).toThrow(/label 2/);
    expect(() => trainGbdt(andRule(10, 1), { trees: 0, depth: 3 } as never)).toThrow(
      ModelTrainingError,
    );
    expect(() => trainGbdt(andRule(10, 1), { earlyStoppingRounds: 3 })).toThrow(/validation/);
  });
});
