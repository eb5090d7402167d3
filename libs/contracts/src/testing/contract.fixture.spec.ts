import { Type } from 'avsc';
import type { AvroRecordSchema } from '../avro-schema.types';
import type { TopicId } from '../topic.types';
import { TOPIC_IDS, TOPICS } from '../topics.catalog';
import { CONTRACT_FIXTURES } from './contract.fixture';

type AvscSchema = Parameters<typeof Type.forSchema>[0];

// avsc types schemas with mutable arrays; ours are read-only constants, and avsc does not
// modify the schema it is given.
const avroType = (schema: AvroRecordSchema): Type => Type.forSchema(schema as AvscSchema);

const invalidPaths = (type: Type, value: unknown): string[] => {
  const paths: string[] = [];
  type.isValid(value, {
    noUndeclaredFields: true,
    errorHook: (path) => paths.push(path.join('.') || '(root)'),
  });
  return paths;
};

const cases = TOPIC_IDS.flatMap((id: TopicId) =>
  CONTRACT_FIXTURES[id].map((fixture, index) => ({ id, index, fixture })),
);

describe('contract fixtures', () => {
  it('cover every topic', () => {
    expect(Object.keys(CONTRACT_FIXTURES).sort()).toEqual([...TOPIC_IDS].sort());
    for (const id of TOPIC_IDS) expect(CONTRACT_FIXTURES[id].length).toBeGreaterThan(0);
  });

  it.each(cases)('$id fixture $index is valid against its Avro schema', ({ id, fixture }) => {
    expect(invalidPaths(avroType(TOPICS[id].valueSchema), fixture)).toEqual([]);
  });

  it.each(cases)('$id fixture $index round-trips through Avro binary', ({ id, fixture }) => {
    const type = avroType(TOPICS[id].valueSchema);
    expect(type.fromBuffer(type.toBuffer(fixture))).toEqual(fixture);
  });

  it('reports the path of a value that breaks its schema', () => {
    const type = avroType(TOPICS.predictions.valueSchema);
    const [prediction] = CONTRACT_FIXTURES.predictions;
    const broken = { ...prediction, timings: { ...prediction?.timings, scoredAt: 'soon' } };
    expect(invalidPaths(type, broken)).toEqual(['timings.scoredAt']);
  });
});
