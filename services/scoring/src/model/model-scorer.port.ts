/**
 * What scoring needs from a loaded model: score a row-major float32 matrix, then let it go. The
 * adapter is ONNX Runtime (`onnx-model.scorer.ts`); the scoring core never sees the runtime.
 */
export interface ModelScorer {
  /** One score per row of `values` (rows × width, row-major), each in [0, 1] for a sound model. */
  score(values: Float32Array, rows: number): Promise<Float32Array>;
  /** Frees the native session; the scorer must not be used afterwards. */
  release(): Promise<void>;
}
