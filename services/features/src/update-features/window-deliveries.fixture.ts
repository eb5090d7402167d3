import { TOPICS } from '@rtml/contracts';
import { computeFeatureVector } from '@rtml/feature-engine';
import type { FeaturePlan } from '@rtml/feature-engine';
import type { Transaction } from '@rtml/contracts';
import type { FeatureEvent } from '@rtml/feature-engine';
import { toEventSeconds, toFeatureEvent, toLabelPlacement } from './feature-event.mapper';
import type { RedisWindowStore } from './redis-window.store';
import type { Scenario } from './window-events.fixture';
import { NO_EPOCH } from './window-store.model';
import type { TransactionWrite, WindowOutcome, WindowWrite } from './window-store.model';

/*
 * How a scenario reaches the window store in the tests: customers spread over partitions (as
 * Kafka keys them), each partition in order, partitions interleaved by a per-partition lag.
 */

export interface DeliveryOptions {
  /** Event-time lag of each partition (seconds); its length is the number of partitions. */
  readonly lagSeconds: readonly number[];
  /** How long before its known time each label is delivered (seconds). */
  readonly labelLeadSeconds: number;
}

export const IN_EVENT_TIME_ORDER: DeliveryOptions = { lagSeconds: [0], labelLeadSeconds: 0 };

/** A stable hash partitioner (any one will do: what matters is one customer, one partition). */
export const partitionOf = (key: string, partitions: number): number =>
  [...key].reduce((hash, char) => (hash * 31 + char.charCodeAt(0)) >>> 0, 7) % partitions;

/**
 * The writes in arrival order: a transaction at t arrives at t + its partition's lag, a label at
 * known time − lead + lag; on equal arrival labels come first (a label known in the same second
 * as a transaction is visible to it, as offline), then the canonical order.
 */
export function deliveries(
  plan: FeaturePlan,
  scenario: Scenario,
  options: DeliveryOptions,
): WindowWrite[] {
  const partitions = options.lagSeconds.length;
  const lag = (customerId: string) => options.lagSeconds[partitionOf(customerId, partitions)] ?? 0;
  const labelFields = plan.stateRequirements.filter((r) => r.needsLabels).map((r) => r.entity);
  const timed = [
    ...scenario.labels.map((label, index) => {
      const placement = toLabelPlacement(label, labelFields);
      if (!placement.ok) throw new Error(`invalid fixture label ${label.eventId}`);
      const write: WindowWrite = { kind: 'label', label: placement.value };
      const arrival =
        toEventSeconds(label.eventTime) - options.labelLeadSeconds + lag(label.customerId);
      return { write, arrival, rank: 0, index };
    }),
    ...scenario.transactions.map((tx, index) => {
      const event = featureEventOf(tx, plan);
      const write = { kind: 'transaction' as const, event, source: '' };
      return { write, arrival: event.time + lag(tx.customerId), rank: 1, index };
    }),
  ].sort((a, b) => a.arrival - b.arrival || a.rank - b.rank || a.index - b.index);
  const offsets = new Map<number, number>();
  return timed.map(({ write }) => {
    if (write.kind === 'label') return write;
    const partition = partitionOf(write.event.entities['customerId'] ?? '', partitions);
    const offset = offsets.get(partition) ?? 0;
    offsets.set(partition, offset + 1);
    return { ...write, source: `${TOPICS.transactions.name}:${partition}:${offset}` };
  });
}

/** The feature event of a fixture transaction, through the service's own mapper. */
export function featureEventOf(transaction: Transaction, plan: FeaturePlan): FeatureEvent {
  const fields = plan.stateRequirements.map((r) => r.entity);
  const mapped = toFeatureEvent(transaction, fields);
  if (!mapped.ok) throw new Error(`invalid fixture transaction ${transaction.eventId}`);
  return mapped.value;
}

export interface Replay {
  /** The vector of each scored event (the latest when it was scored more than once). */
  readonly vectors: Map<string, number[]>;
  /** Every vector emitted, redeliveries included, in order. */
  readonly emitted: { eventId: string; vector: number[] }[];
  readonly outcomes: { write: WindowWrite; outcome: WindowOutcome }[];
}

/** Applies `batches` in order, one `apply` (one round trip) per batch, and computes the vectors. */
export async function replay(
  store: RedisWindowStore,
  plan: FeaturePlan,
  batches: readonly (readonly WindowWrite[])[],
): Promise<Replay> {
  const result: Replay = { vectors: new Map(), emitted: [], outcomes: [] };
  for (const batch of batches) {
    const outcomes = await store.apply(batch, NO_EPOCH);
    batch.forEach((write, i) => {
      const outcome = outcomes[i] as WindowOutcome;
      result.outcomes.push({ write, outcome });
      if (write.kind !== 'transaction' || outcome.kind !== 'scored') return;
      const vector = vectorOf(plan, write, outcome.entries);
      result.vectors.set(write.event.eventId, vector);
      result.emitted.push({ eventId: write.event.eventId, vector });
    });
  }
  return result;
}

export function vectorOf(
  plan: FeaturePlan,
  write: TransactionWrite,
  entries: Parameters<typeof computeFeatureVector>[2],
): number[] {
  return computeFeatureVector(plan, write.event, entries);
}

/** Cuts `writes` into consecutive batches of `size`. */
export const inBatches = <T>(writes: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(writes.length / size) }, (_, i) =>
    writes.slice(i * size, (i + 1) * size),
  );

/** Event ids whose vectors differ from the expected ones (empty when all agree bit for bit). */
export function differences(
  actual: ReadonlyMap<string, number[]>,
  expected: ReadonlyMap<string, number[]>,
): { eventId: string; actual?: number[]; expected?: number[] }[] {
  const ids = new Set([...actual.keys(), ...expected.keys()]);
  return [...ids]
    .filter((id) => !sameBits(actual.get(id), expected.get(id)))
    .map((eventId) => ({ eventId, actual: actual.get(eventId), expected: expected.get(eventId) }));
}

/** Emitted vectors that differ from the expected vector of their event. */
export const wrongEmissions = (
  emitted: Replay['emitted'],
  expected: ReadonlyMap<string, number[]>,
): Replay['emitted'] => emitted.filter((e) => !sameBits(e.vector, expected.get(e.eventId)));

const sameBits = (a: number[] | undefined, b: number[] | undefined): boolean =>
  a !== undefined &&
  b !== undefined &&
  a.length === b.length &&
  a.every((value, i) => Object.is(value, b[i]));
