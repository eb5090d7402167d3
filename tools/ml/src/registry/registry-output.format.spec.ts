import { parseModelManifest } from '@rtml/model-registry';
import type { ModelListing, VersionSummary } from '@rtml/model-registry';
import { formatListing, formatManifest, formatPromotion } from './registry-output.format';

const metrics = {
  period: { from: '2018-08-01', to: '2018-08-31' },
  rows: 10,
  frauds: 1,
  auc: 0.8734,
  averagePrecision: null,
  cardPrecisionAt100: null,
  atThreshold: { precision: 0.5, recall: 0.5, f1: 0.5, alertRate: 0.01 },
};

const summary = (version: string, extra: Partial<VersionSummary> = {}): VersionSummary => ({
  version,
  createdAt: '2024-05-01T12:00:00.000Z',
  metrics,
  aliases: [],
  problem: null,
  ...extra,
});

describe('formatListing', () => {
  it('prints one aligned row per version with its aliases', () => {
    const listing: ModelListing = {
      name: 'fraud',
      versions: [
        summary('1', { aliases: ['champion'] }),
        summary('10', { aliases: ['challenger'] }),
      ],
      aliases: {},
    };

    expect(formatListing(listing, 'rtml-models')).toEqual([
      'model fraud in s3://rtml-models: 2 versions',
      '  VERSION  CREATED                   AUC    AVG-PREC  THRESH-F1  ALIASES',
      '  1        2024-05-01T12:00:00.000Z  0.873  -         0.500      champion',
      '  10       2024-05-01T12:00:00.000Z  0.873  -         0.500      challenger',
    ]);
  });

  it('flags a version whose manifest no longer parses', () => {
    const broken = summary('2', { createdAt: null, metrics: null, problem: 'bad manifest' });

    expect(formatListing({ name: 'f', versions: [broken], aliases: {} }, 'b')[2]).toBe(
      '  2        INVALID  -    -         -          bad manifest',
    );
  });

  it('says so when there is nothing', () => {
    expect(formatListing({ name: 'f', versions: [], aliases: {} }, 'b')).toEqual([
      'model f in s3://b: 0 versions',
    ]);
  });
});

describe('formatManifest', () => {
  it('shows where an imported model came from, and what it was not given', () => {
    const manifest = parseModelManifest({
      name: 'fraud',
      version: '4',
      schemaVersion: 1,
      modelType: 'imported',
      featureSet: { name: 'handbook-15', version: 1 },
      featureNames: ['TX_AMOUNT'],
      input: { name: 'float_input', elementType: 'float32', shape: [null, 1] },
      output: { name: 'score', elementType: 'float32', shape: [null, 1] },
      threshold: { value: 0.5, rule: 'given at import' },
      metrics: null,
      hyperParameters: {},
      trainingData: null,
      origin: { producer: 'skl2onnx', producerVersion: '1.17.0', file: 'logreg.onnx' },
      modelSha256: 'e'.repeat(64),
      createdAt: '2024-05-01T12:00:00.000Z',
    });

    expect(formatManifest(manifest)).toEqual([
      'model fraud version 4 (imported), created 2024-05-01T12:00:00.000Z',
      '  imported     logreg.onnx, produced by skl2onnx 1.17.0',
      '  feature set  handbook-15 v1: TX_AMOUNT',
      '  tensors      float_input [n, 1] -> score [n, 1]',
      '  threshold    0.5 (given at import)',
      '  metrics      none (imported without evaluation data)',
      '  trained on   not declared',
      `  sha256       ${'e'.repeat(64)}`,
    ]);
  });
});

describe('formatPromotion', () => {
  it('shows where the alias moved from and to', () => {
    const pointer = {
      alias: 'champion' as const,
      version: '3',
      sha256: 'c'.repeat(64),
      promotedAt: '2024-05-02T00:00:00.000Z',
      previous: '2',
    };

    expect(formatPromotion('fraud', pointer)).toBe(
      `champion of fraud: version 2 -> version 3 (sha256 ${'c'.repeat(64)})`,
    );
    expect(formatPromotion('fraud', { ...pointer, previous: null })).toMatch(
      /^champion of fraud: unset ->/,
    );
  });
});
