import { InferenceSession, Tensor } from 'onnxruntime-node';
import type { ManifestTensor } from '@rtml/contracts';
import { AppError, describeError } from '@rtml/errors';
import type { ModelScorer } from './model-scorer.port';

export interface ModelTensors {
  readonly input: ManifestTensor;
  readonly output: ManifestTensor;
}

export interface OnnxThreading {
  /** ONNX Runtime's intra-op threads per session. Default 1. */
  readonly threads?: number;
  /**
   * Whether the pool's threads spin-wait for work after a run instead of sleeping. ONNX Runtime
   * spins by default; between the small runs of a stream that is a core busy doing nothing.
   * Default false.
   */
  readonly spinning?: boolean;
}

/**
 * The session options of a scorer. One thread, no spinning, by default. Measured with
 * `services/scoring/src/bench/onnx-paced.ceiling.ts` (the process's CPU over paced runs, idle
 * gaps included; medians of 3 rounds, 2026-12-02): runs of 60 rows every 5 ms, the shape of a
 * stream at 1,000 events/s, cost 91.8 CPU-µs per row with ONNX Runtime's own defaults (a thread
 * per core, spinning between runs), 9.5 with two quiet threads and 8.2 with one; runs of 500
 * rows every 20 ms cost 49.3, 6.8 and 6.7. A replica scales out: rows per core count, not the
 * speed of one large run.
 */
export function sessionOptionsOf(threading: OnnxThreading = {}): InferenceSession.SessionOptions {
  const allowSpinning = threading.spinning === true ? '1' : '0';
  return {
    intraOpNumThreads: threading.threads ?? 1,
    interOpNumThreads: 1,
    extra: {
      session: {
        intra_op: { allow_spinning: allowSpinning },
        inter_op: { allow_spinning: allowSpinning },
      },
    },
  };
}

/**
 * ONNX Runtime behind the ModelScorer port. Beware: onnxruntime-node's `run` is a synchronous
 * native call deferred by one setImmediate, so a run holds the event loop for its whole duration;
 * callers bound the rows per run (MAX_BATCH) and yield between runs.
 */
export class OnnxModelScorer implements ModelScorer {
  private constructor(
    private readonly session: InferenceSession,
    private readonly tensors: ModelTensors,
  ) {}

  /**
   * Loads the model and checks it takes and gives the manifest's tensors; MODEL_INVALID if not.
   * `threading`: see `sessionOptionsOf` (ONNX_THREADS, ONNX_SPINNING).
   */
  static async create(
    bytes: Uint8Array,
    tensors: ModelTensors,
    threading: OnnxThreading = {},
  ): Promise<OnnxModelScorer> {
    let session: InferenceSession;
    try {
      session = await InferenceSession.create(bytes, sessionOptionsOf(threading));
    } catch (error) {
      throw new AppError(
        'MODEL_INVALID',
        `ONNX Runtime cannot load model.onnx: ${describeError(error)}`,
        {
          cause: error,
        },
      );
    }
    const problems = sessionProblems(session, tensors);
    if (problems.length > 0) {
      await session.release();
      throw new AppError('MODEL_INVALID', problems.join('; '), { details: { problems } });
    }
    return new OnnxModelScorer(session, tensors);
  }

  async score(values: Float32Array, rows: number): Promise<Float32Array> {
    const { input, output } = this.tensors;
    const feed = new Tensor('float32', values, [rows, input.shape[1]]);
    const result = await this.session.run({ [input.name]: feed }, [output.name]);
    const scores = result[output.name];
    // `type` rather than `instanceof Float32Array`: the native binding allocates in its own realm.
    if (scores?.type !== 'float32' || scores.data.length !== rows) {
      throw new AppError(
        'INTERNAL',
        `output "${output.name}" gave ${scores?.data.length ?? 0} ${scores?.type ?? 'missing'} values for ${rows} rows`,
      );
    }
    return scores.data as Float32Array;
  }

  release(): Promise<void> {
    return this.session.release();
  }
}

/** Where the graph disagrees with the manifest's tensors, in words. */
function sessionProblems(session: InferenceSession, tensors: ModelTensors): string[] {
  const problems: string[] = [];
  const { input, output } = tensors;
  if (!session.inputNames.includes(input.name)) {
    problems.push(
      `the graph has no input "${input.name}" (it takes ${session.inputNames.join(', ') || 'nothing'})`,
    );
  } else if (session.inputNames.length > 1) {
    problems.push(`the graph takes other inputs too (${session.inputNames.join(', ')})`);
  }
  if (!session.outputNames.includes(output.name)) {
    problems.push(
      `the graph has no output "${output.name}" (it gives ${session.outputNames.join(', ') || 'nothing'})`,
    );
  }
  problems.push(...metadataProblems(session.inputMetadata, input, 'input'));
  problems.push(...metadataProblems(session.outputMetadata, output, 'output'));
  return problems;
}

function metadataProblems(
  metadata: readonly InferenceSession.ValueMetadata[],
  tensor: ManifestTensor,
  kind: 'input' | 'output',
): string[] {
  const found = metadata.find((candidate) => candidate.name === tensor.name);
  if (found === undefined) return [];
  if (!found.isTensor) return [`${kind} "${tensor.name}" is not a tensor`];
  const problems: string[] = [];
  if (found.type !== tensor.elementType) {
    problems.push(
      `${kind} "${tensor.name}" is ${found.type}, the manifest says ${tensor.elementType}`,
    );
  }
  const width = found.shape[1];
  if (found.shape.length !== 2 || (typeof width === 'number' && width !== tensor.shape[1])) {
    problems.push(
      `${kind} "${tensor.name}" has shape [${found.shape.join(', ')}], the manifest says [N, ${tensor.shape[1]}]`,
    );
  }
  return problems;
}
