import { toFeatureMatrix, toLabelledMatrix } from '../feature-matrix.model';
import { sigmoid } from '../logistic.math';
import { createSeededRandom } from '../seeded.random';
import { logregMargins, logregScores, standardise } from './logreg.model';
import { trainLogreg } from './logreg.trainer';

/** Labels drawn from a known logistic model on two inputs of very different scales. */
function logisticData(rows: number, seed: number) {
  const random = createSeededRandom(seed);
  const values: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < rows; i++) {
    const x = [random() * 1000, random() - 0.5];
    values.push(x);
    labels.push(random() < sigmoid(-1 + 0.004 * (x[0] as number) + 3 * (x[1] as number)) ? 1 : 0);
  }
  return toLabelledMatrix(values, labels);
}

describe('trainLogreg', () => {
  it('reaches the penalised optimum: the gradient vanishes', () => {
    const data = logisticData(2_000, 1);
    const { model } = trainLogreg(data, { l2: 1 });
    const margins = logregMargins(model, data);
    const gradient = [0, 0, 0];
    for (let r = 0; r < data.rows; r++) {
      const residual = sigmoid(margins[r]!) - data.labels[r]!;
      for (let c = 0; c < 2; c++) {
        gradient[c]! +=
          residual * standardise(data.values[r * 2 + c]!, model.offsets[c]!, model.scales[c]!);
      }
      gradient[2]! += residual;
    }
    gradient[0]! += model.weights[0]!;
    gradient[1]! += model.weights[1]!;
    gradient.forEach((g) => expect(Math.abs(g)).toBeLessThan(1e-6));
  });

  it('recovers the generating coefficients on the original scale', () => {
    const { model } = trainLogreg(logisticData(20_000, 2), { l2: 0 });
    expect(model.weights[0]! * model.scales[0]!).toBeCloseTo(0.004, 3);
    expect(model.weights[1]! * model.scales[1]!).toBeCloseTo(3, 0);
  });

  it('standardises inside the model, so callers pass raw features', () => {
    const { model } = trainLogreg(logisticData(500, 3));
    expect(model.offsets[0]).toBeGreaterThan(400);
    const scores = logregScores(model, toFeatureMatrix([[500, 0]]));
    expect(scores[0]).toBeGreaterThan(0.2);
    expect(scores[0]).toBeLessThan(0.8);
  });

  it('gives a constant feature a scale of 1 instead of dividing by zero', () => {
    const { model } = trainLogreg(
      toLabelledMatrix(
        [
          [1, 5],
          [2, 5],
          [3, 5],
          [4, 5],
        ],
        [0, 1, 0, 1],
      ),
    );
    expect(model.scales[1]).toBe(1);
    expect(Number.isFinite(model.weights[1])).toBe(true);
  });
});
