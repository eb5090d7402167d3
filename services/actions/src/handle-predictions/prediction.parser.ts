import { DECISION_VALUES, FIELD_LIMITS, isStorableNumber } from '@rtml/contracts';
import type { Prediction } from '@rtml/contracts';
import { z } from 'zod';
import { RANGE, parseContractRecord } from '../shared/contract-record.parser';

/**
 * The pipeline's limits (`FIELD_LIMITS`, the constants ingest, features and scoring check),
 * which keep a prediction storable: ids of at most 200 code units are at most 600 UTF-8 bytes,
 * inside DynamoDB's key limits (the GSI sort key `<eventTime>#<eventId>` must stay under 1 KiB);
 * names and the vector keep the item far under 400 KB; numbers are zero or between 1e-130 and
 * 9.9e125 in magnitude. A prediction past them is dead-lettered with a reason instead of failing
 * its batch forever.
 */
const L = FIELD_LIMITS;

const id = z.string().min(1).max(L.idMaxLength);
const name = z.string().min(1).max(L.nameMaxLength);
const epochMillis = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const eventTime = z.number().int().min(L.minEventTime).max(Number.MAX_SAFE_INTEGER);
const storableNumber = z.number().refine(isStorableNumber, {
  message: 'zero or a magnitude DynamoDB stores (1e-130 to 9.9e125)',
  ...RANGE,
});
const probability = z.number().min(0).max(1).pipe(storableNumber);
const modelRef = z.object({ name, version: name });
const decision = z.enum(DECISION_VALUES);

const predictionSchema = z.object({
  eventId: id,
  eventTime,
  entityId: id,
  score: probability,
  threshold: storableNumber,
  decision,
  model: modelRef,
  featureSet: modelRef,
  features: z
    .array(z.object({ name: z.string().min(1).max(L.featureNameMaxLength), value: storableNumber }))
    .max(L.featuresMaxCount),
  shadow: z.object({ model: modelRef, score: probability, decision }).nullable(),
  timings: z.object({
    ingestedAt: epochMillis,
    enrichedAt: epochMillis,
    scoredAt: epochMillis,
    scoringMs: z.number().min(0).pipe(storableNumber),
  }),
});

/** Parses a decoded Avro value into a Prediction we can store (see `parseContractRecord`). */
export function parsePrediction(value: unknown): Prediction {
  return parseContractRecord(predictionSchema, value, 'prediction');
}
