import { isUtf8 } from 'node:buffer';
import avro from 'avsc';
import type { ForSchemaOptions, Schema, Type } from 'avsc';

/** The part of avsc's internal reading cursor the bounded readers use. */
interface Tap {
  readonly buf: Buffer;
  pos: number;
  readLong(): number;
  skipLong(): void;
  readString(): string;
  skipString(): void;
}

/** avsc's per-type reader and skipper, which its compiled record readers call. */
interface Codec {
  _read(tap: Tap): unknown;
  _skip(tap: Tap): void;
}

/**
 * Entries of a block whose items may take no bytes at all (an array of nulls): no byte count can
 * bound them, so a fixed cap does. No contract has such an array.
 */
const MAX_EMPTY_ITEMS = 1_000_000;

/**
 * Avro maps and arrays whose block counts are checked against the bytes left before they are
 * read. avsc reads `count` entries first and checks the buffer's end after: a record of a dozen
 * bytes declaring a block of 2^40 map entries kept the decoder looping for hours, holding its
 * consumer's partition and a core (found by the fuzz tests). Every map entry takes at least one
 * byte (its key's length), and an array item at least its type's smallest encoding, so a count
 * larger than the bytes left can only be a corrupt or hostile record: it fails at once, as
 * undecodable, and is dead-lettered like any other.
 *
 * Strings (values and map keys) are checked to be valid UTF-8 as well: avsc decodes invalid bytes
 * to U+FFFD, so a corrupted id or key would pass validation as another one (found by the fuzz
 * tests); it is undecodable instead.
 *
 * Pass as avsc's `typeHook` (`AvroSerde`, `ContractCodec`); other types are left to avsc.
 */
export function boundedCollections(schema: Schema, opts: ForSchemaOptions): Type | undefined {
  if (schema === 'string') return new StrictStringType();
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return undefined;
  const { type, logicalType } = schema as { type?: unknown; logicalType?: unknown };
  if (logicalType !== undefined) return undefined;
  if (type === 'string') return new StrictStringType();
  if (type === 'map') return new BoundedMapType(schema, opts);
  if (type === 'array') return new BoundedArrayType(schema, opts);
  return undefined;
}

class StrictStringType extends avro.types.StringType {
  _read(tap: Tap): string {
    return readUtf8(tap);
  }
}

/**
 * An Avro string whose bytes must be valid UTF-8. A negative or overlong length leaves the tap
 * invalid, as avsc's own reader does, so the decoder reports the record truncated.
 */
function readUtf8(tap: Tap): string {
  const length = tap.readLong();
  const start = tap.pos;
  const end = start + length;
  if (length < 0 || end > tap.buf.length) {
    tap.pos = tap.buf.length + 1;
    return '';
  }
  tap.pos = end;
  if (!isUtf8(tap.buf.subarray(start, end)))
    throw new Error(`an Avro string of ${length} bytes is not valid UTF-8`);
  return tap.buf.toString('utf8', start, end);
}

// avsc freezes its types once built: the bounded readers are methods of subclasses, and what they
// work out later is kept beside them.
class BoundedMapType extends avro.types.MapType {
  _read(tap: Tap): Record<string, unknown> {
    return readMap(tap, this.valuesType as Codec);
  }

  _skip(tap: Tap): void {
    const values = this.valuesType as Codec;
    skipBlocks(tap, 'map', 1, () => {
      tap.skipString();
      values._skip(tap);
    });
  }
}

/**
 * An array's smallest item encoding, by the type or resolver whose `_read` runs (avsc copies a
 * type's `_read` onto the resolvers it builds for other writers' schemas). Computed at the first
 * read for a type (a recursive item type is only complete once built), at resolution for a
 * resolver (from the writer's item type, which is what the bytes hold).
 */
const itemBytesOf = new WeakMap<object, number>();

function itemBytes(reader: { itemsType: unknown }): number {
  let bytes = itemBytesOf.get(reader);
  if (bytes === undefined) {
    bytes = avro.Type.isType(reader.itemsType) ? smallestEncoding(reader.itemsType as Type) : 1;
    itemBytesOf.set(reader, bytes);
  }
  return bytes;
}

class BoundedArrayType extends avro.types.ArrayType {
  _read(tap: Tap): unknown[] {
    return readArray(tap, this.itemsType as unknown as Codec, itemBytes(this));
  }

  _skip(tap: Tap): void {
    const items = this.itemsType as unknown as Codec;
    skipBlocks(tap, 'array', itemBytes(this), () => items._skip(tap));
  }

  _update(resolver: object, writer: Type, opts: unknown): void {
    (
      avro.types.ArrayType.prototype as unknown as {
        _update(resolver: object, writer: Type, opts: unknown): void;
      }
    )._update.call(this, resolver, writer, opts);
    if (writer.typeName === 'array')
      itemBytesOf.set(resolver, smallestEncoding((writer as avro.types.ArrayType).itemsType));
  }
}

function readMap(tap: Tap, values: Codec): Record<string, unknown> {
  const map: Record<string, unknown> = {};
  for (let n = blockCount(tap, 'map', 1); n > 0; n = blockCount(tap, 'map', 1))
    for (; n > 0; n -= 1) {
      const key = readUtf8(tap);
      map[key] = values._read(tap);
    }
  return map;
}

function readArray(tap: Tap, items: Codec, itemBytes: number): unknown[] {
  const array: unknown[] = [];
  for (let n = blockCount(tap, 'array', itemBytes); n > 0; n = blockCount(tap, 'array', itemBytes))
    for (; n > 0; n -= 1) array.push(items._read(tap));
  return array;
}

function skipBlocks(tap: Tap, kind: string, entryBytes: number, skipEntry: () => void): void {
  for (;;) {
    const count = tap.readLong();
    if (count === 0) return;
    if (count < 0) {
      tap.pos += tap.readLong(); // a block written with its size in bytes
      continue;
    }
    checkCount(tap, kind, count, entryBytes);
    for (let n = count; n > 0; n -= 1) skipEntry();
  }
}

/** The next block's entry count (0 ends the collection), checked against the bytes left. */
function blockCount(tap: Tap, kind: string, entryBytes: number): number {
  let count = tap.readLong();
  if (count < 0) {
    count = -count;
    tap.skipLong(); // the block's size in bytes
  }
  checkCount(tap, kind, count, entryBytes);
  return count;
}

function checkCount(tap: Tap, kind: string, count: number, entryBytes: number): void {
  const left = tap.buf.length - tap.pos;
  const fits = entryBytes > 0 ? count * entryBytes <= left : count <= MAX_EMPTY_ITEMS;
  if (!fits)
    throw new Error(
      `an Avro ${kind} block declares ${count} entries, more than the ${Math.max(0, left)} bytes left can hold`,
    );
}

/** The fewest bytes a value of `type` can be encoded in (0 only for null and empty records). */
function smallestEncoding(type: Type, seen = new Set<Type>()): number {
  if (seen.has(type)) return 1; // a recursive record: at least its other fields' bytes
  seen.add(type);
  switch (type.typeName) {
    case 'null':
      return 0;
    case 'float':
      return 4;
    case 'double':
      return 8;
    case 'fixed':
      return (type as avro.types.FixedType).size;
    case 'record':
    case 'error':
      return (type as avro.types.RecordType).fields.reduce(
        (sum, field) => sum + smallestEncoding(field.type, seen),
        0,
      );
    default:
      return 1; // booleans, varints, length-prefixed strings and bytes, union branches, blocks
  }
}
