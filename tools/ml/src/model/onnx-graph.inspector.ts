import { InferenceSession } from 'onnxruntime-node';
import { AppError, describeError } from '@rtml/errors';
import type { FeatureSet } from '@rtml/feature-engine';
import { METADATA_KEYS, decodeOnnxModel } from '@rtml/model-training';
import type { ScoreTensorNames } from './onnx.scorer';
import { scoreInSession } from './onnx.scorer';
import { scoreTensorsOf } from './score-tensors.selector';

/** A graph fit to serve a feature set: its tensors, and who produced it. */
export interface InspectedGraph {
  readonly tensors: ScoreTensorNames;
  readonly producer: string;
  readonly producerVersion: string;
}

/**
 * Checks that an ONNX file trained elsewhere can serve `featureSet` as the scoring service runs
 * models, trusting nothing but the graph: ONNX Runtime must load it; it must take one float32
 * [N, width] input, width the feature set's, and give one float32 [N, 1] score output
 * (`scoreOutput` picks it when several could be); `rtml.*` metadata, where present, must name
 * the same features; and the rows scoring's smoke test feeds must score finite values in [0, 1].
 * Anything else is MODEL_INVALID, every problem listed.
 */
export async function inspectOnnxModel(
  bytes: Uint8Array,
  featureSet: FeatureSet,
  scoreOutput?: string,
): Promise<InspectedGraph> {
  let session: InferenceSession;
  try {
    session = await InferenceSession.create(bytes);
  } catch (error) {
    const message = `ONNX Runtime cannot load the model: ${describeError(error)}`;
    throw new AppError('MODEL_INVALID', message, { cause: error });
  }
  try {
    const signature = { inputs: session.inputMetadata, outputs: session.outputMetadata };
    const found = scoreTensorsOf(signature, featureSet, scoreOutput);
    const model = decodeHeader(bytes);
    const problems = [
      ...found.problems,
      ...metadataProblems(model.metadataProps ?? [], featureSet),
    ];
    if (found.tensors !== undefined && problems.length === 0) {
      problems.push(...(await smokeProblems(session, found.tensors, featureSet.features.length)));
    }
    if (found.tensors === undefined || problems.length > 0) refuse(problems);
    return {
      tensors: found.tensors,
      producer: model.producerName || 'unknown',
      producerVersion: model.producerVersion || 'unknown',
    };
  } finally {
    await session.release();
  }
}

/** The ModelProto's producer and metadata (ONNX Runtime does not report them). */
function decodeHeader(bytes: Uint8Array) {
  try {
    return decodeOnnxModel(bytes);
  } catch (error) {
    const message = `ONNX Runtime loads the model, but its ModelProto does not decode: ${describeError(error)}`;
    throw new AppError('MODEL_INVALID', message, { cause: error });
  }
}

/** Our own exporters' metadata (and the example's) name the features: they must agree. */
function metadataProblems(
  entries: readonly { readonly key: string; readonly value: string }[],
  featureSet: FeatureSet,
): string[] {
  const metadata = new Map(entries.map(({ key, value }) => [key, value]));
  const problems: string[] = [];
  const declared = metadata.get(METADATA_KEYS.featureNames);
  const mismatch = declared === undefined ? undefined : namesMismatch(declared, featureSet);
  if (mismatch !== undefined) {
    problems.push(`the model's metadata (${METADATA_KEYS.featureNames}) ${mismatch}`);
  }
  const name = metadata.get(METADATA_KEYS.featureSetName);
  const version = metadata.get(METADATA_KEYS.featureSetVersion);
  if (
    (name !== undefined && name !== featureSet.name) ||
    (version !== undefined && version !== String(featureSet.version))
  ) {
    problems.push(
      `the model's metadata says it was trained on feature set ${name ?? '?'} v${version ?? '?'}, not ${featureSet.name} v${featureSet.version}`,
    );
  }
  return problems;
}

/** How the declared feature names differ from the feature set's, in words; undefined if equal. */
function namesMismatch(json: string, featureSet: FeatureSet): string | undefined {
  const expected = featureSet.features.map((feature) => feature.name);
  const described = `${featureSet.name} v${featureSet.version}`;
  let names: unknown;
  try {
    names = JSON.parse(json);
  } catch {
    names = undefined;
  }
  if (!Array.isArray(names)) return `is not a JSON array of names: ${json.slice(0, 80)}`;
  if (names.length !== expected.length) {
    return `lists ${names.length} features, not the ${expected.length} of ${described}`;
  }
  const position = names.findIndex((name, i) => name !== expected[i]);
  if (position < 0) return undefined;
  return (
    `has ${JSON.stringify(names[position])} at position ${position}, where ${described} has ` +
    `${expected[position]}: the columns must be the feature set's, in its order`
  );
}

/**
 * The rows scoring's smoke test feeds before serving (services/scoring/src/model/
 * smoke-score.check.ts; a tool cannot import a service): a model imported here passes it there.
 */
const SMOKE_ROWS: readonly ((column: number) => number)[] = [
  () => 0,
  () => 1,
  () => -1,
  () => 1e6,
  (column) => column,
  (column) => (column % 2 === 0 ? 250 : 0.5),
];

async function smokeProblems(
  session: InferenceSession,
  tensors: ScoreTensorNames,
  width: number,
): Promise<string[]> {
  const values = new Float32Array(SMOKE_ROWS.length * width);
  SMOKE_ROWS.forEach((cell, row) => {
    for (let column = 0; column < width; column++) values[row * width + column] = cell(column);
  });
  let scores: Float32Array;
  try {
    scores = await scoreInSession(
      session,
      { rows: SMOKE_ROWS.length, columns: width, values },
      tensors,
    );
  } catch (error) {
    return [`scoring a smoke batch failed: ${describeError(error)}`];
  }
  return Array.from(scores).flatMap((score, row) =>
    Number.isFinite(score) && score >= 0 && score <= 1
      ? []
      : [
          `smoke row ${row}${row === 0 ? ' (all zeros)' : ''} scored ${score}, not a probability in [0, 1]`,
        ],
  );
}

function refuse(problems: readonly string[]): never {
  throw new AppError('MODEL_INVALID', `cannot import the model: ${problems.join('; ')}`, {
    details: { problems },
  });
}
