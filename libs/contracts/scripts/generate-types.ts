/**
 * Regenerates src/generated/ from src/schemas/*.avsc: `npm run contracts:generate`.
 * With `--check`, writes nothing and exits 1 if the committed files are stale (for CI).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  GENERATED_FILE_NAMES,
  generateContractFiles,
} from '../src/codegen/generate-contract-files';
import { GENERATED_DIR, readSchemaSources } from './schema-files';

const main = (check: boolean): number => {
  const files = generateContractFiles(readSchemaSources());
  let stale = 0;
  for (const name of GENERATED_FILE_NAMES) {
    const path = join(GENERATED_DIR, name);
    const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    if (current === files[name]) {
      console.log(`up to date  ${name}`);
      continue;
    }
    stale += 1;
    if (check) {
      console.error(`stale       ${name}`);
    } else {
      writeFileSync(path, files[name]);
      console.log(`written     ${name}`);
    }
  }
  if (check && stale > 0) console.error('Run npm run contracts:generate and commit the result.');
  return check && stale > 0 ? 1 : 0;
};

try {
  process.exitCode = main(process.argv.includes('--check'));
} catch (error) {
  // Schema mistakes are the expected failure here: the message says which file and where.
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
}
