import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HANDBOOK_15 } from '@rtml/feature-engine';
import { loadLabelledRows } from './labelled-rows.loader';
import { writeSyntheticReference } from './synthetic-reference.fixture';
import { parseUtcDay } from './utc-day.calendar';

describe('loadLabelledRows', () => {
  let dir: string;
  let path: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'labelled-rows-'));
    path = join(dir, 'data.csv.gz');
    writeSyntheticReference(path, 20, 100);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the rows of the requested days with their features, labels, cards and days', async () => {
    const fromDay = parseUtcDay('2018-04-05');
    const rows = await loadLabelledRows(path, HANDBOOK_15, { fromDay, toDay: fromDay + 2 });
    expect(rows.rows).toBe(300);
    expect(rows.featureNames).toEqual(HANDBOOK_15.features.map((f) => f.name));
    expect(rows.features).toHaveLength(300 * 15);
    expect(Math.min(...rows.days)).toBe(fromDay);
    expect(Math.max(...rows.days)).toBe(fromDay + 2);
    expect(Array.from(rows.transactionIds.slice(0, 3))).toEqual([400, 401, 402]);
    // Features come from all history, not only the kept days: a card's 30-day count (column 7)
    // also counts its transactions of the 4 days before, so it averages well above 1.
    const counts30 = Array.from(
      { length: rows.rows },
      (_, r) => rows.features[r * 15 + 7] as number,
    );
    expect(counts30.reduce((sum, n) => sum + n, 0) / rows.rows).toBeGreaterThan(1.5);
    expect(rows.labels.every((label) => label === 0 || label === 1)).toBe(true);
  });

  it('returns no rows for days outside the file', async () => {
    const rows = await loadLabelledRows(path, HANDBOOK_15, {
      fromDay: parseUtcDay('2019-01-01'),
      toDay: parseUtcDay('2019-01-02'),
    });
    expect(rows.rows).toBe(0);
  });
});
