import avro from 'avsc';
import { boundedCollections } from './avro-bounds';

const schema = {
  type: 'record',
  name: 'Bounded',
  fields: [
    { name: 'attributes', type: { type: 'map', values: 'string' } },
    { name: 'values', type: { type: 'array', items: 'double' } },
    { name: 'gaps', type: { type: 'array', items: 'null' } },
  ],
} as const;
const bounded = avro.Type.forSchema(schema as unknown as avro.Schema, {
  typeHook: boundedCollections,
});
const plain = avro.Type.forSchema(schema as unknown as avro.Schema);

/** Avro's zig-zag varint of `n`. */
function varint(n: number): Buffer {
  const bytes: number[] = [];
  let z = n >= 0 ? n * 2 : -n * 2 - 1;
  do {
    let byte = z % 128;
    z = Math.floor(z / 128);
    if (z > 0) byte += 128;
    bytes.push(byte);
  } while (z > 0);
  return Buffer.from(bytes);
}

describe('Avro maps and arrays with bounded block counts', () => {
  const value = { attributes: { a: 'x', bb: 'yy' }, values: [0.5, -1, 3e300], gaps: [null, null] };

  it('reads and skips what avsc writes, exactly as avsc does', () => {
    const bytes = plain.toBuffer(value);

    expect(bounded.fromBuffer(bytes)).toEqual(plain.fromBuffer(bytes));
    // Skipping runs when the reader's schema lacks a field the writer's has.
    const reader = avro.Type.forSchema(
      { type: 'record', name: 'Bounded', fields: [] },
      { typeHook: boundedCollections },
    );
    expect(reader.fromBuffer(bytes, reader.createResolver(bounded))).toEqual({});
  });

  it('reads another writer’s schema through a resolver, still bounded', () => {
    const writer = avro.Type.forSchema(
      {
        type: 'record',
        name: 'Bounded',
        fields: [
          ...schema.fields,
          { name: 'extra', type: { type: 'array', items: 'long' }, default: [] },
        ],
      } as unknown as avro.Schema,
      { typeHook: boundedCollections },
    );
    const resolver = bounded.createResolver(writer);
    const bytes = writer.toBuffer({ ...value, extra: [1, 2] });
    const hostile = Buffer.concat([bytes.subarray(0, -1), Buffer.from([0x80, 0xad, 0xe2, 0x04])]);

    expect(bounded.fromBuffer(bytes, resolver)).toEqual(value);
    expect(() => bounded.fromBuffer(hostile, resolver)).toThrow(/an Avro array block declares/);
  });

  it('reads blocks written with their byte size (a negative count), as other writers do', () => {
    const entry = Buffer.concat([varint(1), Buffer.from('k'), varint(1), Buffer.from('v')]);
    const bytes = Buffer.concat([
      varint(-1),
      varint(entry.length),
      entry,
      varint(0), // end of the map
      varint(0), // empty values
      varint(0), // empty gaps
    ]);

    expect(bounded.fromBuffer(bytes)).toEqual({ attributes: { k: 'v' }, values: [], gaps: [] });
  });

  it('refuses at once a map block declaring more entries than the bytes left can hold', () => {
    // Five million entries declared in a dozen bytes: avsc alone loops over all of them first.
    const bytes = Buffer.concat([varint(5_000_000), Buffer.from('k'), varint(0), varint(0)]);

    expect(() => bounded.fromBuffer(bytes)).toThrow(
      /an Avro map block declares 5000000 entries, more than the \d+ bytes left can hold/,
    );
  });

  it('refuses an array block of doubles longer than its bytes, and caps one of nulls', () => {
    const doubles = Buffer.concat([varint(0), varint(3), Buffer.alloc(16), varint(0), varint(0)]);
    const nulls = Buffer.concat([varint(0), varint(0), varint(2_000_000), varint(0)]);

    expect(() => bounded.fromBuffer(doubles)).toThrow(/an Avro array block declares 3 entries/);
    expect(() => bounded.fromBuffer(nulls)).toThrow(/an Avro array block declares 2000000 entries/);
  });

  it('refuses a string or a map key that is not valid UTF-8, which avsc reads as U+FFFD', () => {
    const stringSchema = { type: 'record', name: 'Id', fields: [{ name: 'id', type: 'string' }] };
    const strict = avro.Type.forSchema(stringSchema as avro.Schema, {
      typeHook: boundedCollections,
    });
    const lenient = avro.Type.forSchema(stringSchema as avro.Schema);
    const badId = Buffer.concat([varint(3), Buffer.from([0x61, 0xff, 0x62])]);
    const badKey = Buffer.concat([
      varint(1),
      varint(2),
      Buffer.from([0xc3, 0x28]),
      varint(1),
      Buffer.from('x'),
      varint(0),
      varint(0),
      varint(0),
    ]);

    expect(lenient.fromBuffer(badId)).toEqual({ id: 'a\uFFFDb' });
    expect(() => strict.fromBuffer(badId)).toThrow(/an Avro string of 3 bytes is not valid UTF-8/);
    expect(() => bounded.fromBuffer(badKey)).toThrow(/not valid UTF-8/);
    expect(strict.fromBuffer(strict.toBuffer({ id: 'tx:é-😀' }))).toEqual({ id: 'tx:é-😀' });
  });

  it('reports a string longer than the bytes left as truncated, as avsc does', () => {
    const strict = avro.Type.forSchema(
      { type: 'record', name: 'Id', fields: [{ name: 'id', type: 'string' }] } as avro.Schema,
      { typeHook: boundedCollections },
    );

    expect(() => strict.fromBuffer(Buffer.concat([varint(9), Buffer.from('abc')]))).toThrow(
      /truncated/,
    );
  });
});
