import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FeatureCsvWriter, formatFeatureValue } from './feature-csv.writer';

describe('formatFeatureValue', () => {
  it('writes integers without decimals and other numbers in their shortest exact form', () => {
    expect([3, 0, 100.465, 1 / 3, 0.1 + 0.2].map(formatFeatureValue)).toEqual([
      '3',
      '0',
      '100.465',
      '0.3333333333333333',
      '0.30000000000000004',
    ]);
  });

  it('round-trips every value exactly', () => {
    for (const value of [59.523333333333333, 7.367999999999999, 1e-7, 123456.78]) {
      expect(Number(formatFeatureValue(value))).toBe(value);
    }
  });

  it('refuses values that are not finite numbers', () => {
    expect(() => formatFeatureValue(Number.NaN)).toThrow(/not a finite number/);
  });
});

describe('FeatureCsvWriter', () => {
  it('writes the TRANSACTION_ID header and one line per row', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'feature-csv-'));
    try {
      const path = join(dir, 'out.csv');
      const writer = await FeatureCsvWriter.open(path, ['A', 'B']);
      writer.writeRow(0, [1, 2.5]);
      writer.writeRow(1, [3, 0]);
      await writer.flush();
      await writer.close();

      expect(readFileSync(path, 'utf8')).toBe('TRANSACTION_ID,A,B\n0,1,2.5\n1,3,0\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
