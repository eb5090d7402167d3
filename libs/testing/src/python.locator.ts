import { spawnSync } from 'node:child_process';

/** A Python interpreter that imports the modules asked for, or why there is none. */
export type PythonProbe = { readonly command: string } | { readonly missing: string };

/**
 * The Python that tests of examples/ run: $RTML_PYTHON if set, else the first of `python3` and
 * /usr/bin/python3 that imports every one of `modules` (Debian's python3-sklearn and
 * python3-onnx live under /usr/bin/python3, which a pyenv `python3` on PATH does not see).
 */
export function findPython(modules: readonly string[]): PythonProbe {
  const chosen = process.env['RTML_PYTHON'];
  const candidates = chosen ? [chosen] : ['python3', '/usr/bin/python3'];
  const reasons: string[] = [];
  for (const command of candidates) {
    const probe = spawnSync(command, ['-c', `import ${modules.join(', ')}`], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (probe.status === 0) return { command };
    const lastLine = probe.stderr?.trim().split('\n').at(-1);
    reasons.push(`${command}: ${probe.error?.message ?? lastLine ?? `exit ${probe.status}`}`);
  }
  return { missing: `no Python with ${modules.join(', ')} (${reasons.join('; ')})` };
}

/**
 * A test that needs Python is skipped, and says why, where it is missing; RTML_REQUIRE_PYTHON=1
 * (a CI that installs it) makes a missing Python a failure instead.
 */
export const pythonRequired = (): boolean => process.env['RTML_REQUIRE_PYTHON'] === '1';
