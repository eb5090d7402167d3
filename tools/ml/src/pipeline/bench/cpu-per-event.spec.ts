import { cpuPerEvent } from './cpu-per-event';

describe('cpuPerEvent', () => {
  it('gives CPU-µs per event per process and per group, and what ran outside the bench', () => {
    const before = {
      machine: { busy: 1_000, total: 2_000 },
      processes: new Map([
        ['service:features', 10],
        ['service:scoring', 20],
        ['stack:kafka', 100],
        ['stack:dynamodb', 50],
        ['driver', 4],
      ]),
    };
    const after = {
      // 30 s busy of 40 s of both cores' time.
      machine: { busy: 4_000, total: 6_000 },
      processes: new Map([
        ['service:features', 14],
        ['service:scoring', 22],
        ['stack:kafka', 101],
        ['stack:dynamodb', 60],
        ['driver', 5],
      ]),
    };

    expect(cpuPerEvent(before, after, 10_000)).toEqual({
      us_per_event: {
        'service:features': 400,
        'service:scoring': 200,
        'stack:kafka': 100,
        'stack:dynamodb': 1_000,
        driver: 100,
      },
      groups_us_per_event: { pipeline: 700, emulators: 1_000, driver: 100 },
      // 30 s busy, 18 s of it the bench's processes: 12 s elsewhere.
      outside_us_per_event: 1_200,
      machine_busy_pct: 75,
    });
  });
});
