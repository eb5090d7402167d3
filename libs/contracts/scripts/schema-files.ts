import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SchemaSource } from '../src/codegen/codegen.types';

const CONTRACTS_ROOT = resolve(__dirname, '..');

/** Where the .avsc files (the source of truth) live. */
export const SCHEMA_DIR = join(CONTRACTS_ROOT, 'src', 'schemas');

/** Where the generated TypeScript files are committed. */
export const GENERATED_DIR = join(CONTRACTS_ROOT, 'src', 'generated');

/** Every .avsc file, parsed as JSON; the generator validates the contents. */
export const readSchemaSources = (): SchemaSource[] =>
  readdirSync(SCHEMA_DIR)
    .filter((file) => file.endsWith('.avsc'))
    .map((file) => {
      const text = readFileSync(join(SCHEMA_DIR, file), 'utf8');
      try {
        return { file, schema: JSON.parse(text) as unknown };
      } catch (error) {
        throw new Error(`${file} is not valid JSON`, { cause: error });
      }
    });
