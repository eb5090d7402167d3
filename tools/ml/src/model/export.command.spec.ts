import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HANDBOOK_15 } from '@rtml/feature-engine';
import { loadLabelledRows } from '../evaluate/labelled-rows.loader';
import { writeSyntheticReference } from '../evaluate/synthetic-reference.fixture';
import { parseUtcDay } from '../evaluate/utc-day.calendar';
import { runExport } from './export.command';

describe('runExport', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'model-export-'));
    writeSyntheticReference(join(dir, 'data.csv.gz'), 30, 200);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const exportRange = (from: string, to: string, output: string, lines: string[] = []) =>
    runExport(
      {
        command: 'export',
        data: join(dir, 'data.csv.gz'),
        features: 'handbook-15',
        from,
        to,
        output,
      },
      (line) => lines.push(line),
    );

  it('writes every transaction of the range: id, the features in input order, the label', async () => {
    const output = join(dir, 'rows.csv');
    const lines: string[] = [];
    await exportRange('2018-04-15', '2018-04-21', output, lines);

    const [header, ...rows] = readFileSync(output, 'utf8').trimEnd().split('\n');
    const names = HANDBOOK_15.features.map((feature) => feature.name);
    expect(header).toBe(['TRANSACTION_ID', ...names, 'TX_FRAUD'].join(','));
    expect(rows).toHaveLength(7 * 200);
    const offline = await loadLabelledRows(join(dir, 'data.csv.gz'), HANDBOOK_15, {
      fromDay: parseUtcDay('2018-04-15'),
      toDay: parseUtcDay('2018-04-21'),
    });
    const cells = (rows[5] ?? '').split(',').map(Number);
    expect(cells[0]).toBe(offline.transactionIds[5]);
    // Each value parses back to the float32 the model is fed, exactly.
    expect(Float32Array.from(cells.slice(1, -1))).toEqual(
      offline.features.subarray(5 * names.length, 6 * names.length),
    );
    expect(cells.at(-1)).toBe(offline.labels[5]);
    const frauds = rows.filter((row) => row.endsWith(',1')).length;
    expect(lines).toEqual([
      `wrote 1400 rows (${frauds} frauds) of handbook-15 v1, 2018-04-15…2018-04-21, to ${output}`,
    ]);
  });

  it('refuses a range with no transactions', async () => {
    await expect(exportRange('2019-01-01', '2019-01-07', join(dir, 'none.csv'))).rejects.toThrow(
      /no transactions from 2019-01-01 to 2019-01-07/,
    );
  });
});
