import { AttributeType, TensorDataType } from './onnx.schema';
import type { OnnxAttribute, OnnxNode, OnnxTensor, OnnxValueInfo } from './onnx-model.types';

const utf8 = new TextEncoder();

export const intAttribute = (name: string, i: number): OnnxAttribute => ({
  name,
  type: AttributeType.INT,
  i,
});

export const floatAttribute = (name: string, f: number): OnnxAttribute => ({
  name,
  type: AttributeType.FLOAT,
  f,
});

export const stringAttribute = (name: string, value: string): OnnxAttribute => ({
  name,
  type: AttributeType.STRING,
  s: utf8.encode(value),
});

export const intsAttribute = (name: string, ints: readonly number[]): OnnxAttribute => ({
  name,
  type: AttributeType.INTS,
  ints,
});

export const floatsAttribute = (name: string, floats: readonly number[]): OnnxAttribute => ({
  name,
  type: AttributeType.FLOATS,
  floats,
});

export const stringsAttribute = (name: string, values: readonly string[]): OnnxAttribute => ({
  name,
  type: AttributeType.STRINGS,
  strings: values.map((value) => utf8.encode(value)),
});

export const tensorAttribute = (name: string, t: OnnxTensor): OnnxAttribute => ({
  name,
  type: AttributeType.TENSOR,
  t,
});

/** A 1-D float64 tensor: full precision for thresholds and leaf values. */
export const doubleVector = (values: readonly number[]): OnnxTensor => ({
  dataType: TensorDataType.DOUBLE,
  dims: [values.length],
  doubleData: values,
});

/** A float32 tensor initializer (values are rounded to float32 on the wire). */
export const floatTensor = (
  name: string,
  dims: readonly number[],
  values: readonly number[],
): OnnxTensor => ({
  name,
  dataType: TensorDataType.FLOAT,
  dims,
  floatData: values,
});

/** A float32 tensor graph input/output with a symbolic batch dimension: [batch, width]. */
export const floatMatrixInfo = (name: string, width: number, batch = 'N'): OnnxValueInfo => ({
  name,
  type: {
    tensorType: {
      elemType: TensorDataType.FLOAT,
      shape: { dim: [{ dimParam: batch }, { dimValue: width }] },
    },
  },
});

/** A Cast node; its name is its output's. */
export const castNode = (input: string, output: string, to: number): OnnxNode => ({
  name: output,
  opType: 'Cast',
  domain: '',
  input: [input],
  output: [output],
  attribute: [intAttribute('to', to)],
});

/** A node of one output, named after it. */
export const opNode = (opType: string, input: string[], output: string, domain = ''): OnnxNode => ({
  name: output,
  opType,
  domain,
  input,
  output: [output],
});

/** A float64 tensor initializer: full precision for weights and constants. */
export const doubleInitializer = (
  name: string,
  dims: number[],
  values: ArrayLike<number>,
): OnnxTensor => ({
  name,
  dataType: TensorDataType.DOUBLE,
  dims,
  doubleData: Array.from(values),
});
