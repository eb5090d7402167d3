import { InferenceSession, Tensor } from 'onnxruntime-node';
import { ONNX_INPUT_NAME, ONNX_OUTPUT_NAME } from '@rtml/model-training';
import type { FeatureMatrix } from '@rtml/model-training';

/** The graph's input and score output; this project's exports use `features` and `score`. */
export interface ScoreTensorNames {
  readonly input: string;
  readonly output: string;
}

const EXPORTED_TENSORS: ScoreTensorNames = { input: ONNX_INPUT_NAME, output: ONNX_OUTPUT_NAME };

/** Scores a matrix with ONNX Runtime exactly as the scoring service would: one float32 batch. */
export async function scoreWithOnnx(
  modelBytes: Uint8Array,
  matrix: FeatureMatrix,
  tensors: ScoreTensorNames = EXPORTED_TENSORS,
): Promise<Float32Array> {
  const session = await InferenceSession.create(modelBytes);
  try {
    return await scoreInSession(session, matrix, tensors);
  } finally {
    await session.release();
  }
}

/** One run of an open session: feeds `tensors.input`, reads the float32 [rows, 1] `tensors.output`. */
export async function scoreInSession(
  session: InferenceSession,
  matrix: FeatureMatrix,
  tensors: ScoreTensorNames,
): Promise<Float32Array> {
  const input = new Tensor('float32', matrix.values, [matrix.rows, matrix.columns]);
  const output = await session.run({ [tensors.input]: input }, [tensors.output]);
  const score = output[tensors.output];
  if (score === undefined || !(score.data instanceof Float32Array)) {
    throw new Error(`the model has no float32 output "${tensors.output}"`);
  }
  if (score.dims.length !== 2 || score.dims[0] !== matrix.rows || score.dims[1] !== 1) {
    throw new Error(
      `output "${tensors.output}" has shape [${score.dims.join(', ')}], expected [${matrix.rows}, 1]`,
    );
  }
  return score.data;
}

/** The largest |a[i] − b[i]| and where it is. */
export function maxAbsDifference(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
): { value: number; index: number } {
  if (a.length !== b.length) throw new RangeError(`${a.length} vs ${b.length} values`);
  let value = 0;
  let index = -1;
  for (let i = 0; i < a.length; i++) {
    const difference = Math.abs((a[i] as number) - (b[i] as number));
    if (!(difference <= value)) {
      value = difference;
      index = i;
    }
  }
  return { value, index };
}
