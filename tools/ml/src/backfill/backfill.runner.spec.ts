import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { HANDBOOK_15 } from '@rtml/feature-engine';
import { runBackfill } from './backfill.runner';

const HEADER =
  'TRANSACTION_ID,TX_DATETIME,CUSTOMER_ID,TERMINAL_ID,TX_AMOUNT,TX_TIME_SECONDS,TX_TIME_DAYS,' +
  'TX_FRAUD,TX_FRAUD_SCENARIO';

describe('runBackfill', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'backfill-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const input = (lines: string[]): string => {
    const path = join(dir, 'in.csv.gz');
    writeFileSync(path, gzipSync([HEADER, ...lines].join('\n')));
    return path;
  };

  it('writes TRANSACTION_ID and the 15 features per row, in TRANSACTION_ID order', async () => {
    const output = join(dir, 'out.csv');
    const summary = await runBackfill({
      inputPath: input([
        '1,2018-04-01T00:00:31Z,7,3,10.5,31,0,0,0',
        '0,2018-04-01T00:00:31Z,7,3,20.25,31,0,1,1',
        '2,2018-04-09T00:00:31Z,8,3,1,691231,8,0,0',
      ]),
      outputPath: output,
      featureSet: HANDBOOK_15,
    });

    expect(summary.rows).toBe(3);
    expect(readFileSync(output, 'utf8').split('\n')).toEqual([
      `TRANSACTION_ID,${HANDBOOK_15.features.map((f) => f.name).join(',')}`,
      '0,20.25,1,1,1,20.25,1,20.25,1,20.25,0,0,0,0,0,0',
      '1,10.5,1,1,2,15.375,2,15.375,2,15.375,0,0,0,0,0,0',
      '2,1,0,1,1,1,1,1,1,1,0,0,2,0.5,2,0.5',
      '',
    ]);
  });

  it('fails with a clear message on unsorted input and leaves no output behind', async () => {
    const output = join(dir, 'out.csv');
    const run = runBackfill({
      inputPath: input([
        '0,2018-04-02T00:00:00Z,7,3,10.5,86400,1,0,0',
        '1,2018-04-01T00:00:00Z,7,3,10.5,0,0,0,0',
      ]),
      outputPath: output,
      featureSet: HANDBOOK_15,
    });

    await expect(run).rejects.toThrow(/the input must be sorted by time/);
    expect(existsSync(output)).toBe(false);
    expect(existsSync(`${output}.partial`)).toBe(false);
  });

  it('reports growing row counts, not before the given number of rows', async () => {
    const seen: number[] = [];
    const lines = Array.from(
      { length: 5 },
      (_, i) => `${i},2018-04-01T00:00:3${i}Z,1,1,1,3${i},0,0,0`,
    );
    await runBackfill({
      inputPath: input(lines),
      outputPath: join(dir, 'out.csv'),
      featureSet: HANDBOOK_15,
      progressEveryRows: 2,
      onProgress: (snapshot) => seen.push(snapshot.rows),
    });

    expect(seen.length).toBeGreaterThan(0);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...seen)).toBeLessThanOrEqual(5);
  });
});
