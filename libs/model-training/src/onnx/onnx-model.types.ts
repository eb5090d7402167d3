/**
 * Plain-object shapes of the ONNX messages in `onnx.schema.ts` (same camelCase names). int64
 * fields are JavaScript numbers: every value written here is far below 2^53.
 */
export interface OnnxModel {
  readonly irVersion: number;
  readonly opsetImport: readonly OnnxOpset[];
  readonly producerName: string;
  readonly producerVersion: string;
  readonly modelVersion?: number;
  readonly docString?: string;
  readonly graph: OnnxGraph;
  readonly metadataProps: readonly { readonly key: string; readonly value: string }[];
}

export interface OnnxOpset {
  /** '' is the default ONNX domain; 'ai.onnx.ml' the traditional-ML operators. */
  readonly domain: string;
  readonly version: number;
}

export interface OnnxGraph {
  readonly name: string;
  readonly node: readonly OnnxNode[];
  readonly initializer?: readonly OnnxTensor[];
  readonly input: readonly OnnxValueInfo[];
  readonly output: readonly OnnxValueInfo[];
  readonly docString?: string;
}

export interface OnnxNode {
  readonly name: string;
  readonly opType: string;
  readonly domain: string;
  readonly input: readonly string[];
  readonly output: readonly string[];
  readonly attribute?: readonly OnnxAttribute[];
}

export interface OnnxAttribute {
  readonly name: string;
  readonly type: number;
  readonly f?: number;
  readonly i?: number;
  readonly s?: Uint8Array;
  readonly t?: OnnxTensor;
  readonly floats?: readonly number[];
  readonly ints?: readonly number[];
  readonly strings?: readonly Uint8Array[];
}

export interface OnnxTensor {
  readonly name?: string;
  readonly dataType: number;
  readonly dims: readonly number[];
  readonly floatData?: readonly number[];
  readonly doubleData?: readonly number[];
  readonly int64Data?: readonly number[];
}

export interface OnnxValueInfo {
  readonly name: string;
  readonly type: {
    readonly tensorType: {
      readonly elemType: number;
      readonly shape: {
        readonly dim: readonly ({ readonly dimValue: number } | { readonly dimParam: string })[];
      };
    };
  };
}
