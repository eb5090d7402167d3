import { generateTypesModule } from './avro-to-ts';
import type { SchemaSource } from './codegen.types';

const field = (name: string, type: unknown, extra: object = {}) => ({
  name,
  doc: `The ${name}.`,
  type,
  ...extra,
});

const record = (name: string, fields: unknown[], extra: object = {}) => ({
  type: 'record',
  name,
  doc: `A ${name}.`,
  fields,
  ...extra,
});

const generate = (...schemas: unknown[]): string =>
  generateTypesModule(
    schemas.map((schema, index): SchemaSource => ({ file: `s${index}`, schema })),
  );

describe('generateTypesModule', () => {
  it('starts with the do-not-edit header', () => {
    expect(generate(record('Empty', []))).toMatch(
      /^\/\/ generated — do not edit, run npm run contracts:generate\n/,
    );
  });

  it('maps primitives and logical types to their TypeScript types', () => {
    const output = generate(
      record('Primitives', [
        field('text', 'string'),
        field('flag', 'boolean'),
        field('count', 'int'),
        field('total', 'long'),
        field('ratio', 'float'),
        field('amount', 'double'),
        field('blob', 'bytes'),
        field('at', { type: 'long', logicalType: 'timestamp-millis' }),
      ]),
    );
    expect(output).toContain(
      [
        '/** A Primitives. */',
        'export interface Primitives {',
        '  /** The text. */',
        '  readonly text: string;',
        '  /** The flag. */',
        '  readonly flag: boolean;',
        '  /** The count. */',
        '  readonly count: number;',
        '  /** The total. */',
        '  readonly total: number;',
        '  /** The ratio. */',
        '  readonly ratio: number;',
        '  /** The amount. */',
        '  readonly amount: number;',
        '  /** The blob. */',
        '  readonly blob: Buffer;',
        '  /** The at. */',
        '  readonly at: number;',
        '}',
      ].join('\n'),
    );
  });

  it('turns a union with null into T | null, whichever branch comes first', () => {
    const output = generate(
      record('Maybe', [
        field('first', ['null', 'string'], { default: null }),
        field('last', ['double', 'null'], { default: 0 }),
      ]),
    );
    expect(output).toContain('readonly first: string | null;');
    expect(output).toContain('readonly last: number | null;');
  });

  it('turns an enum into a const array of its symbols and a union type over it', () => {
    const output = generate(
      record('Light', [
        field('color', {
          type: 'enum',
          name: 'Color',
          doc: 'A colour.',
          symbols: ['RED', 'GREEN'],
        }),
      ]),
    );
    expect(output).toContain('readonly color: Color;');
    expect(output).toContain(
      [
        '/** The symbols of {@link Color}, in schema order. */',
        "export const COLOR_VALUES = ['RED', 'GREEN'] as const;",
        '',
        '/** A colour. */',
        'export type Color = (typeof COLOR_VALUES)[number];',
      ].join('\n'),
    );
  });

  it('declares a nested record after its parent and refers to it by name', () => {
    const output = generate(
      record('Outer', [field('inner', record('Inner', [field('id', 'string')]))]),
    );
    expect(output).toContain('readonly inner: Inner;');
    expect(output.indexOf('export interface Outer')).toBeLessThan(
      output.indexOf('export interface Inner'),
    );
  });

  it('makes arrays and maps read-only, with parentheses around nullable items', () => {
    const output = generate(
      record('Collections', [
        field('tags', { type: 'array', items: 'string' }),
        field('gaps', { type: 'array', items: ['null', 'double'] }),
        field('rows', { type: 'array', items: { type: 'map', values: ['null', 'string'] } }),
        field('labels', { type: 'map', values: 'string' }),
        field('maybeLabels', ['null', { type: 'map', values: 'long' }], { default: null }),
      ]),
    );
    expect(output).toContain('readonly tags: readonly string[];');
    expect(output).toContain('readonly gaps: readonly (number | null)[];');
    expect(output).toContain('readonly rows: readonly Readonly<Record<string, string | null>>[];');
    expect(output).toContain('readonly labels: Readonly<Record<string, string>>;');
    expect(output).toContain('readonly maybeLabels: Readonly<Record<string, number>> | null;');
  });

  it('resolves a reference to a type defined earlier in the same file, by short or full name', () => {
    const output = generate(
      record(
        'Pair',
        [
          field('left', record('Side', [field('id', 'string')])),
          field('right', 'Side'),
          field('other', 'io.test.Side'),
        ],
        { namespace: 'io.test' },
      ),
    );
    expect(output).toContain('readonly right: Side;');
    expect(output).toContain('readonly other: Side;');
  });

  it('declares a type inlined identically in several files once', () => {
    const shared = record('Shared', [field('id', 'string')]);
    const output = generate(record('A', [field('s', shared)]), record('B', [field('s', shared)]));
    expect(output.match(/export interface Shared /g)).toHaveLength(1);
  });

  it('wraps a doc longer than a line into a block comment', () => {
    const doc = 'word '.repeat(30).trim();
    const output = generate(record('Long', [field('text', 'string', { doc })]));
    expect(output).toContain(
      `  /**\n   * ${'word '.repeat(19).trim()}\n   * ${'word '.repeat(11).trim()}\n   */`,
    );
  });

  describe('refuses', () => {
    it('a type inlined differently in two files', () => {
      const a = record('A', [field('s', record('Shared', [field('id', 'string')]))]);
      const b = record('B', [field('s', record('Shared', [field('id', 'long')]))]);
      expect(() => generate(a, b)).toThrow('Shared differs from its definition in s0');
    });

    it('a field without a doc', () => {
      const schema = record('NoDoc', [{ name: 'id', type: 'string' }]);
      expect(() => generate(schema)).toThrow('s0 at $.fields.0: "doc" must be a non-empty string');
    });

    it('a union of two non-null types, which TypeScript could not tell apart after decoding', () => {
      const schema = record('Either', [field('value', ['string', 'long'])]);
      expect(() => generate(schema)).toThrow('only unions of null and exactly one other type');
    });

    it('a reference to a type not defined earlier in the file', () => {
      const schema = record('Dangling', [field('other', 'Missing')]);
      expect(() => generate(schema)).toThrow('unknown type "Missing"');
    });

    it('two types with different namespaces but the same TypeScript name', () => {
      const a = record('Thing', [], { namespace: 'io.a' });
      const b = record('Thing', [], { namespace: 'io.b' });
      expect(() => generate(a, b)).toThrow('io.b.Thing and io.a.Thing would both be called Thing');
    });

    it('an enum with repeated symbols', () => {
      const color = { type: 'enum', name: 'Color', doc: 'A colour.', symbols: ['RED', 'RED'] };
      expect(() => generate(record('Light', [field('color', color)]))).toThrow('unique names');
    });
  });
});
