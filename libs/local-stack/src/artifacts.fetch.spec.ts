import { firstMavenError, mavenArgs } from './artifacts.fetch';
import type { StackPaths } from './stack.paths';

const paths: StackPaths = {
  root: '/repo/.stack',
  artifacts: '/repo/.stack/artifacts',
  conf: '/repo/.stack/conf',
  data: '/repo/.stack/data',
  logs: '/repo/.stack/logs',
  run: '/repo/.stack/run',
  pom: '/repo/libs/local-stack/maven/pom.xml',
};

describe('mavenArgs', () => {
  it('builds only the missing modules, into the stack folder, at the configured versions', () => {
    expect(mavenArgs(paths, ['kafka', 'registry'])).toEqual([
      '-q',
      '-B',
      '-f',
      '/repo/libs/local-stack/maven/pom.xml',
      'package',
      '-pl',
      'kafka,registry',
      '-Dstack.artifacts=/repo/.stack/artifacts',
      '-Dkafka.version=4.1.1',
      '-Dapicurio.version=3.0.9',
    ]);
  });
});

describe('firstMavenError', () => {
  it('returns the first [ERROR] line without its prefix', () => {
    const output = '[INFO] x\n[ERROR] Failed to execute goal: could not resolve\n[ERROR] second\n';
    expect(firstMavenError(output)).toBe('Failed to execute goal: could not resolve');
  });

  it('returns undefined when Maven printed no error line', () => {
    expect(firstMavenError('Killed\n')).toBeUndefined();
  });
});
