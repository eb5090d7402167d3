import { findExecutable, parseJavaMajor, requireTool } from './tools.preflight';

describe('findExecutable', () => {
  const present = new Set(['/opt/jdk/bin/java', '/usr/bin/java']);
  const isExecutable = (file: string): boolean => present.has(file);

  it('returns the first match in PATH order', () => {
    expect(findExecutable('java', '/nowhere:/opt/jdk/bin:/usr/bin', isExecutable)).toBe(
      '/opt/jdk/bin/java',
    );
  });

  it('skips empty PATH entries and returns undefined when nothing matches', () => {
    expect(findExecutable('mvn', '::/usr/bin', isExecutable)).toBeUndefined();
  });
});

describe('requireTool', () => {
  it('says how to install redis-server in one line when it is missing', () => {
    expect(() => requireTool('redis-server', { PATH: '/definitely/not/here' })).toThrow(
      'redis-server not found: apt-get install -y redis-server',
    );
  });
});

describe('parseJavaMajor', () => {
  it.each([
    ['openjdk version "17.0.15" 2025-04-15', 17],
    ['openjdk version "21" 2023-09-19', 21],
    ['java version "1.8.0_392"', 8],
  ])('reads %j as Java %d', (output, major) => {
    expect(parseJavaMajor(output)).toBe(major);
  });

  it('returns undefined for output without a version', () => {
    expect(parseJavaMajor('command not found')).toBeUndefined();
  });
});
