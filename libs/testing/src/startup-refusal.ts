import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** What a built service that refused its configuration printed before it exited. */
export interface StartupRefusal {
  readonly status: number | null;
  /** Every line it wrote to stdout and stderr. */
  readonly lines: readonly string[];
  /** The variables its CONFIG_INVALID line names, when its one line is that. */
  readonly code: string | undefined;
  readonly variables: readonly string[];
}

/**
 * Starts a built service (`dist/main.js`) as a deployment starts it, with only PATH and `env`,
 * and waits for it to exit: the tests of configurations a service must refuse at startup.
 */
export function startupRefusal(
  main: string,
  env: Readonly<Record<string, string>>,
): StartupRefusal {
  if (!existsSync(main))
    throw new Error(`${main} is missing: build first (npx nx run-many -t build)`);
  const run = spawnSync(process.execPath, [main], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  const lines = `${run.stdout}${run.stderr}`.trim().split('\n');
  let parsed: { code?: string; problems?: Array<{ variable: string }> } = {};
  try {
    parsed = JSON.parse(lines[0] ?? '') as typeof parsed;
  } catch {
    // Not a JSON line: the caller's assertions on `code` say so.
  }
  return {
    status: run.status,
    lines,
    code: parsed.code,
    variables: (parsed.problems ?? []).map((problem) => problem.variable),
  };
}
