import { displayPath, formatDownReport, formatUpReport } from './report.format';

describe('displayPath', () => {
  it('shortens paths below the working directory', () => {
    expect(displayPath('/repo/.stack/logs/kafka.log', '/repo')).toBe('.stack/logs/kafka.log');
  });

  it('keeps paths outside the working directory absolute', () => {
    expect(displayPath('/var/stack/logs/kafka.log', '/repo')).toBe('/var/stack/logs/kafka.log');
  });
});

describe('formatUpReport', () => {
  it('prints one line per server with state, url, pid and log file, then the total', () => {
    const lines = formatUpReport(
      {
        fetched: [],
        seconds: 12.3,
        servers: [
          {
            server: 'kafka',
            state: 'started',
            url: '127.0.0.1:9092',
            pid: 42,
            logFile: '/repo/.stack/logs/kafka.log',
            seconds: 9.81,
          },
          {
            server: 'redis',
            state: 'already-up',
            url: 'redis://127.0.0.1:6380',
            pid: 7,
            logFile: '/repo/.stack/logs/redis.log',
            seconds: 0,
          },
        ],
      },
      '/repo',
    );
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      /^kafka +started in 9\.8 s +127\.0\.0\.1:9092 +pid 42 +log \.stack\/logs\/kafka\.log$/,
    );
    expect(lines[1]).toMatch(
      /^redis +already up +redis:\/\/127\.0\.0\.1:6380 +pid 7 +log \.stack\/logs\/redis\.log$/,
    );
    expect(lines[2]).toBe('stack up in 12.3 s');
  });

  it('mentions the artifacts it fetched first', () => {
    expect(formatUpReport({ fetched: ['kafka'], seconds: 1, servers: [] }, '/')[0]).toBe(
      'fetched artifacts: kafka',
    );
  });
});

describe('formatDownReport', () => {
  it('tells stopped servers (with pid) from ones that were not running', () => {
    expect(
      formatDownReport([
        { server: 's3', state: 'stopped', pid: 9 },
        { server: 'redis', state: 'not-running' },
      ]),
    ).toEqual(['s3             stopped (pid 9)', 'redis          not running']);
  });
});
