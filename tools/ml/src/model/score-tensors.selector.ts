import type { InferenceSession } from 'onnxruntime-node';
import type { FeatureSet } from '@rtml/feature-engine';
import type { ScoreTensorNames } from './onnx.scorer';

/** What a graph takes and gives, as ONNX Runtime reports it after loading it. */
export interface GraphSignature {
  readonly inputs: readonly InferenceSession.ValueMetadata[];
  readonly outputs: readonly InferenceSession.ValueMetadata[];
}

/** The input to feed and the output to read, or why the graph has none that fit. */
export function scoreTensorsOf(
  signature: GraphSignature,
  featureSet: FeatureSet,
  scoreOutput?: string,
): { readonly tensors?: ScoreTensorNames; readonly problems: readonly string[] } {
  const output = pickScoreOutput(signature.outputs, scoreOutput);
  const problems = [...inputProblems(signature.inputs, featureSet), ...output.problems];
  const input = signature.inputs[0];
  if (problems.length > 0 || input === undefined || output.name === undefined) return { problems };
  return { tensors: { input: input.name, output: output.name }, problems };
}

function inputProblems(
  inputs: readonly InferenceSession.ValueMetadata[],
  featureSet: FeatureSet,
): string[] {
  const width = featureSet.features.length;
  const expected = `one float32 [N, ${width}] matrix (feature set ${featureSet.name} v${featureSet.version})`;
  const [input, ...others] = inputs;
  if (input === undefined || others.length > 0) {
    return [
      `the graph takes ${inputs.length} inputs (${inputs.map(describe).join(', ')}); scoring feeds ${expected}`,
    ];
  }
  if (!input.isTensor) return [`input "${input.name}" is not a tensor; scoring feeds ${expected}`];
  const problems: string[] = [];
  if (input.type !== 'float32') {
    problems.push(`input "${input.name}" is ${input.type}; scoring feeds float32`);
  }
  const [batch, columns] = input.shape;
  if (input.shape.length !== 2) {
    problems.push(
      `input "${input.name}" has shape ${shapeOf(input.shape)}; scoring feeds [N, ${width}]`,
    );
  } else if (typeof columns !== 'number') {
    problems.push(
      `input "${input.name}" has no fixed width (${shapeOf(input.shape)}): declare it ${width} wide, one column per feature of ${featureSet.name} v${featureSet.version}`,
    );
  } else if (columns !== width) {
    problems.push(
      `input "${input.name}" is ${columns} wide, but feature set ${featureSet.name} v${featureSet.version} has ${width} features: scoring feeds [N, ${width}]`,
    );
  }
  if (typeof batch === 'number' && batch >= 0) {
    problems.push(
      `input "${input.name}" has a fixed batch size of ${batch}: scoring feeds any number of rows, so its first dimension must be dynamic`,
    );
  }
  return problems;
}

/** The one float32 [N, 1] output, or the chosen one; problems in words otherwise. */
function pickScoreOutput(
  outputs: readonly InferenceSession.ValueMetadata[],
  chosen: string | undefined,
): { readonly name?: string; readonly problems: readonly string[] } {
  const gives = outputs.map(describe).join(', ') || 'nothing';
  if (chosen !== undefined) {
    const output = outputs.find((candidate) => candidate.name === chosen);
    if (output === undefined)
      return { problems: [`the graph has no output "${chosen}" (it gives ${gives})`] };
    return isScore(output)
      ? { name: chosen, problems: [] }
      : { problems: [`output "${chosen}" is ${typeOf(output)}, not a float32 [N, 1] score`] };
  }
  const scores = outputs.filter(isScore);
  if (scores.length === 1) return { name: scores[0]?.name, problems: [] };
  if (scores.length > 1) {
    return {
      problems: [
        `several outputs could be the score (${scores.map((s) => s.name).join(', ')}): choose one with --score-output`,
      ],
    };
  }
  return {
    problems: [
      `no output is a float32 [N, 1] score (the graph gives ${gives}): scoring reads one probability per row, ` +
        "so slice a classifier's [N, 2] probabilities to the positive class (see examples/python-sklearn)",
    ],
  };
}

const isScore = (output: InferenceSession.ValueMetadata): boolean =>
  output.isTensor &&
  output.type === 'float32' &&
  output.shape.length === 2 &&
  output.shape[1] === 1 &&
  typeof output.shape[0] !== 'number';

const typeOf = (value: InferenceSession.ValueMetadata): string =>
  value.isTensor ? `${value.type} ${shapeOf(value.shape)}` : 'not a tensor';

const describe = (value: InferenceSession.ValueMetadata): string =>
  `${value.name} ${typeOf(value)}`;

const shapeOf = (shape: readonly (number | string)[]): string =>
  `[${shape.map((dim) => (typeof dim === 'number' ? (dim >= 0 ? String(dim) : '?') : dim || '?')).join(', ')}]`;
