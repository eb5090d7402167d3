/*
 * Independent cross-check: a deliberately naive O(n²) implementation written straight from the
 * reference text (docs/fraud-reference.md), compared bit for bit with the offline engine.
 */
import { existsSync } from 'node:fs';
import { HANDBOOK_15 } from '@rtml/feature-engine';
import { readReferenceCsvBatches } from '../csv/reference-csv.reader';
import type { ReferenceTransaction } from '../csv/reference-transaction.model';
import { REFERENCE_DATA_PATH } from '../reference-data.path';
import { backfillReferenceRows } from './reference-rows.backfill';

const DAY = 86_400;
const WINDOWS = [1, 7, 30];
const TERMINAL_DELAY_DAYS = 7;

/** The 15 handbook features of every row, brute force over all rows before it. */
function naiveFeatures(rows: readonly ReferenceTransaction[]): number[][] {
  const byId = [...rows].sort((a, b) => a.transactionId - b.transactionId);
  return byId.map((current, i) => {
    const t = current.time;
    const date = new Date(t * 1000);
    // TX_DURING_WEEKEND: UTC Saturday or Sunday. TX_DURING_NIGHT: UTC hour <= 6.
    const day = date.getUTCDay();
    const features = [
      current.amount,
      day === 0 || day === 6 ? 1 : 0,
      date.getUTCHours() <= 6 ? 1 : 0,
    ];
    const customer = WINDOWS.map(() => ({ count: 0, sum: 0 }));
    const terminal = WINDOWS.map(() => ({ count: 0, frauds: 0 }));
    // "each sees the ones processed before it and itself": rows 0..i in TRANSACTION_ID order.
    for (let j = 0; j <= i; j++) {
      const other = byId[j] as ReferenceTransaction;
      const sameCustomer = other.customerId === current.customerId;
      const sameTerminal = other.terminalId === current.terminalId;
      if (!sameCustomer && !sameTerminal) continue;
      for (let k = 0; k < WINDOWS.length; k++) {
        const w = (WINDOWS[k] as number) * DAY;
        if (sameCustomer && other.time > t - w && other.time <= t) {
          customer[k]!.count += 1;
          customer[k]!.sum += other.amount;
        }
        const end = t - TERMINAL_DELAY_DAYS * DAY;
        if (sameTerminal && other.time > end - w && other.time <= end) {
          terminal[k]!.count += 1;
          terminal[k]!.frauds += other.fraud;
        }
      }
    }
    for (const { count, sum } of customer) features.push(count, sum / count);
    for (const { count, frauds } of terminal)
      features.push(count, count === 0 ? 0 : frauds / count);
    return features;
  });
}

async function engineFeatures(fileOrder: readonly ReferenceTransaction[]): Promise<number[][]> {
  const vectors: number[][] = [];
  await backfillReferenceRows(
    [fileOrder],
    { featureSet: HANDBOOK_15 },
    {
      write: (_row, vector) => vectors.push([...vector]),
    },
  );
  return vectors;
}

/** mulberry32: a tiny seeded PRNG, so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Dense traffic on few customers and terminals over 60 days: many same-second ties, rows exactly
 * 1, 7, 8, 14, 30 and 37 days after another row of the same entities (window edges), ~15% fraud,
 * and the rows of each second shuffled in "file order" as in the reference file.
 */
function generateRows(count: number, seed: number): ReferenceTransaction[] {
  const next = random(seed);
  const pick = (n: number) => Math.floor(next() * n);
  const start = Date.parse('2018-04-01T00:00:00Z') / 1000;
  const drafts: Omit<ReferenceTransaction, 'transactionId'>[] = [];
  let time = start;
  for (let i = 0; i < count; i++) {
    const edgeOf = drafts.length > 0 && next() < 0.15 ? drafts[pick(drafts.length)] : undefined;
    if (next() > 0.3) time += pick((60 * DAY) / count) * 2;
    const rowTime = edgeOf ? edgeOf.time + [1, 7, 8, 14, 30, 37][pick(6)]! * DAY : time;
    drafts.push({
      time: rowTime,
      customerId: edgeOf?.customerId ?? pick(12),
      terminalId: edgeOf?.terminalId ?? pick(6),
      amount: Math.round(next() * 30_000) / 100,
      timeSeconds: rowTime - start,
      timeDays: Math.floor((rowTime - start) / DAY),
      fraud: next() < 0.15 ? 1 : 0,
      fraudScenario: 0,
    });
  }
  // Ties get IDs in random order: IDs follow time, not generation order.
  const withIds = drafts
    .map((draft) => ({ draft, key: next() }))
    .sort((a, b) => a.draft.time - b.draft.time || a.key - b.key)
    .map(({ draft }, transactionId) => ({ ...draft, transactionId }));
  return withIds
    .map((row) => ({ row, key: next() }))
    .sort((a, b) => a.row.time - b.row.time || a.key - b.key)
    .map(({ row }) => row);
}

describe('offline engine against a naive implementation of the reference text', () => {
  it('agrees to the last bit on generated rows full of ties and window edges', async () => {
    for (const seed of [1, 2, 3]) {
      const rows = generateRows(2_500, seed);
      expect(await engineFeatures(rows)).toEqual(naiveFeatures(rows));
    }
  });

  const dataPresent = existsSync(REFERENCE_DATA_PATH);
  if (!dataPresent) {
    it.skip(`skipped: the reference data set is absent (${REFERENCE_DATA_PATH})`, () => {});
    return;
  }

  it('agrees to the last bit on the real data set: its first 20,000 rows', async () => {
    const first = await readRealRows((row) => row.transactionId < 20_000, 3);

    expect(first).toHaveLength(20_000);
    expect(await engineFeatures(first)).toEqual(naiveFeatures(first));
  }, 60_000);

  it('agrees to the last bit on the real data set: one terminal in 100 over 45 days', async () => {
    // Long enough for every delayed terminal window to fill, with real frauds in it.
    const sample = await readRealRows((row) => row.terminalId % 100 === 0, 45);

    expect(sample.filter((row) => row.fraud === 1).length).toBeGreaterThan(20);
    expect(await engineFeatures(sample)).toEqual(naiveFeatures(sample));
  }, 60_000);
});

/** The rows of the real file's first `days` days that `keep` accepts, in file order. */
async function readRealRows(
  keep: (row: ReferenceTransaction) => boolean,
  days: number,
): Promise<ReferenceTransaction[]> {
  const kept: ReferenceTransaction[] = [];
  let end: number | undefined;
  for await (const batch of readReferenceCsvBatches(REFERENCE_DATA_PATH)) {
    end ??= (batch[0]?.time ?? 0) + days * DAY;
    for (const row of batch) if (row.time < end && keep(row)) kept.push(row);
    if ((batch[batch.length - 1]?.time ?? 0) >= end) break;
  }
  return kept;
}
