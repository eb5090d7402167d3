import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256Hex } from '@rtml/model-registry';

/**
 * A trainer's output directory (model.onnx + manifest.json) in a fresh temp folder. Test data
 * only; any bytes do for the model, the registry never interprets ONNX.
 */
export async function writeModelDirectory(): Promise<{ dir: string; sha256: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'rtml-model-'));
  const model = randomBytes(1024);
  const manifest = {
    schemaVersion: 1,
    modelType: 'logreg',
    featureSet: { name: 'card-fraud', version: 1 },
    featureNames: ['amount', 'customer_tx_count_1d'],
    input: { name: 'features', elementType: 'float32', shape: [null, 2] },
    output: { name: 'score', elementType: 'float32', shape: [null, 1] },
    threshold: { value: 0.5, rule: 'fixed' },
    metrics: {
      period: { from: '2018-08-01', to: '2018-08-31' },
      rows: 1000,
      frauds: 10,
      auc: 0.75,
      averagePrecision: 0.3,
      cardPrecisionAt100: 0.2,
      atThreshold: { precision: 0.4, recall: 0.3, f1: 0.343, alertRate: 0.01 },
    },
    hyperParameters: { l2: 1 },
    trainingData: {
      from: '2018-04-01',
      to: '2018-07-31',
      rows: 4000,
      frauds: 40,
      source: 'features.csv',
      sourceSha256: 'd'.repeat(64),
    },
    modelSha256: sha256Hex(model),
    createdAt: '2024-05-01T12:00:00Z',
  };
  await writeFile(join(dir, 'model.onnx'), model);
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return { dir, sha256: manifest.modelSha256 };
}
