import { ModelTrainingError } from './model-training.error';
import { parseModelManifest } from './model-manifest.parser';

const SHA = 'a'.repeat(64);

const validManifest = () => ({
  schemaVersion: 1,
  modelType: 'gbdt',
  featureSet: { name: 'handbook-15', version: 1 },
  featureNames: ['TX_AMOUNT', 'TX_DURING_WEEKEND'],
  input: { name: 'features', elementType: 'float32', shape: [null, 2] },
  output: { name: 'score', elementType: 'float32', shape: [null, 1] },
  threshold: { value: 0.31, rule: 'best F1 on the held-out week' },
  metrics: {
    period: { from: '2018-08-08', to: '2018-08-14' },
    rows: 58_264,
    frauds: 385,
    auc: 0.88,
    averagePrecision: 0.7,
    cardPrecisionAt100: 0.3,
    atThreshold: { precision: 0.8, recall: 0.6, f1: 0.686, alertRate: 0.005 },
  },
  hyperParameters: { trees: 300, learningRate: 0.05 },
  trainingData: {
    from: '2018-07-25',
    to: '2018-07-31',
    rows: 67_240,
    frauds: 598,
    source: 'handbook-transactions.csv.gz',
    sourceSha256: SHA,
  },
  modelSha256: SHA,
  createdAt: '2026-11-23T16:00:00.000Z',
});

const issuesOf = (input: unknown): readonly string[] => {
  try {
    parseModelManifest(input);
    return [];
  } catch (error) {
    if (!(error instanceof ModelTrainingError)) throw error;
    expect(error.code).toBe('MANIFEST_INVALID');
    return error.issues;
  }
};

describe('parseModelManifest', () => {
  it('accepts a valid manifest and freezes it', () => {
    const manifest = parseModelManifest(validManifest());
    expect(manifest).toEqual(validManifest());
    expect(Object.isFrozen(manifest.metrics?.atThreshold)).toBe(true);
  });

  it('accepts null for a metric that was undefined', () => {
    const input = validManifest();
    input.metrics.auc = null as unknown as number;
    expect(parseModelManifest(input).metrics?.auc).toBeNull();
  });

  it('reports every problem at once, each with its path', () => {
    const input = {
      ...validManifest(),
      modelType: 'forest',
      featureNames: ['A', 'A'],
      modelSha256: 'xyz',
      extra: true,
    } as Record<string, unknown>;
    expect(issuesOf(input)).toEqual([
      'manifest.extra: unknown field',
      'featureNames: duplicate ["A"]',
      'modelType: must be one of "gbdt", "logreg", "blend", "imported", got "forest"',
      'modelSha256: must be a string matching ^[0-9a-f]{64}$, got "xyz"',
    ]);
  });

  it('checks the input width against the feature names and the threshold range', () => {
    const input = validManifest();
    input.input.shape = [null, 3];
    input.threshold.value = 1.5;
    expect(issuesOf(input)).toEqual([
      'input.shape: must be [null, 2], got [null,3]',
      'threshold.value: must be a finite number >= 0 <= 1, got 1.5',
    ]);
  });

  it('refuses ranges that end before they start and unknown schema versions', () => {
    const input = { ...validManifest(), schemaVersion: 2 };
    input.trainingData.from = '2018-08-01';
    expect(issuesOf(input)).toEqual([
      'schemaVersion: must be one of 1, got 2',
      'trainingData: from 2018-08-01 is after to 2018-07-31',
    ]);
  });

  it('refuses something that is not an object', () => {
    expect(issuesOf('manifest')[0]).toBe('manifest: must be an object, got "manifest"');
  });

  describe('an imported model', () => {
    const origin = { producer: 'skl2onnx', producerVersion: '1.17.0', file: 'model.onnx' };
    const imported = () => ({ ...validManifest(), modelType: 'imported', origin });

    it('is accepted with its origin, and may lack metrics and training data', () => {
      const input = { ...imported(), metrics: null, trainingData: null };
      expect(parseModelManifest(input)).toEqual(input);
      expect(parseModelManifest(imported()).origin).toEqual(origin);
    });

    it('must say where it came from', () => {
      const { origin: _origin, ...input } = imported();
      expect(issuesOf(input)).toEqual(['origin: missing (required for an imported model)']);
      expect(issuesOf({ ...imported(), origin: { producer: '', file: 'a.onnx', x: 1 } })).toEqual([
        'origin.x: unknown field',
        'origin.producer: must be a non-empty string, got ""',
        'origin.producerVersion: must be a non-empty string, got undefined',
      ]);
    });
  });

  it('keeps an origin and null metrics or training data to imported models', () => {
    const input = {
      ...validManifest(),
      metrics: null,
      trainingData: null,
      origin: { producer: 'rtml', producerVersion: '1', file: 'model.onnx' },
    };
    expect(issuesOf(input)).toEqual([
      'metrics: must be an object (only an imported model may have null)',
      'trainingData: must be an object (only an imported model may have null)',
      'origin: only an imported model has one',
    ]);
  });

  describe('the reference distributions drift is measured against', () => {
    const reference = (features: unknown[]) => ({
      period: { from: '2018-08-08', to: '2018-08-14' },
      rows: 58_264,
      features,
      score: { edges: [0.01, 0.2], shares: [0.5, 0.4, 0.1] },
    });
    const amount = { edges: [10, 50], shares: [0.3, 0.5, 0.2] };

    it('are optional, and kept when present', () => {
      expect(parseModelManifest(validManifest())).not.toHaveProperty('reference');
      const input = {
        ...validManifest(),
        reference: reference([amount, { edges: [], shares: [1] }]),
      };
      expect(parseModelManifest(input).reference).toEqual(input.reference);
    });

    it('need one distribution per input, increasing edges and one more share than edges', () => {
      const bad = { edges: [5, 1], shares: [0.5, 0.5] };
      expect(issuesOf({ ...validManifest(), reference: reference([amount]) })).toEqual([
        'reference.features: must have one distribution per input (2), got 1',
      ]);
      expect(issuesOf({ ...validManifest(), reference: reference([amount, bad]) })).toEqual([
        'reference.features[1].edges: must be strictly increasing',
        'reference.features[1].shares: must have one more entry than edges (3), got 2',
      ]);
    });
  });
});
