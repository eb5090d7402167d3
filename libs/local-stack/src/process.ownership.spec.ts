import { isStackProcess, parseCmdline, parsePidFile } from './process.ownership';

describe('parseCmdline', () => {
  it('splits the NUL-separated arguments and drops the trailing terminator', () => {
    expect(parseCmdline('java\0-cp\0/x/*\0kafka.Kafka\0')).toEqual([
      'java',
      '-cp',
      '/x/*',
      'kafka.Kafka',
    ]);
  });

  it('gives no arguments for an empty cmdline (kernel threads, zombies)', () => {
    expect(parseCmdline('')).toEqual([]);
  });
});

describe('parsePidFile', () => {
  it('reads one integer with surrounding whitespace', () => {
    expect(parsePidFile(' 4242\n')).toBe(4242);
  });

  it.each(['', 'abc', '12 13', '-5', '0', '1', '4.2'])('treats %j as no pid', (text) => {
    expect(parsePidFile(text)).toBeUndefined();
  });
});

describe('isStackProcess', () => {
  const root = '/repo/.stack';

  it('owns a JVM whose arguments point into the stack folder', () => {
    const info = {
      cmdline: ['/usr/bin/java', '-cp', '/repo/.stack/artifacts/kafka/*', 'kafka.Kafka'],
      cwd: '/',
    };
    expect(isStackProcess(info, root)).toBe(true);
  });

  it('owns redis-server by its working directory after it rewrote its own cmdline', () => {
    const info = {
      cmdline: ['/usr/bin/redis-server 127.0.0.1:6380'],
      cwd: '/repo/.stack/data/redis',
    };
    expect(isStackProcess(info, root)).toBe(true);
  });

  it('does not own a process that reused the pid', () => {
    const info = { cmdline: ['python3', '-m', 'http.server', '8000'], cwd: '/home/someone' };
    expect(isStackProcess(info, root)).toBe(false);
  });

  it('does not own a process of a sibling folder sharing the prefix', () => {
    const info = {
      cmdline: ['java', '-jar', '/repo/.stack-old/s3proxy.jar'],
      cwd: '/repo/.stack-old',
    };
    expect(isStackProcess(info, root)).toBe(false);
  });

  it('does not own a process whose cwd cannot be read and whose arguments do not match', () => {
    expect(isStackProcess({ cmdline: ['redis-server *:6380'], cwd: undefined }, root)).toBe(false);
  });
});
