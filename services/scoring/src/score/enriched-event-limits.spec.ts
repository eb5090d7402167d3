import { FIELD_LIMITS, HEADERS, topicName, valueSubject } from '@rtml/contracts';
import { limitEnrichedEvent, limitPrediction, widestString } from '@rtml/contracts/testing';
import { AppError } from '@rtml/errors';
import { DEFAULT_MAX_RECORD_BYTES, estimatedSize } from '@rtml/kafka';
import { ContractCodec } from '@rtml/kafka/testing';
import { featureLayout } from '../model/feature-layout.model';
import type { ServingModel } from '../model/serving-model.model';
import { RecordingScorer } from '../testing/serving-model.fixture';
import { parseEnrichedEvent } from './enriched-event.parser';
import { buildPrediction } from './prediction.builder';

// The scoring step of the walk through the pipeline's limits: it takes the enriched event
// features makes at every bound (see features' feature-record-limits.spec.ts), and the
// prediction it makes of it is the one actions' limits test stores.

const codec = new ContractCodec();
const { featureSet, features } = limitEnrichedEvent;
const layout = featureLayout(
  { name: featureSet.name, version: Number(featureSet.version) },
  features.map(({ name }) => name),
);

const model = (ref: ServingModel['ref']): ServingModel => ({
  ref,
  threshold: limitPrediction.threshold,
  layout,
  sha256: '0'.repeat(64),
  scorer: new RecordingScorer(features.length),
});

const rejection = (value: unknown): AppError => {
  try {
    parseEnrichedEvent(value);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
};

describe('scoring at the pipeline limits', () => {
  it('takes the widest enriched event and makes the prediction actions stores', async () => {
    const decoded = await codec.decode(
      await codec.encode(valueSubject('enrichedEvents'), limitEnrichedEvent),
    );
    const event = parseEnrichedEvent(decoded);

    const prediction = buildPrediction({
      event,
      values: event.features.map(({ value }) => value),
      champion: { model: model(limitPrediction.model), score: limitPrediction.score },
      challenger: {
        model: model(limitPrediction.shadow!.model),
        score: limitPrediction.shadow!.score,
      },
      chunk: {
        start: 0,
        end: 1,
        scoredAt: limitPrediction.timings.scoredAt,
        scoringMs: limitPrediction.timings.scoringMs,
      },
    });
    const record = {
      topic: topicName('predictions'),
      key: prediction.entityId,
      value: await codec.encode(valueSubject('predictions'), prediction),
      headers: { [HEADERS.eventId]: prediction.eventId, [HEADERS.traceId]: widestString(64) },
    };

    expect(prediction).toEqual(limitPrediction);
    expect(estimatedSize(record)).toBeLessThanOrEqual(DEFAULT_MAX_RECORD_BYTES);
  });

  it.each([
    ['an event id', { eventId: widestString(FIELD_LIMITS.idMaxLength + 1) }, 'eventId'],
    ['an entity id', { entityId: widestString(FIELD_LIMITS.idMaxLength + 1) }, 'entityId'],
    ['the vector', { features: [...features, { name: 'ONE_MORE', value: 0 }] }, 'features'],
    [
      'a feature name',
      { features: [{ name: 'F'.repeat(FIELD_LIMITS.featureNameMaxLength + 1), value: 0 }] },
      'features.0.name',
    ],
  ])('refuses %s past its limit as out of range', (_what, change, path) => {
    const error = rejection({ ...limitEnrichedEvent, ...change });

    expect([error.code, error.retriable]).toEqual(['OUT_OF_RANGE', false]);
    expect(error.details['fields']).toEqual([{ path, message: expect.any(String) }]);
  });
});
