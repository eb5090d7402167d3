import { locatePackage, resolveClosure } from './lockfile-closure.resolver';
import type { LockEntry } from './lockfile.model';

const packages: Record<string, LockEntry> = {
  'node_modules/a': { version: '1.0.0', dependencies: { b: '^1', c: '^2' } },
  'node_modules/b': { version: '1.0.0', optionalDependencies: { 'b-linux': '1' } },
  'node_modules/c': { version: '1.0.0', dependencies: { b: '^2' } },
  'node_modules/c/node_modules/b': { version: '2.0.0' },
  'node_modules/p': {
    version: '1.0.0',
    peerDependencies: { a: '*', extra: '*' },
    peerDependenciesMeta: { extra: { optional: true } },
  },
  'node_modules/extra': { version: '1.0.0', dev: true },
  'node_modules/dev-only': { version: '1.0.0', dev: true },
  'node_modules/@rtml/kafka': { resolved: 'libs/kafka', link: true },
  'libs/kafka/node_modules/a': { version: '0.9.0' },
};

describe('locatePackage', () => {
  it('prefers the nearest node_modules, as Node resolves', () => {
    expect(locatePackage(packages, 'node_modules/c', 'b')).toBe('node_modules/c/node_modules/b');
    expect(locatePackage(packages, 'node_modules/a', 'b')).toBe('node_modules/b');
    expect(locatePackage(packages, 'libs/kafka', 'a')).toBe('libs/kafka/node_modules/a');
    expect(locatePackage(packages, 'services/ingest', 'a')).toBe('node_modules/a');
    expect(locatePackage(packages, '', 'missing')).toBeUndefined();
  });
});

describe('resolveClosure', () => {
  it('follows dependencies and required peers, both nested versions, and nothing else', () => {
    const closure = resolveClosure(packages, [
      { from: 'services/x', name: 'a' },
      { from: 'services/x', name: 'p' },
    ]);
    expect([...closure.paths].sort()).toEqual([
      'node_modules/a',
      'node_modules/b',
      'node_modules/c',
      'node_modules/c/node_modules/b',
      'node_modules/p',
    ]);
    expect(closure.missing).toEqual([]);
  });

  it('reports a required package the lockfile lacks, but not a missing optional one', () => {
    const closure = resolveClosure(packages, [{ from: '', name: 'nowhere' }]);
    expect(closure.missing).toEqual(['nowhere (needed by the root)']);
    expect(resolveClosure(packages, [{ from: '', name: 'b' }]).missing).toEqual([]);
  });

  it('refuses a third-party need that resolves to a workspace package', () => {
    expect(resolveClosure(packages, [{ from: '', name: '@rtml/kafka' }]).missing).toEqual([
      '@rtml/kafka resolves to the workspace package libs/kafka',
    ]);
  });
});
