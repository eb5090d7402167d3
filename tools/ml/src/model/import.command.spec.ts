/**
 * @jest-environment ./tools/ml/src/model/onnx-runtime.test-environment.ts
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '@rtml/errors';
import { HANDBOOK_15 } from '@rtml/feature-engine';
import { parseTrainedManifest } from '@rtml/model-registry';
import {
  createSeededRandom,
  encodeOnnxModel,
  parseModelManifest,
  toLabelledMatrix,
  trainModel,
} from '@rtml/model-training';
import { writeSyntheticReference } from '../evaluate/synthetic-reference.fixture';
import { GIVEN_THRESHOLD_RULE, runImport } from './import.command';
import { THRESHOLD_RULE } from './manifest.builder';
import type { ImportArgs } from './model-args.parser';
import { sha256Hex } from './sha256.digest';
import { runTrain } from './train.command';

const NAMES = HANDBOOK_15.features.map((feature) => feature.name);

/** A logistic regression as this project exports it, on `names.length` random columns. */
function exportedLogreg(names: readonly string[]): Uint8Array {
  const random = createSeededRandom(3);
  const rows = Array.from({ length: 400 }, () => names.map(() => random() * 10));
  const labels = rows.map((row) => ((row[0] ?? 0) > 7 ? 1 : 0));
  const model = trainModel('logreg', toLabelledMatrix(rows, labels));
  return model.toOnnx({ featureNames: names, featureSet: { name: 'handbook-15', version: 1 } });
}

/** A graph ONNX Runtime runs, but whose output is a margin, not a probability. */
function unboundedGraph(width: number): Uint8Array {
  const matrix = (name: string, columns: number) => ({
    name,
    type: {
      tensorType: { elemType: 1, shape: { dim: [{ dimParam: 'N' }, { dimValue: columns }] } },
    },
  });
  return encodeOnnxModel({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    producerName: 'hand-built',
    producerVersion: '0.1',
    graph: {
      name: 'margin',
      node: [{ name: 'm', opType: 'MatMul', domain: '', input: ['x', 'w'], output: ['margin'] }],
      initializer: [{ name: 'w', dataType: 1, dims: [width, 1], floatData: Array(width).fill(1) }],
      input: [matrix('x', width)],
      output: [matrix('margin', 1)],
    },
    metadataProps: [],
  });
}

describe('runImport', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'model-import-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  let files = 0;
  async function importBytes(bytes: Uint8Array, extra: Partial<ImportArgs> = {}) {
    const onnx = join(dir, `model-${++files}.onnx`);
    writeFileSync(onnx, bytes);
    const output = join(dir, `out-${files}`);
    const lines: string[] = [];
    const args: ImportArgs = {
      command: 'import',
      onnx,
      features: 'handbook-15',
      output,
      threshold: Math.fround(0.5),
      ...extra,
    };
    const manifest = await runImport(args, (line) => lines.push(line));
    return { manifest, output, lines, onnx };
  }

  async function problemsOf(bytes: Uint8Array, extra: Partial<ImportArgs> = {}): Promise<string[]> {
    try {
      await importBytes(bytes, extra);
    } catch (error) {
      if (error instanceof AppError && error.code === 'MODEL_INVALID') {
        expect(existsSync(join(dir, `out-${files}`))).toBe(false);
        return (error.details['problems'] as string[] | undefined) ?? [error.message];
      }
      throw error;
    }
    throw new Error('expected MODEL_INVALID, but the model was imported');
  }

  it('writes the bytes unchanged and an imported manifest the registry accepts', async () => {
    const bytes = exportedLogreg(NAMES);
    const { manifest, output, lines } = await importBytes(bytes);

    expect(readFileSync(join(output, 'model.onnx'))).toEqual(Buffer.from(bytes));
    const written = JSON.parse(readFileSync(join(output, 'manifest.json'), 'utf8')) as unknown;
    expect(parseTrainedManifest(written)).toEqual(manifest);
    expect(manifest).toMatchObject({
      modelType: 'imported',
      featureSet: { name: 'handbook-15', version: 1 },
      featureNames: NAMES,
      input: { name: 'features', elementType: 'float32', shape: [null, 15] },
      output: { name: 'score', elementType: 'float32', shape: [null, 1] },
      threshold: { value: 0.5, rule: GIVEN_THRESHOLD_RULE },
      metrics: null,
      trainingData: null,
      hyperParameters: {},
      origin: { producer: 'rtml-model-training', producerVersion: '1', file: 'model-1.onnx' },
      modelSha256: sha256Hex(bytes),
    });
    expect(lines[0]).toBe(
      'model-1.onnx (rtml-model-training 1): features [N, 15] -> score [N, 1] serves handbook-15 v1',
    );
  });

  it('refuses a model of another width, saying which feature set it must fit', async () => {
    expect(
      await problemsOf(exportedLogreg(['TX_AMOUNT', 'TX_DURING_WEEKEND', 'TX_DURING_NIGHT'])),
    ).toEqual([
      'input "features" is 3 wide, but feature set handbook-15 v1 has 15 features: scoring feeds [N, 15]',
      "the model's metadata (rtml.feature_names) lists 3 features, not the 15 of handbook-15 v1",
    ]);
  });

  it('refuses a model whose metadata names the features in another order', async () => {
    const problems = await problemsOf(exportedLogreg([...NAMES].reverse()));

    expect(problems).toEqual([
      'the model\'s metadata (rtml.feature_names) has "TERMINAL_ID_RISK_30DAY_WINDOW" at position 0, ' +
        "where handbook-15 v1 has TX_AMOUNT: the columns must be the feature set's, in its order",
    ]);
  });

  it('refuses a graph whose output is not a probability, as scoring would', async () => {
    const problems = await problemsOf(unboundedGraph(15));

    expect(problems).toContain('smoke row 3 scored 15000000, not a probability in [0, 1]');
  });

  it('refuses bytes ONNX Runtime cannot load', async () => {
    await expect(importBytes(Buffer.from('not a model'))).rejects.toThrow(
      /^ONNX Runtime cannot load the model: /,
    );
  });

  it('refuses a file that is not there', async () => {
    await expect(
      runImport(
        {
          command: 'import',
          onnx: join(dir, 'absent.onnx'),
          features: 'handbook-15',
          output: dir,
          threshold: 0.5,
        },
        () => {},
      ),
    ).rejects.toThrow(/cannot read .*absent\.onnx/);
  });

  describe('with the data it was trained on', () => {
    let data: string;
    beforeAll(() => {
      data = join(dir, 'data.csv.gz');
      writeSyntheticReference(data, 40, 300);
    });

    it('is measured on the held-out week exactly as train measures its own models', async () => {
      const trained = join(dir, 'trained');
      const range = { from: '2018-04-15', to: '2018-04-28' };
      await runTrain(
        {
          command: 'train',
          data,
          features: 'handbook-15',
          model: 'logreg',
          params: {},
          ...range,
          output: trained,
        },
        () => {},
      );
      const own = parseModelManifest(
        JSON.parse(readFileSync(join(trained, 'manifest.json'), 'utf8')),
      );

      const { manifest } = await importBytes(readFileSync(join(trained, 'model.onnx')), {
        trainedOn: { data, ...range },
        threshold: undefined,
      });

      expect(manifest.trainingData).toEqual(own.trainingData);
      expect(manifest.metrics?.period).toEqual(own.metrics?.period);
      expect(manifest.metrics).toMatchObject({
        rows: own.metrics?.rows,
        frauds: own.metrics?.frauds,
      });
      // ONNX Runtime's float32 scores against the trainer's float64 ones: equal to 3 decimals.
      expect(manifest.metrics?.auc).toBeCloseTo(own.metrics?.auc ?? NaN, 2);
      expect(manifest.threshold.rule).toBe(THRESHOLD_RULE);
      expect(Math.fround(manifest.threshold.value)).toBe(manifest.threshold.value);
      expect(manifest.threshold.value).toBeCloseTo(own.threshold.value, 4);
    });

    it('measures a given threshold there instead of choosing one', async () => {
      const { manifest } = await importBytes(exportedLogreg(NAMES), {
        trainedOn: { data, from: '2018-04-15', to: '2018-04-28' },
        threshold: Math.fround(0.25),
      });

      expect(manifest.threshold).toEqual({ value: Math.fround(0.25), rule: GIVEN_THRESHOLD_RULE });
      expect(manifest.metrics?.atThreshold.alertRate).toBeGreaterThanOrEqual(0);
    });
  });
});
