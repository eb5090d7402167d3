import type { FeatureEvent } from './feature-event.model';
import { compileFeaturePlan } from './feature-plan.compiler';
import type { FeaturePlan } from './feature-plan.compiler';
import type { Aggregation } from './feature-set.model';
import { parseFeatureSet } from './feature-set.parser';
import { computeFeatureVector } from './feature-vector.calculator';
import type { WindowEntry } from './window-entry.model';

/** Helpers shared by the feature-vector specs: one card entity, times around T. */
export const DAY = 86_400;
export const T = 1_000 * DAY + 12 * 3_600; // a Tuesday noon, far from the epoch

export const windowFeature = (aggregation: Aggregation, windowDays: number, delayDays = 0) => ({
  name: `${aggregation.toUpperCase()}_${windowDays}D_DELAY_${delayDays}D`,
  kind: 'window',
  entity: 'cardId',
  windowDays,
  delayDays,
  aggregation,
  labelDriven: aggregation === 'ratio',
});

export const planOf = (...features: ReturnType<typeof windowFeature>[]): FeaturePlan =>
  compileFeaturePlan(parseFeatureSet({ name: 'spec', version: 1, features }));

export const event = (overrides: Partial<FeatureEvent> = {}): FeatureEvent => ({
  eventId: 'current',
  time: T,
  seq: 100,
  amount: 10,
  entities: { cardId: 'c1' },
  ...overrides,
});

let nextSeq = 0;
export const entry = (
  time: number,
  value = 1,
  fraud: 0 | 1 | null = 0,
  seq = nextSeq++,
): WindowEntry => ({ time, seq, value, fraud, eventId: `e${seq}` });

export const vector = (plan: FeaturePlan, entries: WindowEntry[], e = event()): number[] =>
  computeFeatureVector(plan, e, { cardId: entries });
