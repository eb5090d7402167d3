import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * Lints `code` as if it were the file at `path` and returns the boundary rule's messages.
 * Runs the ESLint CLI in its own process: its ESM config does not load inside Jest's sandbox.
 */
function boundaryErrors(path: string, code: string): string[] {
  const eslint = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'),
      '--format',
      'json',
      '--stdin',
      '--stdin-filename',
      path,
    ],
    {
      cwd: ROOT,
      input: code,
      encoding: 'utf8',
    },
  );
  const [result] = JSON.parse(eslint.stdout) as Array<{
    messages: Array<{ ruleId: string | null; message: string }>;
  }>;
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === '@nx/enforce-module-boundaries')
    .map((m) => m.message);
}

describe('Nx module boundaries (enforced by npm run lint)', () => {
  beforeAll(() => {
    // The rule reads Nx's project graph; computing it once makes the rule active.
    execFileSync(
      process.execPath,
      [join(ROOT, 'node_modules', 'nx', 'dist', 'bin', 'nx.js'), 'show', 'projects'],
      {
        cwd: ROOT,
        env: { ...process.env, NX_DAEMON: 'false' },
      },
    );
  }, 60_000);

  it('refuses a service importing another service', () => {
    const errors = boundaryErrors(
      'services/ingest/src/leak.ts',
      "import { featuresService } from '../../features/src/features.service-definition';\nexport const x = featuresService;\n",
    );
    expect(errors).toEqual([
      expect.stringContaining('Projects cannot be imported by a relative or absolute path'),
    ]);
  });

  it('refuses production code of a service importing the testing library or tooling', () => {
    const errors = boundaryErrors(
      'services/scoring/src/leak.ts',
      "import { eventually } from '@rtml/testing';\nimport { ensureStackUp } from '@rtml/local-stack';\nexport const x = [eventually, ensureStackUp];\n",
    );
    expect(errors).toHaveLength(2);
    for (const error of errors)
      expect(error).toContain('"type:service" can only depend on libs tagged with');
  });

  it('refuses contracts depending on any other library', () => {
    // observability does not depend on contracts; for a library that does, Nx reports the cycle instead (also an error).
    const errors = boundaryErrors(
      'libs/contracts/src/leak.ts',
      "import * as metrics from '@rtml/observability';\nexport const x = metrics;\n",
    );
    expect(errors).toEqual([
      expect.stringContaining('"type:contracts" cannot depend on any libs with tags'),
    ]);
  });

  it('lets a service use contracts and platform libraries, and its specs use the testing library', () => {
    const production = boundaryErrors(
      'services/actions/src/ok.ts',
      "import { ERROR_CODES } from '@rtml/contracts';\nimport { AppError } from '@rtml/errors';\nexport const x = [ERROR_CODES, AppError];\n",
    );
    const spec = boundaryErrors(
      'services/actions/src/ok.spec.ts',
      "import { eventually } from '@rtml/testing';\nexport const x = eventually;\n",
    );
    expect([production, spec]).toEqual([[], []]);
  });
});
