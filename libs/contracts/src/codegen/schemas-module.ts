import type { SchemaSource } from './codegen.types';
import { GENERATED_HEADER } from './generated-header';
import { isJsonObject } from './json-object';
import { kebabCase, screamingSnakeCase } from './naming';
import { renderDoc } from './ts-doc';
import { printLiteral } from './ts-literal';

const SCHEMA_TYPE = 'AvroRecordSchema';

interface TopLevelRecord {
  readonly name: string;
  readonly namespace: string | undefined;
}

const topLevelRecord = ({ file, schema }: SchemaSource): TopLevelRecord => {
  const { type, name, namespace } = isJsonObject(schema) ? schema : {};
  if (type !== 'record' || typeof name !== 'string') {
    throw new Error(`${file}: the top-level type must be a named record`);
  }
  // One file per record, named after it, so a schema is found from its type name and back.
  const expected = `${kebabCase(name.slice(name.lastIndexOf('.') + 1))}.avsc`;
  if (file !== expected) throw new Error(`${file}: a schema of ${name} belongs in ${expected}`);
  return { name, namespace: typeof namespace === 'string' ? namespace : undefined };
};

/** `Transaction` → `TRANSACTION_SCHEMA`, the constant holding that record's schema. */
export const schemaConstName = (recordName: string): string =>
  `${screamingSnakeCase(recordName.slice(recordName.lastIndexOf('.') + 1))}_SCHEMA`;

const renderSchema = (source: SchemaSource): string => {
  const { name, namespace } = topLevelRecord(source);
  const fullName = namespace && !name.includes('.') ? `${namespace}.${name}` : name;
  const head = `export const ${schemaConstName(name)} = `;
  const tail = ` as const satisfies ${SCHEMA_TYPE};`;
  return [
    ...renderDoc(`The Avro schema of ${fullName}, from ${source.file}.`, ''),
    `${head}${printLiteral(source.schema, head, tail)}${tail}`,
  ].join('\n');
};

/**
 * A TypeScript module holding each schema as an `as const` literal. The .avsc files stay the
 * source of truth; this copy exists because tsc does not copy .avsc files into dist, and a
 * module works unchanged from sources (Jest, tsx) and from the build.
 */
export const generateSchemasModule = (sources: readonly SchemaSource[]): string => {
  const imports = `import type { ${SCHEMA_TYPE} } from '../avro-schema.types';`;
  return [GENERATED_HEADER, imports, ...sources.map(renderSchema)].join('\n\n') + '\n';
};
