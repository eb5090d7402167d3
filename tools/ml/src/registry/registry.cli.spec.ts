import { AppError } from '@rtml/errors';
import { isRegistryCommand, oneLine, runRegistryCli } from './registry.cli';

describe('isRegistryCommand', () => {
  it('claims the registry verbs and leaves the others to the dispatcher', () => {
    expect(['publish', 'promote', 'demote', 'clear', 'list', 'show'].every(isRegistryCommand)).toBe(
      true,
    );
    expect([undefined, 'train', 'evaluate', '--help'].some(isRegistryCommand)).toBe(false);
  });
});

describe('oneLine', () => {
  it('prefixes the code and joins causes without repeating them', () => {
    const inner = new AppError('MODEL_INVALID', 'invalid model manifest: name: missing');
    const outer = new AppError('MODEL_INVALID', `model f version 2: ${inner.message}`, {
      cause: inner,
    });

    expect(oneLine(outer)).toBe(
      'MODEL_INVALID: model f version 2: invalid model manifest: name: missing',
    );
  });

  it('keeps causes that add information, on one line', () => {
    const error = new AppError('DEPENDENCY_UNAVAILABLE', 'object store unavailable', {
      cause: new Error('connect ECONNREFUSED\n127.0.0.1:9000'),
    });

    expect(oneLine(error)).toBe(
      'DEPENDENCY_UNAVAILABLE: object store unavailable: connect ECONNREFUSED 127.0.0.1:9000',
    );
  });
});

describe('runRegistryCli without a store', () => {
  const run = async (argv: string[], env: NodeJS.ProcessEnv = {}) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runRegistryCli(
      argv,
      { out: (l) => out.push(l), err: (l) => err.push(l) },
      env,
    );
    return { code, out, err };
  };

  it('prints the usage for --help and exits 0', async () => {
    const { code, out } = await run(['--help']);

    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/^usage: model publish --name N --dir/);
  });

  it('exits 2 with one line on a bad command line', async () => {
    expect(await run(['promote', '--name', 'f'])).toEqual({
      code: 2,
      out: [],
      err: ['model promote: --version is required (see --help)'],
    });
  });

  it('exits 1 with one line on bad configuration, before touching the store', async () => {
    const { code, err } = await run(['list', '--name', 'f'], { S3_ENDPOINT: 'nope' });

    expect(code).toBe(1);
    expect(err).toEqual([
      expect.stringMatching(/^model list: CONFIG_INVALID: invalid configuration: S3_ENDPOINT: /),
    ]);
  });
});
