/*
 * Spot check against the handbook's published feature values (see the fixture), on the real
 * data set. Features of an entity depend only on that entity's rows, so replaying just the rows
 * of the checked transactions' customers and terminals reproduces their values exactly. Only the
 * rows of the first days are checked here, to keep unit tests fast; the backfill benchmark
 * checks every published row against the full output.
 */
import { existsSync } from 'node:fs';
import { HANDBOOK_15 } from '@rtml/feature-engine';
import { readReferenceCsvBatches } from '../csv/reference-csv.reader';
import type { ReferenceTransaction } from '../csv/reference-transaction.model';
import { REFERENCE_DATA_PATH } from '../reference-data.path';
import { HANDBOOK_PUBLISHED_ROWS, printedTolerance } from './handbook-published-values.fixture';
import { backfillReferenceRows } from './reference-rows.backfill';

const EARLY_ROWS = HANDBOOK_PUBLISHED_ROWS.filter((row) => row.transactionId < 30_000);
const names = HANDBOOK_15.features.map((feature) => feature.name);

describe('the offline engine against the values the handbook published', () => {
  if (!existsSync(REFERENCE_DATA_PATH)) {
    it.skip(`skipped: the reference data set is absent (${REFERENCE_DATA_PATH})`, () => {});
    return;
  }

  it(`reproduces the ${EARLY_ROWS.length} published rows of the first days within their printed precision`, async () => {
    const customers = new Set(EARLY_ROWS.map((row) => row.customerId));
    const terminals = new Set(EARLY_ROWS.map((row) => row.terminalId));
    const rows: ReferenceTransaction[] = [];
    for await (const batch of readReferenceCsvBatches(REFERENCE_DATA_PATH)) {
      rows.push(...batch.filter((r) => customers.has(r.customerId) || terminals.has(r.terminalId)));
      if ((batch[batch.length - 1]?.transactionId ?? 0) > 30_000) break;
    }
    const vectors = new Map<number, { row: ReferenceTransaction; vector: readonly number[] }>();
    await backfillReferenceRows(
      [rows],
      { featureSet: HANDBOOK_15 },
      {
        write: (row, vector) => vectors.set(row.transactionId, { row, vector }),
      },
    );

    for (const published of EARLY_ROWS) {
      const ours = vectors.get(published.transactionId);
      expect(ours?.row).toMatchObject({
        customerId: published.customerId,
        terminalId: published.terminalId,
        amount: published.amount,
      });
      for (const [name, printed] of Object.entries(published.values)) {
        const value = ours?.vector[names.indexOf(name)];
        const difference = Math.abs((value ?? Number.NaN) - Number(printed));
        expect({
          id: published.transactionId,
          name,
          within: difference <= printedTolerance(name),
        }).toEqual({
          id: published.transactionId,
          name,
          within: true,
        });
      }
    }
  }, 60_000);
});
