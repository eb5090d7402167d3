/**
 * @jest-environment ./tools/ml/src/model/onnx-runtime.test-environment.ts
 */
import { AppError } from '@rtml/errors';
import { HANDBOOK_15 } from '@rtml/feature-engine';
import { matrixOf, syntheticRows, trainArtifact } from '../testing/trained-model.fixture';
import { OnnxModelScorer, sessionOptionsOf } from './onnx-model.scorer';

const artifact = trainArtifact({ trees: 10, rows: 1_000 });
const rows = syntheticRows(HANDBOOK_15, 40, 99);

const rejection = async (promise: Promise<unknown>): Promise<AppError> => {
  const error: unknown = await promise.then(
    () => new Error('expected a rejection'),
    (reason: unknown) => reason,
  );
  if (!(error instanceof AppError)) throw error;
  return error;
};

describe('the ONNX Runtime scorer', () => {
  it('runs on one thread that sleeps between runs unless told otherwise', () => {
    const spinning = (options: ReturnType<typeof sessionOptionsOf>) =>
      (options.extra as { session: Record<string, { allow_spinning: string }> }).session;

    expect(sessionOptionsOf()).toMatchObject({ intraOpNumThreads: 1, interOpNumThreads: 1 });
    expect(spinning(sessionOptionsOf())).toEqual({
      intra_op: { allow_spinning: '0' },
      inter_op: { allow_spinning: '0' },
    });
    expect(sessionOptionsOf({ threads: 2, spinning: true })).toMatchObject({
      intraOpNumThreads: 2,
    });
    expect(spinning(sessionOptionsOf({ threads: 2, spinning: true }))).toEqual({
      intra_op: { allow_spinning: '1' },
      inter_op: { allow_spinning: '1' },
    });
  });

  it('scores the same on a spinning pool of two threads as on one quiet thread', async () => {
    const quiet = await OnnxModelScorer.create(artifact.model, artifact.manifest);
    const pooled = await OnnxModelScorer.create(artifact.model, artifact.manifest, {
      threads: 2,
      spinning: true,
    });
    const matrix = matrixOf(rows);

    const [a, b] = await Promise.all([
      quiet.score(matrix.values, matrix.rows),
      pooled.score(matrix.values, matrix.rows),
    ]);
    await Promise.all([quiet.release(), pooled.release()]);

    expect(Array.from(b)).toEqual(Array.from(a));
  });

  it('scores a float32 matrix like the trainer, row for row', async () => {
    const scorer = await OnnxModelScorer.create(artifact.model, artifact.manifest);
    const matrix = matrixOf(rows);

    const scores = await scorer.score(matrix.values, matrix.rows);
    await scorer.release();

    const expected = artifact.trained.scores(matrix);
    expect(scores).toHaveLength(rows.length);
    scores.forEach((score, row) =>
      expect(Math.abs(score - expected[row]!)).toBeLessThanOrEqual(1e-5),
    );
  });

  it('scores a view into a larger matrix (a micro-batch) like the same rows on their own', async () => {
    const scorer = await OnnxModelScorer.create(artifact.model, artifact.manifest);
    const matrix = matrixOf(rows);
    const width = matrix.columns;

    const whole = await scorer.score(matrix.values, matrix.rows);
    const tail = await scorer.score(matrix.values.subarray(30 * width), 10);
    await scorer.release();

    expect(Array.from(tail)).toEqual(Array.from(whole.subarray(30)));
  });

  it('refuses a model whose graph lacks the manifest tensors, naming what it has', async () => {
    const input = { ...artifact.manifest.input, name: 'inputs' };
    const output = { ...artifact.manifest.output, name: 'probability' };

    const error = await rejection(OnnxModelScorer.create(artifact.model, { input, output }));

    expect(error.code).toBe('MODEL_INVALID');
    expect(error.message).toBe(
      'the graph has no input "inputs" (it takes features); the graph has no output "probability" (it gives score)',
    );
  });

  it('refuses a graph whose input width differs from the manifest', async () => {
    const input = { ...artifact.manifest.input, shape: [null, 14] as const };

    const error = await rejection(
      OnnxModelScorer.create(artifact.model, { input, output: artifact.manifest.output }),
    );

    expect(error.message).toBe('input "features" has shape [N, 15], the manifest says [N, 14]');
  });

  it('refuses bytes that are not an ONNX model', async () => {
    const error = await rejection(
      OnnxModelScorer.create(new Uint8Array([1, 2, 3, 4]), artifact.manifest),
    );

    expect(error.code).toBe('MODEL_INVALID');
    expect(error.message).toMatch(/^ONNX Runtime cannot load model.onnx: /);
  });
});
