import { InferenceSession, Tensor } from 'onnxruntime-node';
import type { EnrichedEvent } from '@rtml/contracts';
import { transactionFixture } from '@rtml/contracts/testing';
import { HANDBOOK_15 } from '@rtml/feature-engine';
import { toFeatureMatrix } from '@rtml/model-training';
import { namedFeatures, syntheticRows } from './trained-model.fixture';

/**
 * Enriched events shaped like the features service's, with synthetic handbook-15 vectors; event
 * ids start with `idPrefix` and the seed, so every call gives new ones.
 */
export function enrichedEvents(
  count: number,
  seed: number,
  idPrefix: string,
  overrides: Partial<EnrichedEvent> = {},
): EnrichedEvent[] {
  const now = Date.now();
  return syntheticRows(HANDBOOK_15, count, seed).map((row, index) => {
    const eventId = `${idPrefix}-${seed}-${index}`;
    const entityId = `customer-${index % 17}`;
    return {
      eventId,
      eventTime: now - 1_000,
      entityId,
      transaction: { ...transactionFixture, eventId, customerId: entityId, ingestedAt: now - 20 },
      featureSet: { name: HANDBOOK_15.name, version: String(HANDBOOK_15.version) },
      features: namedFeatures(HANDBOOK_15, row),
      timings: { ingestedAt: now - 20, enrichedAt: now - 10 },
      ...overrides,
    };
  });
}

/** Scores events with ONNX Runtime directly, bypassing the service: the reference scores. */
export async function scoreDirectly(
  model: Uint8Array,
  events: readonly EnrichedEvent[],
): Promise<Float32Array> {
  const rows = events.map((event) => event.features.map((feature) => feature.value));
  const matrix = toFeatureMatrix(rows);
  const session = await InferenceSession.create(model);
  try {
    const output = await session.run({
      features: new Tensor('float32', matrix.values, [matrix.rows, matrix.columns]),
    });
    return output['score']!.data as Float32Array;
  } finally {
    await session.release();
  }
}
