import type { FoldResult } from './fold.evaluator';
import { meanStd, resultJson, round3, summaryLines } from './evaluation.report';

const fold = (auc: number, ap: number, cp100: number, testFrom: string): FoldResult =>
  ({
    trainFrom: '2018-07-25',
    testFrom,
    testTo: testFrom,
    trainRows: 100,
    trainFrauds: 1,
    testRows: 50,
    testFrauds: 1,
    auc,
    ap,
    cp100,
    trainSeconds: 2.04,
    trainCpuSeconds: 2,
  }) as FoldResult;

const context = { protocol: 'handbook-baseline', features: 'handbook-15', model: 'gbdt' };

describe('resultJson', () => {
  it('prints one fold as the protocol line, metrics with 3 decimals and train seconds with 1', () => {
    expect(resultJson(context, [fold(0.88149, 0.65, 0.29142, '2018-08-08')])).toBe(
      '{"protocol":"handbook-baseline","features":"handbook-15","model":"gbdt","auc":0.881,' +
        '"ap":0.650,"cp100":0.291,"train_rows":100,"test_rows":50,"train_s":2.0}',
    );
  });

  it('prints an undefined metric as null', () => {
    expect(resultJson(context, [fold(NaN, 0.6, 0.3, 'a')])).toContain('"auc":null,');
  });

  it('prints means, sample standard deviations and per-fold values for several folds', () => {
    const json = JSON.parse(
      resultJson(context, [fold(0.8, 0.6, 0.3, 'a'), fold(0.9, 0.7, 0.3, 'b')]),
    );
    expect(json).toMatchObject({
      auc: 0.85,
      auc_std: 0.071,
      ap: 0.65,
      cp100_std: 0,
      train_rows: 200,
    });
    expect(json.folds).toEqual([
      { test_from: 'a', auc: 0.8, ap: 0.6, cp100: 0.3 },
      { test_from: 'b', auc: 0.9, ap: 0.7, cp100: 0.3 },
    ]);
  });
});

describe('helpers', () => {
  it('rounds undefined metrics to null and computes a sample standard deviation', () => {
    expect(round3(NaN)).toBeNull();
    expect(meanStd([1, 2, 3])).toEqual({ mean: 2, std: 1 });
    expect(meanStd([1]).std).toBeNaN();
    expect(summaryLines([fold(0.8, 0.6, 0.3, 'a'), fold(0.9, 0.7, 0.3, 'b')])[0]).toBe(
      'AUC     0.850 ± 0.071',
    );
  });
});
