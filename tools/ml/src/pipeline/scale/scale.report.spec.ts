import { scaleVerdict } from './scale.report';
import type { ScaleFacts } from './scale.report';

const step = (replicas: number, events = 100) => ({
  features: replicas,
  scoring: replicas,
  events,
  dlq: 0,
  per_replica: Object.fromEntries(
    Array.from({ length: replicas }, (_, i) => [
      [`features-${i + 1}`, 10],
      [`scoring-${i + 1}`, 10],
    ]).flat(),
  ),
});

const passing: ScaleFacts = {
  steps: [step(1), step(2), step(3)],
  chaos: step(2),
  planned: 400,
  audit: { present: 400, missing: 0, items: 400, extra: 0, featureMismatches: 0, examples: [] },
  error: undefined,
};

describe('scaleVerdict', () => {
  it('passes when every event has one stored item with the offline vector and work reached every replica', () => {
    expect(scaleVerdict(passing)).toEqual({ passed: true, failures: [] });
  });

  it('names an idle replica, dead letters, missing, extra and mismatching items', () => {
    const verdict = scaleVerdict({
      ...passing,
      steps: [step(1), { ...step(2), per_replica: { 'features-1': 9, 'features-2': 0 } }, step(3)],
      chaos: { ...step(2), dlq: 3 },
      audit: { present: 398, missing: 2, items: 401, extra: 3, featureMismatches: 1, examples: [] },
    });

    expect(verdict.passed).toBe(false);
    expect(verdict.failures).toEqual([
      'step 2: no work reached features-2',
      'chaos step: 3 events dead-lettered',
      '2 transactions have no stored item',
      'the table holds 401 items for 400 transactions',
      '3 stored items are not transactions sent',
      '1 stored vectors differ from the offline engine',
    ]);
  });

  it('fails a run that stopped early, streaming less than planned and never audited', () => {
    const verdict = scaleVerdict({
      ...passing,
      chaos: undefined,
      audit: undefined,
      error: 'no progress for 180 s',
    });

    expect(verdict.failures).toEqual([
      'the run stopped: no progress for 180 s',
      '300 transactions streamed, 400 planned',
      'the stored items were not audited',
    ]);
  });
});
