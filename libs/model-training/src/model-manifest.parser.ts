import { JsonFieldsReader } from './json-fields.reader';
import { ModelTrainingError } from './model-training.error';
import {
  IMPORTED_MODEL_TYPE,
  MANIFEST_MODEL_TYPES,
  MODEL_MANIFEST_SCHEMA_VERSION,
} from './model-manifest.model';
import type {
  DateRange,
  ManifestMetrics,
  ManifestDistribution,
  ManifestOrigin,
  ManifestReference,
  ManifestTensor,
  ManifestTrainingData,
  ModelManifest,
} from './model-manifest.model';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const PROBABILITY = { min: 0, max: 1 };
const COUNT = { min: 0, integer: true };

const MANIFEST_KEYS = [
  'schemaVersion',
  'modelType',
  'featureSet',
  'featureNames',
  'input',
  'output',
  'threshold',
  'metrics',
  'hyperParameters',
  'trainingData',
  'origin',
  'reference',
  'modelSha256',
  'createdAt',
];

/**
 * Parses a model manifest (e.g. `JSON.parse` of manifest.json) into a typed, frozen value, or
 * throws a `MANIFEST_INVALID` error listing every problem with its path. Unknown fields are
 * errors: a manifest this code does not fully understand must not be served.
 */
export function parseModelManifest(input: unknown): ModelManifest {
  const read = new JsonFieldsReader();
  const m = read.record(input, 'manifest', MANIFEST_KEYS);
  read.literal(m['schemaVersion'], 'schemaVersion', [MODEL_MANIFEST_SCHEMA_VERSION]);
  const featureSetFields = read.record(m['featureSet'], 'featureSet', ['name', 'version']);
  const featureNames = parseFeatureNames(read, m['featureNames']);
  const modelType = read.literal(m['modelType'], 'modelType', MANIFEST_MODEL_TYPES);
  const imported = modelType === IMPORTED_MODEL_TYPE;
  const manifest: ModelManifest = {
    schemaVersion: MODEL_MANIFEST_SCHEMA_VERSION,
    modelType,
    featureSet: {
      name: read.string(featureSetFields['name'], 'featureSet.name'),
      version: read.number(featureSetFields['version'], 'featureSet.version', {
        min: 1,
        integer: true,
      }),
    },
    featureNames,
    input: parseTensor(read, m['input'], 'input', featureNames.length),
    output: parseTensor(read, m['output'], 'output', 1),
    threshold: parseThreshold(read, m['threshold']),
    metrics: nullableFor(imported, read, m['metrics'], 'metrics', parseMetrics),
    hyperParameters: parseHyperParameters(read, m['hyperParameters']),
    trainingData: nullableFor(imported, read, m['trainingData'], 'trainingData', parseTrainingData),
    ...parseOrigin(read, m['origin'], imported),
    ...(m['reference'] === undefined
      ? {}
      : { reference: parseReference(read, m['reference'], featureNames.length) }),
    modelSha256: read.string(m['modelSha256'], 'modelSha256', SHA256),
    createdAt: read.string(m['createdAt'], 'createdAt', ISO_INSTANT),
  };
  if (read.issues.length > 0) {
    throw new ModelTrainingError(
      'MANIFEST_INVALID',
      `invalid model manifest: ${read.issues.join('; ')}`,
      read.issues,
    );
  }
  return deepFreeze(manifest);
}

/**
 * Only an imported model may have null metrics or training data (imported without data); a
 * trained model always has both.
 */
function nullableFor<T>(
  imported: boolean,
  read: JsonFieldsReader,
  value: unknown,
  path: string,
  parse: (read: JsonFieldsReader, value: unknown) => T,
): T | null {
  if (value !== null) return parse(read, value);
  read.check(
    imported,
    `${path}: must be an object (only an ${IMPORTED_MODEL_TYPE} model may have null)`,
  );
  return null;
}

/** `origin`: required for an imported model, refused on any other. */
function parseOrigin(
  read: JsonFieldsReader,
  value: unknown,
  imported: boolean,
): { origin?: ManifestOrigin } {
  if (value === undefined) {
    read.check(!imported, `origin: missing (required for an ${IMPORTED_MODEL_TYPE} model)`);
    return {};
  }
  read.check(imported, `origin: only an ${IMPORTED_MODEL_TYPE} model has one`);
  const o = read.record(value, 'origin', ['producer', 'producerVersion', 'file']);
  return {
    origin: {
      producer: read.string(o['producer'], 'origin.producer'),
      producerVersion: read.string(o['producerVersion'], 'origin.producerVersion'),
      file: read.string(o['file'], 'origin.file'),
    },
  };
}

function parseReference(read: JsonFieldsReader, value: unknown, width: number): ManifestReference {
  const r = read.record(value, 'reference', ['period', 'rows', 'features', 'score']);
  const period = read.record(r['period'], 'reference.period', ['from', 'to']);
  const features = read
    .array(r['features'], 'reference.features')
    .map((d, i) => parseDistribution(read, d, `reference.features[${i}]`));
  read.check(
    features.length === width || !Array.isArray(r['features']),
    `reference.features: must have one distribution per input (${width}), got ${features.length}`,
  );
  return {
    period: parseDateRange(read, period, 'reference.period'),
    rows: read.number(r['rows'], 'reference.rows', { min: 1, integer: true }),
    features,
    score: parseDistribution(read, r['score'], 'reference.score'),
  };
}

function parseDistribution(
  read: JsonFieldsReader,
  value: unknown,
  path: string,
): ManifestDistribution {
  const d = read.record(value, path, ['edges', 'shares']);
  const edges = read
    .array(d['edges'], `${path}.edges`)
    .map((e, i) => read.number(e, `${path}.edges[${i}]`));
  const shares = read
    .array(d['shares'], `${path}.shares`)
    .map((e, i) => read.number(e, `${path}.shares[${i}]`, PROBABILITY));
  read.check(
    edges.every((edge, i) => i === 0 || edge > (edges[i - 1] as number)),
    `${path}.edges: must be strictly increasing`,
  );
  read.check(
    shares.length === edges.length + 1,
    `${path}.shares: must have one more entry than edges (${edges.length + 1}), got ${shares.length}`,
  );
  return { edges, shares };
}

function parseFeatureNames(read: JsonFieldsReader, value: unknown): string[] {
  const names = read
    .array(value, 'featureNames')
    .map((name, i) => read.string(name, `featureNames[${i}]`));
  read.check(names.length > 0 || !Array.isArray(value), 'featureNames: must not be empty');
  const duplicates = names.filter((name, i) => name !== '' && names.indexOf(name) !== i);
  read.check(duplicates.length === 0, `featureNames: duplicate ${JSON.stringify(duplicates)}`);
  return names;
}

function parseTensor(
  read: JsonFieldsReader,
  value: unknown,
  path: string,
  width: number,
): ManifestTensor {
  const t = read.record(value, path, ['name', 'elementType', 'shape']);
  const shape = read.array(t['shape'], `${path}.shape`);
  read.check(
    shape.length === 2 && shape[0] === null && shape[1] === width,
    `${path}.shape: must be [null, ${width}], got ${JSON.stringify(shape)}`,
  );
  return {
    name: read.string(t['name'], `${path}.name`),
    elementType: read.literal(t['elementType'], `${path}.elementType`, ['float32']),
    shape: [null, width],
  };
}

function parseThreshold(read: JsonFieldsReader, value: unknown): ModelManifest['threshold'] {
  const t = read.record(value, 'threshold', ['value', 'rule']);
  return {
    value: read.number(t['value'], 'threshold.value', PROBABILITY),
    rule: read.string(t['rule'], 'threshold.rule'),
  };
}

function parseDateRange(
  read: JsonFieldsReader,
  fields: Readonly<Record<string, unknown>>,
  path: string,
): DateRange {
  const from = read.string(fields['from'], `${path}.from`, DAY);
  const to = read.string(fields['to'], `${path}.to`, DAY);
  read.check(from === '' || to === '' || from <= to, `${path}: from ${from} is after to ${to}`);
  return { from, to };
}

function parseMetrics(read: JsonFieldsReader, value: unknown): ManifestMetrics {
  const keys = [
    'period',
    'rows',
    'frauds',
    'auc',
    'averagePrecision',
    'cardPrecisionAt100',
    'atThreshold',
  ];
  const m = read.record(value, 'metrics', keys);
  const period = read.record(m['period'], 'metrics.period', ['from', 'to']);
  return {
    period: parseDateRange(read, period, 'metrics.period'),
    rows: read.number(m['rows'], 'metrics.rows', COUNT),
    frauds: read.number(m['frauds'], 'metrics.frauds', COUNT),
    auc: read.nullableNumber(m['auc'], 'metrics.auc', PROBABILITY),
    averagePrecision: read.nullableNumber(
      m['averagePrecision'],
      'metrics.averagePrecision',
      PROBABILITY,
    ),
    cardPrecisionAt100: read.nullableNumber(
      m['cardPrecisionAt100'],
      'metrics.cardPrecisionAt100',
      PROBABILITY,
    ),
    atThreshold: parseAtThreshold(read, m['atThreshold']),
  };
}

function parseAtThreshold(read: JsonFieldsReader, value: unknown): ManifestMetrics['atThreshold'] {
  const path = 'metrics.atThreshold';
  const at = read.record(value, path, ['precision', 'recall', 'f1', 'alertRate']);
  return {
    precision: read.nullableNumber(at['precision'], `${path}.precision`, PROBABILITY),
    recall: read.nullableNumber(at['recall'], `${path}.recall`, PROBABILITY),
    f1: read.nullableNumber(at['f1'], `${path}.f1`, PROBABILITY),
    alertRate: read.number(at['alertRate'], `${path}.alertRate`, PROBABILITY),
  };
}

function parseHyperParameters(read: JsonFieldsReader, value: unknown): Record<string, number> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    read.check(false, `hyperParameters: must be an object, got ${JSON.stringify(value)}`);
    return {};
  }
  const entries = Object.entries(value).map(([key, v]) => [
    key,
    read.number(v, `hyperParameters.${key}`),
  ]);
  return Object.fromEntries(entries) as Record<string, number>;
}

function parseTrainingData(read: JsonFieldsReader, value: unknown): ManifestTrainingData {
  const keys = ['from', 'to', 'rows', 'frauds', 'source', 'sourceSha256'];
  const d = read.record(value, 'trainingData', keys);
  return {
    ...parseDateRange(read, d, 'trainingData'),
    rows: read.number(d['rows'], 'trainingData.rows', { min: 1, integer: true }),
    frauds: read.number(d['frauds'], 'trainingData.frauds', COUNT),
    source: read.string(d['source'], 'trainingData.source'),
    sourceSha256: read.string(d['sourceSha256'], 'trainingData.sourceSha256', SHA256),
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const nested of Object.values(value)) deepFreeze(nested);
    Object.freeze(value);
  }
  return value;
}
