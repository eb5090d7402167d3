import { generateTypesModule } from './avro-to-ts';
import type { SchemaSource } from './codegen.types';
import { generateSchemasModule } from './schemas-module';

/** The generated files' names within `src/generated/`. */
export const GENERATED_FILE_NAMES = ['contract.types.ts', 'contract.schemas.ts'] as const;

export type GeneratedFileName = (typeof GENERATED_FILE_NAMES)[number];

/** The generated files' contents, by name. */
export type GeneratedFiles = Readonly<Record<GeneratedFileName, string>>;

/**
 * Everything generated from the schema files. The generation script writes these files and the
 * drift test compares them with the committed ones, both through this one function.
 */
export const generateContractFiles = (sources: readonly SchemaSource[]): GeneratedFiles => {
  // Sorted by file name so the output does not depend on directory listing order.
  const sorted = [...sources].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return {
    'contract.types.ts': generateTypesModule(sorted),
    'contract.schemas.ts': generateSchemasModule(sorted),
  };
};
