import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  GENERATED_FILE_NAMES,
  generateContractFiles,
} from '../src/codegen/generate-contract-files';
import { GENERATED_DIR, readSchemaSources } from './schema-files';

const firstDifference = (committed: string, regenerated: string): string => {
  const left = committed.split('\n');
  const right = regenerated.split('\n');
  const line = left.findIndex((text, index) => text !== right[index]);
  const at = line === -1 ? left.length : line;
  return `line ${at + 1}:\n  committed:   ${left[at] ?? '(end of file)'}\n  regenerated: ${right[at] ?? '(end of file)'}`;
};

// The generated TypeScript must be exactly what the .avsc files give today. This fails when a
// schema changed without regenerating, or when a generated file was edited by hand.
describe('the committed generated files', () => {
  it.each(GENERATED_FILE_NAMES)('%s matches its regeneration from the .avsc files', (name) => {
    const regenerated = generateContractFiles(readSchemaSources())[name];
    const committed = readFileSync(join(GENERATED_DIR, name), 'utf8');
    if (committed !== regenerated) {
      throw new Error(
        `src/generated/${name} is stale or was edited by hand; run npm run contracts:generate.\n` +
          `First difference at ${firstDifference(committed, regenerated)}`,
      );
    }
  });
});
