import { HANDBOOK_15, OfflineFeatureEngine } from '@rtml/feature-engine';

const DAY_MS = 86_400_000;
const START_MS = Date.UTC(2018, 5, 1);

export interface TransactionEvent {
  readonly eventId: string;
  readonly kind: 'TRANSACTION';
  readonly eventTime: number;
  readonly customerId: string;
  readonly terminalId: string;
  readonly amount: number;
}

export interface LabelEvent {
  readonly eventId: string;
  readonly kind: 'LABEL';
  readonly eventTime: number;
  readonly customerId: string;
  readonly terminalId: string;
  readonly transactionId: string;
  readonly transactionTime: number;
  readonly fraud: boolean;
}

export type PipelineEvent = TransactionEvent | LabelEvent;

/** A small deterministic PRNG (mulberry32): the same seed gives the same events. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * `days` of transactions for `customers` customers over `terminals` terminals (ids offset by
 * `firstId` so suites do not share entities), about 3 a day each, amounts under the simulator's
 * fraud rule, with a fraud label 7 days after one transaction in 20; all in event-time order.
 */
export function syntheticStream(options: {
  readonly firstId: number;
  readonly customers: number;
  readonly terminals: number;
  readonly days: number;
  readonly seed: number;
}): PipelineEvent[] {
  const next = random(options.seed);
  const transactions: TransactionEvent[] = [];
  const count = options.customers * options.days * 3;
  for (let i = 0; i < count; i += 1) {
    transactions.push({
      eventId: '',
      kind: 'TRANSACTION',
      eventTime: START_MS + Math.floor(next() * options.days * 86_400) * 1000,
      customerId: String(options.firstId + Math.floor(next() * options.customers)),
      terminalId: String(options.firstId + Math.floor(next() * options.terminals)),
      amount: Math.round(next() * 18_000) / 100,
    });
  }
  transactions.sort((a, b) => a.eventTime - b.eventTime);
  const numbered = transactions.map((event, index) => ({
    ...event,
    eventId: String(options.firstId + index),
  }));
  const labels: LabelEvent[] = numbered
    .filter(() => next() < 0.05)
    .map((event) => ({
      eventId: `${event.eventId}-label`,
      kind: 'LABEL',
      eventTime: event.eventTime + 7 * DAY_MS,
      customerId: event.customerId,
      terminalId: event.terminalId,
      transactionId: event.eventId,
      transactionTime: event.eventTime,
      fraud: true,
    }));
  // Each label is sent a day of event time ahead (as the replay tool does): labels travel on
  // their own topic, and the lead keeps them ahead of the first transaction that needs them.
  const sendAt = (event: PipelineEvent) => event.eventTime - (event.kind === 'LABEL' ? DAY_MS : 0);
  return [...numbered, ...labels].sort((a, b) => sendAt(a) - sendAt(b));
}

/** The offline engine's handbook-15 vector of every transaction of the stream, by event id. */
export function offlineVectors(stream: readonly PipelineEvent[]): Map<string, number[]> {
  const engine = new OfflineFeatureEngine(HANDBOOK_15);
  const fraudById = new Map(
    stream.flatMap((event) => (event.kind === 'LABEL' ? [[event.transactionId, event]] : [])),
  );
  const vectors = new Map<string, number[]>();
  for (const event of stream) {
    if (event.kind !== 'TRANSACTION') continue;
    const label = fraudById.get(event.eventId);
    const vector = engine.process(
      {
        eventId: event.eventId,
        time: Math.floor(event.eventTime / 1000),
        seq: Number(event.eventId),
        amount: event.amount,
        entities: { customerId: event.customerId, terminalId: event.terminalId },
      },
      label === undefined ? undefined : { fraud: 1, knownAt: Math.floor(label.eventTime / 1000) },
    );
    vectors.set(event.eventId, vector);
  }
  return vectors;
}
