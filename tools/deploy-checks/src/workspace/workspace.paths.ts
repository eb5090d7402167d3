import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root. */
export const ROOT = resolve(__dirname, '..', '..', '..', '..');

/** Every overlay under k8s/overlays: a new one is checked without anyone listing it. */
export const OVERLAYS: readonly string[] = readdirSync(join(ROOT, 'k8s', 'overlays'), {
  withFileTypes: true,
})
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
