/**
 * @jest-environment ./tools/ml/src/model/onnx-runtime.test-environment.ts
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MODEL_TYPES, parseModelManifest, readOnnxMetadata } from '@rtml/model-training';
import type { ModelType } from '@rtml/model-training';
import { writeSyntheticReference } from '../evaluate/synthetic-reference.fixture';
import { sha256Hex } from './sha256.digest';
import { runTrain } from './train.command';

describe('runTrain', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'model-train-'));
    writeSyntheticReference(join(dir, 'data.csv.gz'), 40, 300);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const train = (model: ModelType, output: string, lines: string[]) =>
    runTrain(
      {
        command: 'train',
        data: join(dir, 'data.csv.gz'),
        features: 'handbook-15',
        model,
        params: model === 'logreg' ? {} : { trees: 30 },
        from: '2018-04-15',
        to: '2018-04-28',
        output,
      },
      (line) => lines.push(line),
    );

  it.each(MODEL_TYPES)(
    'writes a %s model.onnx and a manifest that vouches for it',
    async (model) => {
      const output = join(dir, model);
      const lines: string[] = [];
      await train(model, output, lines);
      const onnx = readFileSync(join(output, 'model.onnx'));
      const manifest = parseModelManifest(
        JSON.parse(readFileSync(join(output, 'manifest.json'), 'utf8')),
      );
      expect(manifest.modelSha256).toBe(sha256Hex(onnx));
      expect(manifest).toMatchObject({
        modelType: model,
        featureSet: { name: 'handbook-15', version: 1 },
        input: { name: 'features', shape: [null, 15] },
        trainingData: { from: '2018-04-15', to: '2018-04-28', rows: 4_200, source: 'data.csv.gz' },
        metrics: { period: { from: '2018-05-06', to: '2018-05-12' } },
      });
      expect(manifest.featureNames[0]).toBe('TX_AMOUNT');
      expect(manifest.threshold.value).toBeGreaterThan(0);
      // A float32, compared with ONNX Runtime's float32 scores.
      expect(Math.fround(manifest.threshold.value)).toBe(manifest.threshold.value);
      expect(manifest.metrics?.auc).toBeGreaterThan(0.9);
      // Drift's reference: every input and the score over the held-out rows.
      const { reference } = manifest;
      expect(reference?.period).toEqual(manifest.metrics?.period);
      expect(reference?.rows).toBe(manifest.metrics?.rows);
      expect(reference?.features).toHaveLength(manifest.featureNames.length);
      for (const distribution of [...(reference?.features ?? []), reference!.score]) {
        const total = distribution.shares.reduce((sum, share) => sum + share, 0);
        expect(total).toBeCloseTo(1, 12);
      }
      expect(reference!.score.edges.length).toBeGreaterThanOrEqual(1);
      expect(readOnnxMetadata(onnx)).toMatchObject({
        'rtml.model_type': model,
        'rtml.training.to': '2018-04-28',
      });
      expect(lines.some((line) => /ONNX parity on \d+ held-out rows/.test(line))).toBe(true);
    },
    60_000,
  );

  it('refuses a training range whose held-out week is beyond the data', async () => {
    const run = runTrain(
      {
        command: 'train',
        data: join(dir, 'data.csv.gz'),
        features: 'handbook-15',
        model: 'logreg',
        params: {},
        from: '2018-04-20',
        to: '2018-05-05',
        output: join(dir, 'late'),
      },
      () => {},
    );
    await expect(run).rejects.toThrow(/no held-out transactions from 2018-05-13 to 2018-05-19/);
  });
});
