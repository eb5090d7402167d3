import { AppError } from '@rtml/errors';
import { publishedManifestFixture, trainedManifestFixture } from './model-manifest.fixture';
import { parseModelManifest, parseTrainedManifest } from './model-manifest.parser';

const model = Buffer.from('not really onnx');
const published = () => publishedManifestFixture(model, 'fraud', '3');

function problemsOf(parse: () => unknown): string[] {
  try {
    parse();
  } catch (error) {
    if (error instanceof AppError && error.code === 'MODEL_INVALID') {
      return error.details['problems'] as string[];
    }
    throw error;
  }
  throw new Error('expected MODEL_INVALID, but the manifest parsed');
}

describe('parseModelManifest', () => {
  it('returns a published manifest as a typed, frozen value', () => {
    const manifest = parseModelManifest(published());

    expect(manifest.name).toBe('fraud');
    expect(manifest.version).toBe('3');
    expect(manifest.featureNames).toEqual([
      'amount',
      'customer_tx_count_1d',
      'terminal_fraud_risk_7d',
    ]);
    expect(Object.isFrozen(manifest) && Object.isFrozen(manifest.metrics?.atThreshold)).toBe(true);
  });

  it.each(Object.keys(publishedManifestFixture(model, 'fraud', '3')))(
    'names the missing field %s',
    (field) => {
      const input = published();
      delete input[field];

      expect(problemsOf(() => parseModelManifest(input))).toEqual([
        expect.stringMatching(new RegExp(`^${field}: `)),
      ]);
    },
  );

  it.each([
    ['name', 7],
    ['version', 'v3'],
    ['version', '03'],
    ['schemaVersion', 2],
    ['modelType', 'forest'],
    ['featureSet', { name: 'card-fraud', version: '2' }],
    ['featureNames', 'amount'],
    ['threshold', { value: 1.5, rule: 'best-f1' }],
    ['hyperParameters', { trees: 'many' }],
    ['createdAt', '2024-05-01 12:00'],
  ])('rejects a mistyped %s (%j)', (field, value) => {
    expect(problemsOf(() => parseModelManifest({ ...published(), [field]: value }))).toEqual([
      expect.stringMatching(new RegExp(`^${field}(\\.\\w+)?: `)),
    ]);
  });

  it.each(['ABC', 'a'.repeat(63), 'g'.repeat(64), `${'a'.repeat(64)}0`, 42])(
    'rejects a modelSha256 that is not 64 lower-case hex digits: %j',
    (sha) => {
      expect(problemsOf(() => parseModelManifest({ ...published(), modelSha256: sha }))).toEqual([
        expect.stringMatching(/^modelSha256: /),
      ]);
    },
  );

  it('lists every problem at once, each with its path', () => {
    const input = { ...published(), extra: true, modelSha256: 'x' } as Record<string, unknown>;
    delete input['createdAt'];
    (input['input'] as Record<string, unknown>)['elementType'] = 'float64';

    const problems = problemsOf(() => parseModelManifest(input));

    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/^input\.elementType: /m);
    expect(problems.join('\n')).toMatch(/^modelSha256: /m);
    expect(problems.join('\n')).toMatch(/^createdAt: /m);
    expect(problems.join('\n')).toMatch(/extra/);
  });

  it('checks that the tensors match the feature names and that ranges run forward', () => {
    const input = published();
    input['featureNames'] = ['amount', 'amount'];
    input['output'] = { name: 'score', elementType: 'float32', shape: [null, 2] };
    input['trainingData'] = { ...(input['trainingData'] as object), from: '2018-09-01' };

    expect(problemsOf(() => parseModelManifest(input))).toEqual([
      'featureNames: duplicate ["amount"]',
      'input.shape: must be [null, 2] (one per feature), got 3',
      'output.shape: must be [null, 1], got [null, 2]',
      'trainingData: from 2018-09-01 is after to 2018-07-31',
    ]);
  });

  it('refuses a trainer manifest without the registry identity', () => {
    expect(problemsOf(() => parseModelManifest(trainedManifestFixture(model)))).toEqual([
      expect.stringMatching(/^name: /),
      expect.stringMatching(/^version: /),
    ]);
  });

  it('still accepts a manifest published before imported models existed (no origin)', () => {
    expect(parseModelManifest(published())).not.toHaveProperty('origin');
  });

  it('accepts an imported model: an origin, and metrics and training data that may be null', () => {
    const origin = { producer: 'skl2onnx', producerVersion: '1.17.0', file: 'logreg.onnx' };
    const input = { ...published(), modelType: 'imported', origin, metrics: null };

    expect(parseModelManifest(input)).toMatchObject({
      modelType: 'imported',
      origin,
      metrics: null,
    });
    expect(parseModelManifest({ ...input, trainingData: null }).trainingData).toBeNull();
  });

  it('keeps origins and missing metrics or training data to imported models', () => {
    const origin = { producer: 'skl2onnx', producerVersion: '1.17.0', file: 'logreg.onnx' };

    expect(problemsOf(() => parseModelManifest({ ...published(), modelType: 'imported' }))).toEqual(
      ['origin: missing (required for an imported model)'],
    );
    expect(
      problemsOf(() => parseModelManifest({ ...published(), origin, trainingData: null })),
    ).toEqual([
      'origin: only an imported model has one',
      'trainingData: must be an object (only an imported model may have null)',
    ]);
  });

  it('accepts the reference distributions of drift, one per input, and refuses them otherwise', () => {
    const manifest = published();
    const distribution = { edges: [0.5], shares: [0.4, 0.6] };
    const reference = (count: number) => ({
      period: { from: '2018-08-08', to: '2018-08-14' },
      rows: 100,
      features: new Array(count).fill(distribution),
      score: { edges: [0.5, 0.2], shares: [1] },
    });
    const width = (manifest['featureNames'] as string[]).length;

    expect(
      parseModelManifest({ ...manifest, reference: { ...reference(width), score: distribution } })
        .reference?.features,
    ).toHaveLength(width);
    expect(
      problemsOf(() => parseModelManifest({ ...manifest, reference: reference(width + 1) })),
    ).toEqual([
      'reference.score: shares: must have one more entry than edges',
      'reference.score: edges: must be strictly increasing',
    ]);
    expect(
      problemsOf(() =>
        parseModelManifest({
          ...manifest,
          reference: { ...reference(width + 1), score: distribution },
        }),
      ),
    ).toEqual([
      `reference.features: must have one distribution per input (${width}), got ${width + 1}`,
    ]);
  });

  it('puts the problems in the message of a MODEL_INVALID error', () => {
    expect(() => parseModelManifest('{}')).toThrow(/^invalid model manifest: manifest: /);
  });
});

describe('parseTrainedManifest', () => {
  it('accepts the trainer output, which has no name or version', () => {
    const manifest = parseTrainedManifest(trainedManifestFixture(model));

    expect(manifest.name).toBeUndefined();
    expect(manifest.modelSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts a manifest that already carries an identity, and checks it', () => {
    expect(parseTrainedManifest(published()).version).toBe('3');
    expect(problemsOf(() => parseTrainedManifest({ ...published(), name: 'a/b' }))).toEqual([
      expect.stringMatching(/^name: /),
    ]);
  });
});
