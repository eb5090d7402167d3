/**
 * The shape of Avro schema JSON (Avro 1.11 specification), read-only because the schemas in the
 * catalog are shared constants. Kept here rather than borrowed from avsc so the contracts carry
 * no dependency. avsc accepts these objects at run time, but its typings want mutable arrays:
 * pass `schema as Parameters<typeof Type.forSchema>[0]` (avsc does not modify it), or hand the
 * registry `JSON.stringify(schema)`.
 */

export type AvroPrimitiveName =
  'null' | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string';

/** Any JSON value: field defaults are JSON, interpreted by the field's type. */
export type AvroJson =
  null | boolean | number | string | readonly AvroJson[] | { readonly [key: string]: AvroJson };

/** A primitive written as an object, typically to attach a logical type. */
export interface AvroPrimitiveSchema {
  readonly type: AvroPrimitiveName;
  readonly logicalType?: string;
}

export interface AvroField {
  readonly name: string;
  readonly type: AvroSchema;
  readonly doc?: string;
  readonly default?: AvroJson;
}

export interface AvroRecordSchema {
  readonly type: 'record';
  readonly name: string;
  readonly namespace?: string;
  readonly doc?: string;
  readonly fields: readonly AvroField[];
}

export interface AvroEnumSchema {
  readonly type: 'enum';
  readonly name: string;
  readonly namespace?: string;
  readonly doc?: string;
  readonly symbols: readonly string[];
}

export interface AvroArraySchema {
  readonly type: 'array';
  readonly items: AvroSchema;
}

export interface AvroMapSchema {
  readonly type: 'map';
  readonly values: AvroSchema;
}

export interface AvroFixedSchema {
  readonly type: 'fixed';
  readonly name: string;
  readonly namespace?: string;
  readonly size: number;
}

/** A union is a JSON array of its branches. */
export type AvroUnionSchema = readonly AvroSchema[];

/** A primitive name, or a reference by name to a named type defined earlier in the schema. */
export type AvroTypeName = string;

export type AvroSchema =
  | AvroTypeName
  | AvroPrimitiveSchema
  | AvroRecordSchema
  | AvroEnumSchema
  | AvroArraySchema
  | AvroMapSchema
  | AvroFixedSchema
  | AvroUnionSchema;
