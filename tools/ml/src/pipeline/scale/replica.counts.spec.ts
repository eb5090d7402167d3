import { consumedDuring, duplicateMessages, idleReplicas } from './replica.counts';

const reading = (consumed: number, alive = true) => ({ consumed, alive });

describe('per-replica counts of a step', () => {
  it('subtracts the start counter, counts a replica launched mid-step from zero and drops one dead before the step', () => {
    const before = new Map([
      ['features-1', reading(5_000)],
      ['features-2', reading(4_000)],
      ['features-3', reading(3_000, false)],
    ]);
    const after = new Map([
      ['features-1', reading(7_500, false)],
      ['features-2', reading(9_000)],
      ['features-3', reading(3_000, false)],
      ['features-4', reading(2_200)],
    ]);

    expect(consumedDuring(before, after)).toEqual({
      'features-1': 2_500,
      'features-2': 5_000,
      'features-4': 2_200,
    });
  });

  it('gives the CPU seconds each replica used, to a tenth of a second', () => {
    const before = new Map([['scoring-1', { consumed: 0, cpuSeconds: 12.04, alive: true }]]);
    const after = new Map([
      ['scoring-1', { consumed: 0, cpuSeconds: 19.37, alive: true }],
      ['scoring-2', { consumed: 0, cpuSeconds: 3.5, alive: true }],
    ]);

    expect(consumedDuring(before, after, 'cpuSeconds')).toEqual({
      'scoring-1': 7.3,
      'scoring-2': 3.5,
    });
  });

  it('names the replicas that received no work', () => {
    expect(idleReplicas({ 'scoring-1': 10, 'scoring-2': 0, 'scoring-3': Number.NaN })).toEqual([
      'scoring-2',
      'scoring-3',
    ]);
    expect(idleReplicas({ 'scoring-1': 1 })).toEqual([]);
  });

  it('counts every message beyond the first of an event id as a duplicate', () => {
    expect(
      duplicateMessages(
        new Map([
          ['1', 1],
          ['2', 3],
          ['3', 2],
        ]),
      ),
    ).toBe(3);
    expect(duplicateMessages(new Map())).toBe(0);
  });
});
