import { join } from 'node:path';
import { startupRefusal } from '@rtml/testing';

// The built service (npx nx run-many -t build), started as a deployment starts it.
const MAIN = join(__dirname, '..', 'dist', 'main.js');

describe('actions at startup', () => {
  it('refuses to start bound to 0.0.0.0 without keys, in one JSON line naming API_KEYS', () => {
    const run = startupRefusal(MAIN, { HTTP_HOST: '0.0.0.0', HTTP_PORT: '1' });

    expect(run.status).toBe(1);
    expect(run.lines).toHaveLength(1);
    expect(run.code).toBe('CONFIG_INVALID');
    expect(run.variables).toEqual(['API_KEYS']);
  });
});
