import { cpuBreakdown } from './cpu.ledger';

describe('cpuBreakdown', () => {
  it('splits the busy time over replicas, stack servers, the driver and the rest', () => {
    const before = {
      machine: { busy: 1_000, total: 2_000 },
      processes: new Map([
        ['stack:kafka', 100],
        ['driver', 4],
      ]),
    };
    const after = {
      machine: { busy: 3_000, total: 4_500 },
      processes: new Map([
        ['stack:kafka', 104.25],
        ['driver', 7],
        ['stack:redis', 9],
      ]),
    };

    expect(cpuBreakdown(before, after, { 'features-1': 5, 'scoring-1': 6 })).toEqual({
      cpu_s: { 'features-1': 5, 'scoring-1': 6, 'stack:kafka': 4.3, driver: 3, other: 1.7 },
      machine_busy_pct: 80,
    });
  });

  it('leaves out the machine figures where /proc/stat cannot be read', () => {
    const sample = { machine: undefined, processes: new Map<string, number>() };

    expect(cpuBreakdown(sample, sample, { 'scoring-1': 1 })).toEqual({
      cpu_s: { 'scoring-1': 1 },
      machine_busy_pct: null,
    });
  });
});
