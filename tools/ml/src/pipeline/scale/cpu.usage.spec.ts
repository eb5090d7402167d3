import { busyPercent, parseMachineTicks, parseProcessCpuSeconds } from './cpu.usage';

describe('CPU usage from /proc', () => {
  it('counts idle and iowait as idle time of the aggregate cpu line', () => {
    const stat = 'cpu  300 0 100 500 100 0 0 0 0 0\ncpu0 150 0 50 250 50 0 0 0 0 0\n';

    expect(parseMachineTicks(stat)).toEqual({ busy: 400, total: 1000 });
  });

  it('gives the busy share between two readings', () => {
    expect(busyPercent({ busy: 400, total: 1000 }, { busy: 550, total: 1200 })).toBe(75);
    expect(busyPercent({ busy: 1, total: 1 }, { busy: 1, total: 1 })).toBe(0);
  });

  it('adds user and system time of a process whose name holds spaces and parentheses', () => {
    const stat =
      '4242 (node (main) x) S 1 4242 4242 0 -1 4194304 101 0 0 0 1234 566 0 0 20 0 11 0 378059';

    expect(parseProcessCpuSeconds(stat)).toBe(18);
  });
});
