import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

// The built service (npx nx run-many -t build), started as a deployment starts it.
const MAIN = join(__dirname, '..', 'dist', 'main.js');

describe('actions at startup', () => {
  it('refuses to start bound to 0.0.0.0 without keys, in one JSON line naming API_KEYS', () => {
    expect(existsSync(MAIN)).toBe(true);
    const run = spawnSync(process.execPath, [MAIN], {
      env: { PATH: process.env['PATH'] ?? '', HTTP_HOST: '0.0.0.0', HTTP_PORT: '1' },
      encoding: 'utf8',
      timeout: 20_000,
    });

    expect(run.status).toBe(1);
    const lines = `${run.stdout}${run.stderr}`.trim().split('\n');
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as { code: string; problems: Array<{ variable: string }> };
    expect(line.code).toBe('CONFIG_INVALID');
    expect(line.problems.map((problem) => problem.variable)).toEqual(['API_KEYS']);
  });
});
