import fc from 'fast-check';
import type { Arbitrary } from 'fast-check';

/**
 * Runs per fuzz property: `fallback` keeps CI fast; FUZZ_RUNS raises it for a longer local run
 * (fast-check prints the seed and the shrunk counterexample of a failure, to replay it).
 */
export function fuzzRuns(fallback: number): number {
  const raw = Number(process.env['FUZZ_RUNS']);
  return Number.isInteger(raw) && raw > 0 ? raw : fallback;
}

/** Any value a decoder may meet: JSON values, wrong types, huge strings, odd objects. */
export const anyFieldValue: Arbitrary<unknown> = fc.oneof(
  fc.jsonValue(),
  fc.string({ maxLength: 64 }),
  fc.integer(),
  fc.double(),
  fc.bigInt(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.string({ minLength: 5_000, maxLength: 20_000 }),
  fc.array(fc.anything(), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue(), { maxKeys: 5 }),
);

/** `valid` with one field replaced by any value, dropped, or one unknown field added. */
export function mutatedRecord(valid: Readonly<Record<string, unknown>>): Arbitrary<unknown> {
  const keys = Object.keys(valid);
  return fc.oneof(
    fc
      .record({ key: fc.constantFrom(...keys), value: anyFieldValue })
      .map(({ key, value }) => ({ ...valid, [key]: value })),
    fc
      .constantFrom(...keys)
      .map((key) => Object.fromEntries(Object.entries(valid).filter(([k]) => k !== key))),
    fc
      .record({ key: fc.string({ maxLength: 20 }), value: anyFieldValue })
      .map(({ key, value }) => ({ ...valid, [key]: value })),
    fc.anything(),
  );
}

/** `valid` bytes with a few bytes flipped, cut short, or extended with random bytes. */
export function mutatedBytes(valid: Uint8Array): Arbitrary<Buffer> {
  return fc.oneof(
    fc
      .array(fc.record({ at: fc.nat({ max: valid.length - 1 }), byte: fc.nat({ max: 255 }) }), {
        minLength: 1,
        maxLength: 4,
      })
      .map((flips) => {
        const copy = Buffer.from(valid);
        for (const { at, byte } of flips) copy[at] = byte;
        return copy;
      }),
    fc.nat({ max: valid.length }).map((cut) => Buffer.from(valid.subarray(0, cut))),
    fc.uint8Array({ maxLength: 64 }).map((tail) => Buffer.concat([valid, tail])),
    fc.uint8Array({ maxLength: 256 }).map((bytes) => Buffer.from(bytes)),
  );
}
