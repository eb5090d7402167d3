import { z } from 'zod';
import { MODEL_NAME_PATTERN } from './model-storage.layout';
import { isValidVersion } from './model-version.policy';
import { MANIFEST_MODEL_TYPES, MODEL_MANIFEST_SCHEMA_VERSION } from './model-manifest.model';

// The same rules as the trainer's parser, so a manifest one accepts the other accepts too.
const DAY = /^\d{4}-\d{2}-\d{2}$/;
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

const text = z.string().min(1);
const sha256 = z.string().regex(SHA256_PATTERN, 'must be 64 lower-case hex digits (sha256)');
const day = z.string().regex(DAY, 'must be a day YYYY-MM-DD');
const probability = z.number().min(0).max(1);
const count = z.int().min(0);

const tensor = z.strictObject({
  name: text,
  elementType: z.literal('float32'),
  shape: z.tuple([z.null(), z.int().positive()]),
});

const dateRange = { from: day, to: day };

const metrics = z.strictObject({
  period: z.strictObject(dateRange),
  rows: count,
  frauds: count,
  auc: probability.nullable(),
  averagePrecision: probability.nullable(),
  cardPrecisionAt100: probability.nullable(),
  atThreshold: z.strictObject({
    precision: probability.nullable(),
    recall: probability.nullable(),
    f1: probability.nullable(),
    alertRate: probability,
  }),
});

const trainingData = z.strictObject({
  ...dateRange,
  rows: z.int().min(1),
  frauds: count,
  source: text,
  sourceSha256: sha256,
});

/** An imported model's provenance, as its ONNX file states it. */
const origin = z.strictObject({ producer: text, producerVersion: text, file: text });

/** A value's distribution on the reference rows: strictly increasing edges, one more share. */
const distribution = z
  .strictObject({ edges: z.array(z.number()), shares: z.array(probability) })
  .refine(
    (d) => d.shares.length === d.edges.length + 1,
    'shares: must have one more entry than edges',
  )
  .refine(
    (d) => d.edges.every((edge, i) => i === 0 || edge > (d.edges[i - 1] as number)),
    'edges: must be strictly increasing',
  );

/** Drift's reference: one distribution per input (the count is checked against the inputs). */
const reference = z.strictObject({
  period: z.strictObject(dateRange),
  rows: z.int().min(1),
  features: z.array(distribution),
  score: distribution,
});

/**
 * The trainer's fields, in the trainer's order. The nullable `metrics` and `trainingData` and the
 * optional `origin` are for imported models only: `consistencyProblems` holds that rule.
 */
const trainedFields = {
  schemaVersion: z.literal(MODEL_MANIFEST_SCHEMA_VERSION),
  modelType: z.enum(MANIFEST_MODEL_TYPES),
  featureSet: z.strictObject({ name: text, version: z.int().min(1) }),
  featureNames: z.array(text).min(1),
  input: tensor,
  output: tensor,
  threshold: z.strictObject({ value: probability, rule: text }),
  metrics: metrics.nullable(),
  hyperParameters: z.record(z.string(), z.number()),
  trainingData: trainingData.nullable(),
  origin: origin.optional(),
  reference: reference.optional(),
  modelSha256: sha256,
  createdAt: z.string().regex(ISO_INSTANT, 'must be an ISO-8601 UTC instant'),
};

const modelName = z.string().regex(MODEL_NAME_PATTERN, 'must be letters, digits, ".", "_", "-"');
const version = z.string().refine(isValidVersion, 'must be a version name starting with a digit');

/** A published manifest: registry identity first, then the trainer's fields. */
export const modelManifestSchema = z.strictObject({ name: modelName, version, ...trainedFields });

/**
 * A trainer's output. It may already carry an identity (a manifest copied out of a registry);
 * publish then checks it against the name and version it is publishing under.
 */
export const trainedManifestSchema = z.strictObject({
  name: modelName.optional(),
  version: version.optional(),
  ...trainedFields,
});
