import { MODEL_PROTO } from './onnx.schema';
import type { OnnxModel } from './onnx-model.types';

/** Serialises a model to the ModelProto bytes ONNX Runtime loads. */
export function encodeOnnxModel(model: OnnxModel): Uint8Array {
  const message = MODEL_PROTO.fromObject(model);
  const problem = MODEL_PROTO.verify(message);
  if (problem !== null) throw new Error(`invalid ONNX model: ${problem}`);
  return MODEL_PROTO.encode(message).finish();
}

/**
 * Reads ModelProto bytes back. Fields outside this library's subset are dropped, and fields at
 * their default value may be absent (e.g. an opset's default domain "").
 */
export function decodeOnnxModel(bytes: Uint8Array): OnnxModel {
  const message = MODEL_PROTO.decode(bytes);
  return MODEL_PROTO.toObject(message, {
    longs: Number,
    bytes: Array,
    defaults: false,
    arrays: true,
  }) as OnnxModel;
}

/** The model's `metadata_props` as a plain record. */
export function readOnnxMetadata(bytes: Uint8Array): Record<string, string> {
  const entries = decodeOnnxModel(bytes).metadataProps ?? [];
  return Object.fromEntries(entries.map(({ key, value }) => [key, value]));
}
