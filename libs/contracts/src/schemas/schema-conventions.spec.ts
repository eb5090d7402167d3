import type { AvroField, AvroSchema, AvroUnionSchema } from '../avro-schema.types';
import { TOPIC_IDS, TOPICS } from '../topics.catalog';

interface FieldAt {
  readonly path: string;
  readonly field: AvroField;
}

// Array.isArray does not narrow read-only arrays out of a union.
const isUnion = (schema: AvroSchema): schema is AvroUnionSchema => Array.isArray(schema);

// Every field of a schema, nested records included, with its dotted path.
const fieldsOf = (schema: AvroSchema, path: string): FieldAt[] => {
  if (typeof schema === 'string') return [];
  if (isUnion(schema)) return schema.flatMap((branch) => fieldsOf(branch, path));
  if ('fields' in schema) {
    return schema.fields.flatMap((field) => [
      { path: `${path}.${field.name}`, field },
      ...fieldsOf(field.type, `${path}.${field.name}`),
    ]);
  }
  if ('items' in schema) return fieldsOf(schema.items, path);
  if ('values' in schema) return fieldsOf(schema.values, path);
  return [];
};

const allFields = TOPIC_IDS.flatMap((id) =>
  fieldsOf(TOPICS[id].valueSchema, TOPICS[id].valueSchema.name),
);

const TIMESTAMP = { type: 'long', logicalType: 'timestamp-millis' };

describe('the schemas', () => {
  it('name every field in camelCase', () => {
    const offenders = allFields.filter(({ field }) => !/^[a-z][a-zA-Z0-9]*$/.test(field.name));
    expect(offenders.map(({ path }) => path)).toEqual([]);
  });

  it('document every field', () => {
    const offenders = allFields.filter(({ field }) => !field.doc);
    expect(offenders.map(({ path }) => path)).toEqual([]);
  });

  it('make every ...At and ...Time field a timestamp-millis long, nullable or not', () => {
    const offenders = allFields.filter(({ field }) => {
      if (!/(At|Time)$/.test(field.name)) return false;
      const type = isUnion(field.type)
        ? field.type.find((branch) => branch !== 'null')
        : field.type;
      return JSON.stringify(type) !== JSON.stringify(TIMESTAMP);
    });
    expect(offenders.map(({ path }) => path)).toEqual([]);
  });

  it('give every nullable field a null default, so adding one stays BACKWARD compatible', () => {
    const offenders = allFields.filter(
      ({ field }) => isUnion(field.type) && (field.type[0] !== 'null' || field.default !== null),
    );
    expect(offenders.map(({ path }) => path)).toEqual([]);
  });
});
