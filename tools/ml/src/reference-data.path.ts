import { resolve } from 'node:path';

/**
 * The reference data set, read from outside the repository (`<repo>/../shared/data`): it is
 * real data nobody on the team generated, and is never committed. Tests skip when it is absent.
 */
export const REFERENCE_DATA_PATH = resolve(
  __dirname,
  '../../../../shared/data/handbook-transactions.csv.gz',
);
