import type { Label, Transaction } from '@rtml/contracts';
import { SECONDS_PER_DAY, computeFeatureVector } from '@rtml/feature-engine';
import type { FeatureEvent, FeaturePlan, WindowEntry } from '@rtml/feature-engine';

/*
 * Test data for the window store: seeded random transactions and their labels, and the vectors
 * the offline method gives them. Not production code (excluded from the build).
 */

/** mulberry32: a tiny seeded PRNG, uniform in [0, 1); the same seed gives the same sequence. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface Scenario {
  /** In canonical (time, seq, eventId) order. */
  readonly transactions: readonly Transaction[];
  /** One per transaction, known `labelDelayDays` after it, in the order they become known. */
  readonly labels: readonly Label[];
}

export interface ScenarioOptions {
  readonly seed: number;
  readonly transactions: number;
  readonly customers: number;
  readonly terminals: number;
  readonly days: number;
  readonly labelDelayDays?: number;
  readonly startMillis?: number;
}

const DAY_MS = SECONDS_PER_DAY * 1000;

/**
 * Transactions spread over `days`, with same-second ties (some within one customer), mostly
 * numeric event ids in time order (as the reference's TRANSACTION_ID) and a few textual ones,
 * amounts with cents, and fraud concentrated on a few terminals so terminal risks are not all 0.
 */
export function generateScenario(options: ScenarioOptions): Scenario {
  const random = seededRandom(options.seed);
  const pick = (n: number) => Math.floor(random() * n);
  const start = options.startMillis ?? Date.UTC(2018, 3, 1);
  const seconds = Array.from({ length: options.transactions }, () =>
    Math.floor((random() * options.days * DAY_MS) / 1000),
  ).sort((a, b) => a - b);
  const risky = new Set(Array.from({ length: 4 }, () => String(pick(options.terminals))));
  const rows = seconds.map((_, i) => ({
    tied: i > 0 && random() < 0.08,
    customer: pick(options.customers),
  }));
  const transactions: Transaction[] = [];
  const frauds: (0 | 1)[] = [];
  rows.forEach((row, i) => {
    const previous = transactions[i - 1];
    // A tie takes the previous transaction's second (seconds are sorted, so it stays in order).
    const second = row.tied ? (seconds[i - 1] as number) : (seconds[i] as number);
    seconds[i] = second;
    const customerId =
      row.tied && previous && random() < 0.4 ? previous.customerId : String(row.customer);
    const terminalId = String(pick(options.terminals));
    transactions.push({
      eventId: random() < 0.05 ? `tx-${i.toString(36)}-${pick(1e6)}` : String(i),
      eventTime: start + second * 1000 + pick(1000),
      customerId,
      terminalId,
      amount: Math.round(random() * (random() < 0.1 ? 200_000 : 15_000)) / 100,
      attributes: {},
      ingestedAt: start + second * 1000 + 1500,
      source: 'KAFKA',
    });
    frauds.push(random() < (risky.has(terminalId) ? 0.5 : 0.02) ? 1 : 0);
  });
  const delayMs = (options.labelDelayDays ?? 7) * DAY_MS;
  const labels = transactions.map((tx, i): Label => ({
    eventId: `lbl-${tx.eventId}`,
    transactionId: tx.eventId,
    transactionTime: tx.eventTime,
    customerId: tx.customerId,
    terminalId: tx.terminalId,
    fraud: frauds[i] === 1,
    eventTime: tx.eventTime + delayMs,
    ingestedAt: tx.eventTime + delayMs + 20,
    source: 'HTTP',
  }));
  return { transactions: canonicalOrder(transactions), labels: sortedByTime(labels) };
}

export interface PhasedScenarioOptions {
  readonly seed: number;
  readonly transactions: number;
  readonly days: number;
  /** Early transactions are those before this day; late ones from `lateFromDay` on. */
  readonly earlyDays: number;
  readonly lateFromDay: number;
}

/**
 * A scenario in three phases, each sent once the previous one is committed, which keeps the
 * online values exact whatever order the partitions are consumed in (README: exactness): early
 * transactions, their labels (known 7 days later), then late transactions, whose windows count
 * the early ones and whose terminals' delayed risk windows count the labels. 8 customers and 3
 * terminals, from 2018-04-01; `expected` is the offline engine's vector of every transaction.
 */
export function phasedScenario(plan: FeaturePlan, options: PhasedScenarioOptions) {
  const start = Date.UTC(2018, 3, 1);
  const scenario = generateScenario({
    seed: options.seed,
    transactions: options.transactions,
    customers: 8,
    terminals: 3,
    days: options.days,
    startMillis: start,
  });
  const early = scenario.transactions.filter(
    (tx) => tx.eventTime < start + options.earlyDays * DAY_MS,
  );
  const late = scenario.transactions.filter(
    (tx) => tx.eventTime >= start + options.lateFromDay * DAY_MS,
  );
  const earlyIds = new Set(early.map((tx) => tx.eventId));
  const labels = scenario.labels.filter((label) => earlyIds.has(label.transactionId));
  const expected = expectedVectors(plan, { transactions: [...early, ...late], labels });
  return { early, late, labels, expected };
}

/**
 * A transaction as the offline engine's reference mapper sees it: seq is the numeric event id
 * (TRANSACTION_ID), and for the few textual ids of these fixtures the event time in ms. Written
 * independently of the service's mapper, so a change to the seq rule there shows up here.
 */
export function offlineEvent(tx: Transaction): FeatureEvent {
  return {
    eventId: tx.eventId,
    time: Math.floor(tx.eventTime / 1000),
    seq: /^\d+$/.test(tx.eventId) ? Number(tx.eventId) : tx.eventTime,
    amount: tx.amount,
    entities: { customerId: tx.customerId, terminalId: tx.terminalId },
  };
}

/**
 * The offline method: events in canonical order, each label applied once its known time is at or
 * before the event's, each vector computed by `computeFeatureVector` from in-memory entry lists.
 */
export function expectedVectors(plan: FeaturePlan, scenario: Scenario): Map<string, number[]> {
  const lists = new Map<string, WindowEntry[]>();
  const listOf = (entity: string, key: string) => {
    const id = `${entity}:${key}`;
    const list = lists.get(id) ?? [];
    lists.set(id, list);
    return list;
  };
  const vectors = new Map<string, number[]>();
  let nextLabel = 0;
  for (const transaction of scenario.transactions) {
    const event = offlineEvent(transaction);
    for (; nextLabel < scenario.labels.length; nextLabel++) {
      const label = scenario.labels[nextLabel] as Label;
      if (Math.floor(label.eventTime / 1000) > event.time) break;
      for (const r of plan.stateRequirements.filter((req) => req.needsLabels)) {
        const list = listOf(
          r.entity,
          r.entity === 'customerId' ? label.customerId : label.terminalId,
        );
        const at = list.findIndex((entry) => entry.eventId === label.transactionId);
        if (at >= 0) list[at] = { ...(list[at] as WindowEntry), fraud: label.fraud ? 1 : 0 };
      }
    }
    const entries = Object.fromEntries(
      plan.stateRequirements.map((r) => [
        r.entity,
        listOf(r.entity, event.entities[r.entity] ?? ''),
      ]),
    );
    vectors.set(event.eventId, computeFeatureVector(plan, event, entries));
    const entry = {
      time: event.time,
      seq: event.seq,
      value: event.amount,
      fraud: null,
      eventId: event.eventId,
    };
    for (const r of plan.stateRequirements)
      listOf(r.entity, event.entities[r.entity] ?? '').push(entry);
  }
  return vectors;
}

function canonicalOrder(transactions: Transaction[]): Transaction[] {
  const keyed = transactions.map((tx) => ({ tx, event: offlineEvent(tx) }));
  keyed.sort(
    (a, b) =>
      a.event.time - b.event.time ||
      a.event.seq - b.event.seq ||
      (a.tx.eventId < b.tx.eventId ? -1 : a.tx.eventId > b.tx.eventId ? 1 : 0),
  );
  return keyed.map(({ tx }) => tx);
}

const sortedByTime = (labels: Label[]): Label[] =>
  [...labels].sort((a, b) => a.eventTime - b.eventTime);
