import type { EnumDecl, NamedTypeDecl, RecordDecl, SchemaSource } from './codegen.types';
import { collectNamedTypes } from './collect-named-types';
import { GENERATED_HEADER } from './generated-header';
import { screamingSnakeCase } from './naming';
import { INDENT, PRINT_WIDTH } from './print-width';
import { renderDoc } from './ts-doc';
import { printLiteral } from './ts-literal';

/** `EventKind` → `EVENT_KIND_VALUES`, the constant listing an enum's symbols. */
export const enumValuesName = (enumName: string): string =>
  `${screamingSnakeCase(enumName)}_VALUES`;

const renderRecord = (decl: RecordDecl): string[] => [
  ...renderDoc(decl.doc, ''),
  `export interface ${decl.name} {`,
  ...decl.fields.flatMap((field) => [
    ...renderDoc(field.doc, INDENT),
    `${INDENT}readonly ${field.name}: ${field.tsType};`,
  ]),
  '}',
];

// A const array next to the union lets code iterate and validate the symbols at run time
// (ingest parsing JSON input, config) without restating them.
const renderEnum = (decl: EnumDecl): string[] => {
  const constName = enumValuesName(decl.name);
  const head = `export const ${constName} = `;
  const tail = ' as const;';
  if (`${head}[]${tail}`.length > PRINT_WIDTH) throw new Error(`${constName} is too long a name`);
  return [
    `/** The symbols of {@link ${decl.name}}, in schema order. */`,
    `${head}${printLiteral(decl.symbols, head, tail)}${tail}`,
    '',
    ...renderDoc(decl.doc, ''),
    `export type ${decl.name} = (typeof ${constName})[number];`,
  ];
};

const renderDecl = (decl: NamedTypeDecl): string[] =>
  decl.kind === 'record' ? renderRecord(decl) : renderEnum(decl);

/**
 * The TypeScript declarations for every named type in `sources`: records become interfaces
 * with readonly fields, enums a string-literal union plus a const array of its symbols,
 * `[null, T]` unions `T | null`, arrays `readonly T[]`, maps `Readonly<Record<string, T>>`,
 * numbers (long, int, double, float, timestamp-millis) `number`, and bytes `Buffer`.
 */
export const generateTypesModule = (sources: readonly SchemaSource[]): string => {
  const blocks = collectNamedTypes(sources).map((decl) => renderDecl(decl).join('\n'));
  return [GENERATED_HEADER, ...blocks].join('\n\n') + '\n';
};
