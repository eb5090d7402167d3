import { createHash } from 'node:crypto';

/**
 * A valid trainer manifest (as JSON would give it) for the given model bytes. Test data only:
 * not exported from the library's index.
 */
export function trainedManifestFixture(model: Uint8Array): Record<string, unknown> {
  return {
    schemaVersion: 1,
    modelType: 'gbdt',
    featureSet: { name: 'card-fraud', version: 2 },
    featureNames: ['amount', 'customer_tx_count_1d', 'terminal_fraud_risk_7d'],
    input: { name: 'features', elementType: 'float32', shape: [null, 3] },
    output: { name: 'score', elementType: 'float32', shape: [null, 1] },
    threshold: { value: 0.42, rule: 'best-f1' },
    metrics: {
      period: { from: '2018-08-01', to: '2018-08-31' },
      rows: 58_000,
      frauds: 480,
      auc: 0.87,
      averagePrecision: 0.61,
      cardPrecisionAt100: null,
      atThreshold: { precision: 0.7, recall: 0.55, f1: 0.616, alertRate: 0.0065 },
    },
    hyperParameters: { trees: 200, learningRate: 0.1, maxDepth: 4 },
    trainingData: {
      from: '2018-04-01',
      to: '2018-07-31',
      rows: 230_000,
      frauds: 1_900,
      source: 'features.csv.gz',
      sourceSha256: 'a'.repeat(64),
    },
    modelSha256: createHash('sha256').update(model).digest('hex'),
    createdAt: '2024-05-01T12:00:00.000Z',
  };
}

/** The same manifest as the registry stores it for `name` / `version`. */
export function publishedManifestFixture(
  model: Uint8Array,
  name: string,
  version: string,
): Record<string, unknown> {
  return { name, version, ...trainedManifestFixture(model) };
}
