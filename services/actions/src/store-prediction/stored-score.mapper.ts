import { DECISION_VALUES } from '@rtml/contracts';
import type { Feature, Prediction } from '@rtml/contracts';
import { AppError } from '@rtml/errors';
import { z } from 'zod';
import { knownFeatureNames } from './feature-names.catalog';
import type { ScoreItem } from './score-item.mapper';

/**
 * A stored score as the scores API answers it: the Prediction contract's shape (the same fields
 * users get from the predictions topic) plus when the item expires.
 */
export interface StoredScore extends Prediction {
  /** When the table's TTL may delete the item, epoch seconds. */
  readonly expiresAt: number;
}

const decision = z.enum(DECISION_VALUES);
const scoreItemSchema = z.object({
  eventId: z.string(),
  entityId: z.string(),
  eventTimeId: z.string(),
  eventTime: z.number(),
  score: z.number(),
  threshold: z.number(),
  decision,
  modelName: z.string(),
  modelVersion: z.string(),
  featureSetName: z.string(),
  featureSetVersion: z.string(),
  featureValues: z.array(z.number()).optional(),
  features: z.array(z.object({ name: z.string(), value: z.number() })).optional(),
  shadow: z
    .object({ modelName: z.string(), modelVersion: z.string(), score: z.number(), decision })
    .optional(),
  timings: z.object({
    ingestedAt: z.number(),
    enrichedAt: z.number(),
    scoredAt: z.number(),
    scoringMs: z.number(),
  }),
  expiresAt: z.number(),
}) satisfies z.ZodType<ScoreItem>;

/**
 * Parses an item read back from the table (unmarshalled, still `unknown`). An item that does not
 * parse was not written by this service's mapper: that is a bug or a foreign writer, reported as
 * INTERNAL with the fields at fault rather than served half-formed.
 */
export function toStoredScore(item: unknown): StoredScore {
  const result = scoreItemSchema.safeParse(item);
  if (!result.success) {
    const fields = result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    }));
    throw new AppError('INTERNAL', 'a stored score item does not have the expected shape', {
      retriable: false,
      details: { fields },
    });
  }
  const stored = result.data;
  const features = namedFeatures(stored);
  return {
    eventId: stored.eventId,
    eventTime: stored.eventTime,
    entityId: stored.entityId,
    score: stored.score,
    threshold: stored.threshold,
    decision: stored.decision,
    model: { name: stored.modelName, version: stored.modelVersion },
    featureSet: { name: stored.featureSetName, version: stored.featureSetVersion },
    features,
    shadow: stored.shadow
      ? {
          model: { name: stored.shadow.modelName, version: stored.shadow.modelVersion },
          score: stored.shadow.score,
          decision: stored.shadow.decision,
        }
      : null,
    timings: stored.timings,
    expiresAt: stored.expiresAt,
  };
}

/**
 * The stored vector with its names: as written (`features`), or the compact values named from
 * the feature-set version. Compact values of a version this build does not know (an older build
 * reading a newer one's items) or of the wrong length are refused, not served unnamed.
 */
function namedFeatures(stored: z.infer<typeof scoreItemSchema>): Feature[] {
  if (stored.features !== undefined) return stored.features;
  const featureSet = { name: stored.featureSetName, version: stored.featureSetVersion };
  const names = knownFeatureNames(featureSet);
  const values = stored.featureValues;
  if (values === undefined || names === undefined || names.length !== values.length)
    throw new AppError(
      'INTERNAL',
      'a stored score item has feature values this build cannot name',
      {
        retriable: false,
        details: { featureSet, values: values?.length ?? 0, names: names?.length ?? 0 },
      },
    );
  return values.map((value, i) => ({ name: names[i] as string, value }));
}
