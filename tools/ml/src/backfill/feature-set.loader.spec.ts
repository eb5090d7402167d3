import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HANDBOOK_15 } from '@rtml/feature-engine';
import { loadFeatureSet } from './feature-set.loader';

describe('loadFeatureSet', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'feature-set-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds a built-in set by name', async () => {
    await expect(loadFeatureSet('handbook-15')).resolves.toBe(HANDBOOK_15);
  });

  it('lists the built-in sets when the name is unknown', async () => {
    await expect(loadFeatureSet('handbook-16')).rejects.toThrow(
      'unknown feature set "handbook-16" (built-in: handbook-15, handbook-15-max; or a .json file)',
    );
  });

  it('reads and validates a JSON definition', async () => {
    const valid = join(dir, 'valid.json');
    writeFileSync(
      valid,
      JSON.stringify({ name: 'x', version: 1, features: [{ name: 'A', kind: 'amount' }] }),
    );
    const invalid = join(dir, 'invalid.json');
    writeFileSync(invalid, JSON.stringify({ name: 'x', version: 1, features: [] }));

    await expect(loadFeatureSet(valid)).resolves.toMatchObject({ name: 'x', version: 1 });
    await expect(loadFeatureSet(invalid)).rejects.toThrow(/features: must be a non-empty array/);
  });
});
