import { toFeatureMatrix, toLabelledMatrix } from '../feature-matrix.model';
import { gbdtScores } from '../gbdt/gbdt.model';
import { trainGbdt } from '../gbdt/gbdt.trainer';
import { logregScores } from '../logreg/logreg.model';
import { trainLogreg } from '../logreg/logreg.trainer';
import { ModelTrainingError } from '../model-training.error';
import { createSeededRandom } from '../seeded.random';
import { gbdtPart, logregPart, parseBlendParams } from './blend-params.model';
import { blendScores } from './blend.model';
import { trainBlend } from './blend.trainer';

/** A threshold rule (trees' strength) plus a linear trend (the regression's). */
function mixedData(rows: number) {
  const random = createSeededRandom(5);
  const values: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < rows; i++) {
    const x = [random() * 300, random() * 10 - 5];
    values.push(x);
    const p = x[0]! > 220 ? 0.9 : 1 / (1 + Math.exp(2 - x[1]!));
    labels.push(random() < p ? 1 : 0);
  }
  return toLabelledMatrix(values, labels);
}

describe('trainBlend', () => {
  const data = mixedData(2_000);
  const probe = toFeatureMatrix([
    [10, -4],
    [230, 0],
    [100, 4.5],
  ]);
  const params = { trees: 25, maxDepth: 3, gbdtWeight: 0.7, logregL2: 2 };

  it('trains each learner exactly as it would be trained alone, from its share of the parameters', () => {
    const { model } = trainBlend(data, params);
    const parsed = parseBlendParams(params);
    expect(gbdtScores(model.gbdt, probe)).toEqual(
      gbdtScores(trainGbdt(data, gbdtPart(parsed)).model, probe),
    );
    expect(logregScores(model.logreg, probe)).toEqual(
      logregScores(trainLogreg(data, logregPart(parsed)).model, probe),
    );
    expect(model.logreg.params.l2).toBe(2);
    expect(model.gbdt.params).not.toHaveProperty('gbdtWeight');
  });

  it('scores the weighted mean of the two probabilities', () => {
    const { model } = trainBlend(data, params);
    const trees = gbdtScores(model.gbdt, probe);
    const linear = logregScores(model.logreg, probe);
    const blended = blendScores(model, probe);
    blended.forEach((score, r) => {
      expect(score).toBeCloseTo(0.7 * trees[r]! + 0.3 * linear[r]!, 15);
    });
  });

  it('is either learner alone at the weight bounds', () => {
    const trees = trainBlend(data, { ...params, gbdtWeight: 1 }).model;
    const linear = trainBlend(data, { ...params, gbdtWeight: 0 }).model;
    expect(blendScores(trees, probe)).toEqual(gbdtScores(trees.gbdt, probe));
    expect(blendScores(linear, probe)).toEqual(logregScores(linear.logreg, probe));
  });

  it('rejects a weight outside [0, 1] and unknown or ambiguous parameter names', () => {
    expect(() => parseBlendParams({ gbdtWeight: 1.5 })).toThrow(
      /gbdtWeight: must be a number >= 0 and <= 1/,
    );
    expect(() => parseBlendParams({ C: 1 })).toThrow(ModelTrainingError);
    expect(() => parseBlendParams({ logregMaxIterations: 0.5 })).toThrow(/logregMaxIterations/);
  });
});
