/**
 * @jest-environment ./tools/ml/src/model/onnx-runtime.test-environment.ts
 */
import { existsSync } from 'node:fs';
import { HANDBOOK_15 } from '@rtml/feature-engine';
import {
  MODEL_TYPES,
  createSeededRandom,
  toFeatureMatrix,
  toLabelledMatrix,
  trainModel,
} from '@rtml/model-training';
import type { FeatureMatrix, GbdtModel, LabelledMatrix, TrainedModel } from '@rtml/model-training';
import { handbookSplit } from '../evaluate/handbook.split';
import { loadLabelledRows } from '../evaluate/labelled-rows.loader';
import { selectMatrix } from '../evaluate/labelled-rows.selection';
import { parseUtcDay } from '../evaluate/utc-day.calendar';
import { REFERENCE_DATA_PATH } from '../reference-data.path';
import { maxAbsDifference, scoreWithOnnx } from './onnx.scorer';
import { TUNED_PARAMS } from './tuned-params.catalog';

const TOLERANCE = 1e-5;

async function onnxDifference(
  model: TrainedModel,
  names: string[],
  matrix: FeatureMatrix,
): Promise<number> {
  const bytes = model.toOnnx({ featureNames: names, featureSet: { name: 'test', version: 1 } });
  return maxAbsDifference(await scoreWithOnnx(bytes, matrix), model.scores(matrix)).value;
}

/** The float32 neighbours of x (one unit in the last place below and above). */
function float32Neighbours(x: number): [number, number] {
  const below = new Float32Array([x]);
  const above = new Float32Array([x]);
  const bits = (array: Float32Array) => new Int32Array(array.buffer);
  const step = (array: Float32Array, up: boolean) => {
    if (array[0] === 0) array[0] = up ? 1e-45 : -1e-45;
    else bits(array)[0]! += array[0]! > 0 === up ? 1 : -1;
  };
  step(below, false);
  step(above, true);
  return [below[0]!, above[0]!];
}

/** Integer-valued and fractional features with negatives and zeros, and a label depending on both. */
function syntheticData(rows: number): LabelledMatrix {
  const random = createSeededRandom(11);
  const values: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < rows; i++) {
    const row = [
      Math.floor(random() * 7) - 3,
      random() * 200 - 100,
      random() < 0.3 ? 0 : random() * 1e-3,
    ];
    values.push(row);
    labels.push(
      random() < (row[0]! > 0 && row[1]! > 10 ? 0.8 : row[2]! > 5e-4 ? 0.4 : 0.05) ? 1 : 0,
    );
  }
  return toLabelledMatrix(values, labels);
}

/** Rows placing each feature exactly on, just below and just above every split threshold. */
function thresholdRows(model: GbdtModel): number[][] {
  const rows: number[][] = [
    [0, 0, 0],
    [-0, -0, -0],
    [-1e30, -1e30, -1e30],
    [1e30, 1e30, 1e30],
  ];
  for (const tree of model.trees) {
    tree.feature.forEach((feature, node) => {
      if (feature < 0) return;
      const t = tree.threshold[node]!;
      for (const x of [t, ...float32Neighbours(t)])
        rows.push([0, 0, 0].map((v, c) => (c === feature ? x : v)));
    });
  }
  return rows;
}

describe('ONNX export parity with ONNX Runtime', () => {
  const train = syntheticData(3_000);
  const names = ['a', 'b', 'c'];

  it('scores like the trainer on values exactly at, just below and just above every threshold', async () => {
    const model = trainModel('gbdt', train, { trees: 60, maxDepth: 5, learningRate: 0.2 });
    const edges = toFeatureMatrix(thresholdRows(model.model as GbdtModel));
    expect(edges.rows).toBeGreaterThan(200);
    expect(await onnxDifference(model, names, edges)).toBeLessThanOrEqual(TOLERANCE);
  });

  it('scores like the trainer on negative, zero and unseen values, for every model type', async () => {
    const edges = toFeatureMatrix([
      [-3, -100, 0],
      [0, 0, 0],
      [4, 150, 1],
      [-1e6, 1e6, -5],
      [3, 10, 5e-4],
    ]);
    for (const type of MODEL_TYPES) {
      const model = trainModel(type, train, type === 'logreg' ? {} : { trees: 40 });
      expect(await onnxDifference(model, names, edges)).toBeLessThanOrEqual(TOLERANCE);
      expect(await onnxDifference(model, names, train)).toBeLessThanOrEqual(TOLERANCE);
    }
  });

  if (!existsSync(REFERENCE_DATA_PATH)) {
    it.skip(`on the reference data: skipped, the data set is absent (${REFERENCE_DATA_PATH})`, () => {});
    return;
  }

  it('scores every test row of the handbook baseline like the trainer, for every model type', async () => {
    const first = parseUtcDay('2018-07-25');
    const rows = await loadLabelledRows(REFERENCE_DATA_PATH, HANDBOOK_15, {
      fromDay: first,
      toDay: first + 20,
    });
    const split = handbookSplit(rows, first);
    const test = selectMatrix(rows, split.test);
    expect(test.rows).toBe(58_264);
    for (const type of MODEL_TYPES) {
      const model = trainModel(type, selectMatrix(rows, split.train), TUNED_PARAMS[type]);
      const difference = await onnxDifference(model, [...rows.featureNames], test);
      expect(difference).toBeLessThanOrEqual(TOLERANCE);
    }
  }, 300_000);
});
