import { compareModels } from '@rtml/model-training';
import { comparisonTable, judgePromotion, parseCompareArgs } from './compare.command';
import type { ComparisonReport } from './compare.command';

/** A report on `n` events where the challenger ranks every fraud first and the champion not. */
function report(n: number, challengerEdge: boolean): ComparisonReport {
  const labels = Array.from({ length: n }, (_, i) => (i % 10 === 0 ? 1 : 0));
  const champion = labels.map((_, i) => ((i * 7919) % 101) / 100);
  const challenger = challengerEdge
    ? labels.map((l, i) => (l === 1 ? 0.9 : champion[i]! * 0.8))
    : champion;
  return {
    model: 'card-fraud',
    challenger: '4',
    champions: [{ model: 'card-fraud', version: '3', events: n }],
    from: 0,
    to: 1,
    clock: 2,
    comparison: compareModels(
      {
        days: labels.map((_, i) => i % 7),
        cards: labels.map((_, i) => i % 50),
        labels,
        a: champion,
        b: challenger,
      },
      { resamples: 200, k: 5 },
    ),
  };
}

describe('judgePromotion', () => {
  const gate = { metric: 'auc' as const, minEvents: 1_000, minFrauds: 20 };

  it('promotes on a gain whose whole interval is above zero, with enough events and frauds', () => {
    const verdict = judgePromotion(report(2_000, true), gate);
    expect(verdict.promote).toBe(true);
    expect(verdict.reason).toMatch(
      /^a significant gain in AUC ROC: challenger − champion = \+0\.\d{4} \[\+0\.\d{4}, \+0\.\d{4}\] on 2000 events$/,
    );
  });

  it('refuses without enough matured evidence, saying how much there is and how much is needed', () => {
    expect(judgePromotion(report(500, true), gate)).toEqual({
      promote: false,
      reason:
        'not enough matured evidence: 500 events scored by both (at least 1000 needed) with 50 frauds (at least 20 needed)',
    });
    expect(judgePromotion(report(2_000, true), { ...gate, minFrauds: 500 }).promote).toBe(false);
  });

  it('refuses a challenger no better than the champion, with the interval of the difference', () => {
    const verdict = judgePromotion(report(2_000, false), gate);
    expect(verdict).toEqual({
      promote: false,
      reason: 'no significant gain in AUC ROC: challenger − champion = 0.0000 [0.0000, 0.0000]',
    });
  });
});

describe('the compare command line and table', () => {
  it('takes the model, the challenger, the range and the bootstrap size', () => {
    expect(
      parseCompareArgs(
        ['--name', 'm', '--challenger', '4', '--from', '2018-06-01', '--resamples', '500'],
        {
          ACTIONS_URL: 'http://actions:3004/',
          SCORES_API_KEY: 'k-123456789',
        },
      ),
    ).toEqual({
      name: 'm',
      challenger: '4',
      from: '2018-06-01',
      resamples: 500,
      api: { url: 'http://actions:3004', apiKey: 'k-123456789' },
    });
    expect(() => parseCompareArgs([], {})).toThrow('compare needs --name');
    expect(() => parseCompareArgs(['--name', 'm', '--resamples', '5'], {})).toThrow('≥ 10');
  });

  it('prints one row per metric with both models and the difference, each with its interval', () => {
    const lines = comparisonTable(report(2_000, true));
    expect(lines[0]).toContain('card-fraud challenger v4 vs the champion (card-fraud v3 (2000))');
    expect(lines.slice(2, 4)).toEqual([
      '| metric | champion | challenger | challenger − champion |',
      '| ------ | -------- | ---------- | --------------------- |',
    ]);
    expect(lines.slice(4).map((line) => line.split(' | ')[0])).toEqual([
      '| AUC ROC',
      '| average precision',
      '| card precision@k',
    ]);
  });
});
