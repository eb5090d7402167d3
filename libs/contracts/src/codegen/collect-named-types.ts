import type { FieldDecl, NamedTypeDecl, SchemaSource } from './codegen.types';
import type { JsonObject } from './json-object';
import { isJsonObject } from './json-object';

const PRIMITIVES: Readonly<Record<string, string>> = {
  null: 'null',
  boolean: 'boolean',
  int: 'number',
  long: 'number',
  float: 'number',
  double: 'number',
  bytes: 'Buffer',
  string: 'string',
};

// Avro's own name rule; it also makes every name a valid TypeScript identifier.
const AVRO_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface Registry {
  readonly byFullName: Map<string, { readonly decl: NamedTypeDecl; readonly file: string }>;
  readonly fullNameByTsName: Map<string, string>;
  /** Pre-order slots, so a record is declared before the types nested in it. */
  readonly order: (NamedTypeDecl | undefined)[];
}

interface Walk {
  readonly file: string;
  readonly path: string;
  readonly namespace: string | undefined;
  /** Named types defined so far in this file (Avro scopes names per schema): full name → TS type. */
  readonly scope: Map<string, string>;
  readonly registry: Registry;
}

const fail = (walk: Walk, message: string): never => {
  throw new Error(`${walk.file} at ${walk.path}: ${message}`);
};

const at = (walk: Walk, segment: string, namespace = walk.namespace): Walk => ({
  ...walk,
  path: `${walk.path}.${segment}`,
  namespace,
});

const requireString = (walk: Walk, object: JsonObject, key: string): string => {
  const value = object[key];
  return typeof value === 'string' && value.length > 0
    ? value
    : fail(walk, `"${key}" must be a non-empty string`);
};

const requireName = (walk: Walk, name: string): string =>
  AVRO_NAME.test(name) ? name : fail(walk, `"${name}" is not a valid Avro name`);

/**
 * Every named type and what TypeScript type each schema position maps to, across all files.
 * A type inlined in several files (each .avsc is self-contained) is declared once, and must be
 * identical everywhere, docs included: otherwise the generated type would silently pick one.
 */
export const collectNamedTypes = (sources: readonly SchemaSource[]): NamedTypeDecl[] => {
  const registry: Registry = { byFullName: new Map(), fullNameByTsName: new Map(), order: [] };
  for (const { file, schema } of sources) {
    const walk: Walk = { file, path: '$', namespace: undefined, scope: new Map(), registry };
    tsTypeOf(walk, schema);
  }
  return registry.order.filter((decl): decl is NamedTypeDecl => decl !== undefined);
};

const tsTypeOf = (walk: Walk, schema: unknown): string => {
  if (typeof schema === 'string') return PRIMITIVES[schema] ?? resolveReference(walk, schema);
  if (Array.isArray(schema)) return unionType(walk, schema);
  if (!isJsonObject(schema)) return fail(walk, 'a type must be a name, an object or a union array');
  const type = requireString(walk, schema, 'type');
  switch (type) {
    case 'record':
    case 'enum':
    case 'fixed':
      return defineNamedType(walk, schema, type);
    case 'array': {
      const items = tsTypeOf(at(walk, 'items'), schema['items']);
      // Only a top-level `T | null` needs parentheses; Prettier would drop any others.
      return items.endsWith(' | null') ? `readonly (${items})[]` : `readonly ${items}[]`;
    }
    case 'map':
      return `Readonly<Record<string, ${tsTypeOf(at(walk, 'values'), schema['values'])}>>`;
    default:
      // A primitive written as an object, usually carrying a logical type. Logical types stay
      // their underlying type (timestamp-millis is a number) because we decode without hooks.
      return PRIMITIVES[type] ?? fail(walk, `unsupported type "${type}"`);
  }
};

const unionType = (walk: Walk, branches: readonly unknown[]): string => {
  const types = branches.map((branch, index) => tsTypeOf(at(walk, String(index)), branch));
  const [only, ...others] = types.filter((type) => type !== 'null');
  // Only T | null: avsc decodes such unions unwrapped, and a TypeScript union of several
  // record types could not be told apart without avsc's wrapped-union form.
  if (only === undefined || others.length > 0 || types.length > 2) {
    return fail(walk, 'only unions of null and exactly one other type are supported');
  }
  return types.length === 1 ? only : `${only} | null`;
};

const resolveReference = (walk: Walk, name: string): string => {
  const candidates = name.includes('.')
    ? [name]
    : [walk.namespace ? `${walk.namespace}.${name}` : name, name];
  for (const candidate of candidates) {
    const tsType = walk.scope.get(candidate);
    if (tsType !== undefined) return tsType;
  }
  return fail(walk, `unknown type "${name}" (named types must be defined before use in a file)`);
};

const defineNamedType = (
  walk: Walk,
  schema: JsonObject,
  kind: 'record' | 'enum' | 'fixed',
): string => {
  const rawName = requireString(walk, schema, 'name');
  const dot = rawName.lastIndexOf('.');
  const name = requireName(walk, rawName.slice(dot + 1));
  const declaredNamespace = schema['namespace'];
  const namespace =
    dot >= 0
      ? rawName.slice(0, dot)
      : typeof declaredNamespace === 'string'
        ? declaredNamespace
        : walk.namespace;
  const fullName = namespace ? `${namespace}.${name}` : name;
  if (walk.scope.has(fullName)) return fail(walk, `${fullName} is defined twice in this file`);
  const inner = { ...walk, namespace };
  if (kind === 'fixed') {
    walk.scope.set(fullName, 'Buffer');
    return 'Buffer';
  }
  walk.scope.set(fullName, name);
  const slot = reserveSlot(walk, fullName, name);
  const doc = requireString(walk, schema, 'doc');
  const decl: NamedTypeDecl =
    kind === 'record'
      ? { kind, fullName, name, doc, fields: fieldsOf(inner, schema['fields']) }
      : { kind: 'enum', fullName, name, doc, symbols: symbolsOf(inner, schema['symbols']) };
  register(walk, decl, slot);
  return name;
};

const reserveSlot = (walk: Walk, fullName: string, name: string): number | undefined => {
  const { registry } = walk;
  const owner = registry.fullNameByTsName.get(name);
  if (owner !== undefined && owner !== fullName) {
    return fail(walk, `${fullName} and ${owner} would both be called ${name} in TypeScript`);
  }
  if (registry.byFullName.has(fullName)) return undefined;
  registry.fullNameByTsName.set(name, fullName);
  registry.order.push(undefined);
  return registry.order.length - 1;
};

const register = (walk: Walk, decl: NamedTypeDecl, slot: number | undefined): void => {
  const { registry } = walk;
  if (slot === undefined) {
    const first = registry.byFullName.get(decl.fullName);
    if (first && JSON.stringify(first.decl) !== JSON.stringify(decl)) {
      fail(walk, `${decl.fullName} differs from its definition in ${first.file}`);
    }
    return;
  }
  registry.byFullName.set(decl.fullName, { decl, file: walk.file });
  registry.order[slot] = decl;
};

const fieldsOf = (walk: Walk, fields: unknown): FieldDecl[] => {
  if (!Array.isArray(fields)) return fail(walk, '"fields" must be an array');
  const seen = new Set<string>();
  return fields.map((field: unknown, index) => {
    const fieldWalk = at(walk, `fields.${index}`);
    if (!isJsonObject(field)) return fail(fieldWalk, 'a field must be an object');
    const name = requireName(fieldWalk, requireString(fieldWalk, field, 'name'));
    if (seen.has(name)) fail(fieldWalk, `field "${name}" appears twice`);
    seen.add(name);
    const doc = requireString(fieldWalk, field, 'doc');
    const tsType = tsTypeOf(at(walk, name), field['type']);
    const defaultJson = 'default' in field ? JSON.stringify(field['default']) : undefined;
    return { name, doc, tsType, defaultJson };
  });
};

const symbolsOf = (walk: Walk, symbols: unknown): string[] => {
  if (!Array.isArray(symbols)) return fail(walk, '"symbols" must be an array');
  const names = symbols.map((symbol: unknown, index) =>
    typeof symbol === 'string' && AVRO_NAME.test(symbol)
      ? symbol
      : fail(at(walk, `symbols.${index}`), 'a symbol must be a valid Avro name'),
  );
  if (names.length === 0 || new Set(names).size !== names.length) {
    fail(walk, '"symbols" must be a non-empty list of unique names');
  }
  return names;
};
