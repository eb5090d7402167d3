import { join, resolve } from 'node:path';

export const WORKSPACE_ROOT = resolve(__dirname, '..', '..', '..', '..', '..');

/** The handbook's data set, beside the repository (never committed). */
export const REFERENCE_DATA = resolve(
  WORKSPACE_ROOT,
  '..',
  'shared',
  'data',
  'handbook-transactions.csv.gz',
);

/** Scratch space of the local tools (git-ignored with the rest of `.stack/`). */
export const WORK_DIR = join(WORKSPACE_ROOT, '.stack', 'work');
