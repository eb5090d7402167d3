import { findWorkspaceRoot, logFile, pidFile, stackPaths } from './stack.paths';

describe('findWorkspaceRoot', () => {
  it('walks up to the folder holding nx.json', () => {
    const exists = (file: string): boolean => file === '/repo/nx.json';
    expect(findWorkspaceRoot('/repo/libs/local-stack/src', exists)).toBe('/repo');
  });

  it('falls back to the start folder when no workspace is found', () => {
    expect(findWorkspaceRoot('/tmp/x', () => false)).toBe('/tmp/x');
  });
});

describe('stackPaths', () => {
  it('puts artifacts, data, logs and pid files under RTML_STACK_DIR when set', () => {
    const paths = stackPaths({ RTML_STACK_DIR: '/var/stack' });
    expect([paths.artifacts, paths.data, logFile(paths, 'kafka'), pidFile(paths, 'redis')]).toEqual(
      [
        '/var/stack/artifacts',
        '/var/stack/data',
        '/var/stack/logs/kafka.log',
        '/var/stack/run/redis.pid',
      ],
    );
  });

  it('defaults to .stack at the workspace root', () => {
    expect(stackPaths({}).root).toMatch(/\.stack$/);
  });
});
