import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSyntheticReference } from '../evaluate/synthetic-reference.fixture';
import { runEvaluate } from './evaluate.command';

describe('runEvaluate', () => {
  let dir: string;
  let data: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'model-evaluate-'));
    data = join(dir, 'data.csv.gz');
    // 2018-04-01 … 2018-08-14: every protocol's days, at 120 transactions a day.
    writeSyntheticReference(data, 136, 120);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const evaluate = (
    protocol: 'handbook-baseline' | 'handbook-validation',
    lines: string[],
    scoresOut?: string,
  ) =>
    runEvaluate(
      {
        command: 'evaluate',
        protocol,
        data,
        features: 'handbook-15',
        model: 'logreg',
        params: {},
        ...(scoresOut ? { scoresOut } : {}),
      },
      (line) => lines.push(line),
    );

  it('runs every fold, prints mean ± std and ends with the JSON result line', async () => {
    const lines: string[] = [];
    const scores = join(dir, 'scores.csv');
    const json = await evaluate('handbook-validation', lines, scores);
    expect(lines[lines.length - 1]).toBe(json);
    const result = JSON.parse(json);
    expect(result).toMatchObject({
      protocol: 'handbook-validation',
      features: 'handbook-15',
      model: 'logreg',
    });
    expect(result.folds.map((f: { test_from: string }) => f.test_from)).toEqual([
      '2018-07-25',
      '2018-07-18',
      '2018-07-11',
      '2018-07-04',
    ]);
    expect(json).toMatch(/"auc":\d\.\d{3},"ap":\d\.\d{3},"cp100":\d\.\d{3},/);
    expect(lines.some((line) => line.startsWith('AUC     '))).toBe(true);
    const written = readFileSync(scores, 'utf8').trim().split('\n');
    expect(written[0]).toBe('TRANSACTION_ID,score');
    expect(written).toHaveLength(result.test_rows + 1);
  }, 60_000);

  it('refuses to report the baseline protocol on data that is not the reference set', async () => {
    await expect(evaluate('handbook-baseline', [])).rejects.toThrow(
      /handbook-baseline expects the reference data set's split .* is --data the handbook's transactions file/,
    );
  }, 60_000);
});
