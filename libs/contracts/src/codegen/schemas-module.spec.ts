import { generateSchemasModule, schemaConstName } from './schemas-module';

const schema = { type: 'record', name: 'EnrichedEvent', namespace: 'io.test', fields: [] };

describe('generateSchemasModule', () => {
  it('exports each schema as a typed const named after its record', () => {
    const output = generateSchemasModule([{ file: 'enriched-event.avsc', schema }]);
    expect(output).toContain(
      [
        '/** The Avro schema of io.test.EnrichedEvent, from enriched-event.avsc. */',
        'export const ENRICHED_EVENT_SCHEMA = {',
        "  type: 'record',",
        "  name: 'EnrichedEvent',",
        "  namespace: 'io.test',",
        '  fields: [],',
        '} as const satisfies AvroRecordSchema;',
      ].join('\n'),
    );
    expect(output).toContain("import type { AvroRecordSchema } from '../avro-schema.types';");
  });

  it('refuses a schema file not named after its record', () => {
    expect(() => generateSchemasModule([{ file: 'event.avsc', schema }])).toThrow(
      'event.avsc: a schema of EnrichedEvent belongs in enriched-event.avsc',
    );
  });

  it('refuses a top-level type that is not a record', () => {
    expect(() => generateSchemasModule([{ file: 'x.avsc', schema: 'string' }])).toThrow(
      'the top-level type must be a named record',
    );
  });

  it('names constants in screaming snake case', () => {
    expect(schemaConstName('io.rtml.v1.DeadLetter')).toBe('DEAD_LETTER_SCHEMA');
  });
});
