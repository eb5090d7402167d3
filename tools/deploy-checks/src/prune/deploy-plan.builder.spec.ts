import { buildDeployPlan } from './deploy-plan.builder';
import type { LoadedPackages } from './loaded-packages.scanner';
import type { Lockfile } from './lockfile.model';

const lockfile: Lockfile = {
  name: 'rtml',
  version: '0.1.0',
  lockfileVersion: 3,
  packages: {
    '': { name: 'rtml', version: '0.1.0' },
    'libs/kafka': { name: '@rtml/kafka', version: '0.1.0', dependencies: { kafkajs: '*' } },
    'libs/unused': { name: '@rtml/unused', version: '0.1.0' },
    'services/ingest': { name: '@rtml/ingest-service', version: '0.1.0' },
    'node_modules/@rtml/kafka': { resolved: 'libs/kafka', link: true },
    'node_modules/@rtml/unused': { resolved: 'libs/unused', link: true },
    'node_modules/@rtml/ingest-service': { resolved: 'services/ingest', link: true },
    'node_modules/kafkajs': { version: '2.2.4', dependencies: { tslib: '^2' } },
    'node_modules/tslib': { version: '2.8.0', dev: true },
    'node_modules/zod': { version: '4.6.7' },
    'node_modules/jest': { version: '30.0.0', dev: true },
  },
};

const loads: Record<string, LoadedPackages> = {
  'services/ingest': { packages: new Set(['@rtml/kafka', 'zod']), computedLoads: 0 },
  'libs/kafka': { packages: new Set(['kafkajs']), computedLoads: 0 },
};

const plan = (overrides: Record<string, LoadedPackages> = {}) =>
  buildDeployPlan({
    service: 'services/ingest',
    lockfile,
    rootManifest: {
      version: '0.1.0',
      dependencies: { kafkajs: '^2.2.4', zod: '^4.6.7' },
      devDependencies: { jest: '^30.0.0' },
    },
    loadsOf: (path) =>
      ({ ...loads, ...overrides })[path] ?? { packages: new Set(), computedLoads: 0 },
  });

describe('buildDeployPlan', () => {
  it('ships the service and the libraries its compiled code loads, not the others', () => {
    expect(plan().workspaces).toEqual(['libs/kafka', 'services/ingest']);
    expect(plan().links).toEqual({
      'node_modules/@rtml/ingest-service': 'services/ingest',
      'node_modules/@rtml/kafka': 'libs/kafka',
    });
  });

  it('ships the third-party packages loaded, transitively, at the lockfile versions', () => {
    const result = plan();
    expect(result.packages).toEqual([
      'node_modules/kafkajs',
      'node_modules/tslib',
      'node_modules/zod',
    ]);
    expect(result.manifest['dependencies']).toEqual({ kafkajs: '^2.2.4', zod: '^4.6.7' });
    expect(result.lockfile.packages['node_modules/tslib']).toEqual({ version: '2.8.0' });
    expect(Object.keys(result.lockfile.packages)).not.toContain('node_modules/jest');
    expect(result.problems).toEqual([]);
  });

  it('refuses production code that loads a devDependency or something not installed', () => {
    const result = plan({
      'services/ingest': { packages: new Set(['jest', 'left-pad']), computedLoads: 0 },
    });
    expect(result.problems).toEqual([
      'services/ingest loads left-pad, which is not installed',
      'production code loads jest, a devDependency of the workspace',
    ]);
  });

  it('refuses compiled code with a computed require', () => {
    const result = plan({ 'libs/kafka': { packages: new Set(), computedLoads: 1 } });
    expect(result.problems).toEqual(['libs/kafka has 1 require()/import() with a computed path']);
  });
});
