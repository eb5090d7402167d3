import { HEADERS, topicName, valueSubject } from '@rtml/contracts';
import { labelFixture } from '@rtml/contracts/testing';
import type { Label } from '@rtml/contracts';
import { AppError } from '@rtml/errors';
import { StageTestDriver } from '../testing';
import type { StageDefinition, StageTopic } from './stage.definition';

const PREFIX = 'unit';
const INPUT = topicName('labels', PREFIX);
const OUTPUT: StageTopic = {
  topic: topicName('labels', `${PREFIX}-out`),
  subject: valueSubject('labels', PREFIX),
};

/** A toy stage: labels in; each label out again, unless its id says otherwise. */
function echoStage(codec: { decode(buffer: Buffer): Promise<unknown> }): StageDefinition<Label> {
  return {
    name: 'echo',
    async parse(record) {
      if (record.value === null) throw new AppError('UNDECODABLE', 'no value');
      const value = (await codec.decode(record.value)) as Label;
      if (value.eventId === 'registry-down')
        throw new AppError('DEPENDENCY_UNAVAILABLE', 'registry unreachable');
      return value;
    },
    async process(batch, out) {
      for (const item of batch.items) {
        if (item.value.eventId === 'reject-me') {
          out.reject(item, new AppError('OUT_OF_RANGE', 'rejected while processing'));
          continue;
        }
        const padding = item.value.eventId === 'huge' ? 'x'.repeat(1_200_000) : '';
        out.emit(item, {
          to: OUTPUT,
          key: item.value.customerId,
          value: { ...item.value, terminalId: item.value.terminalId + padding },
          eventId: item.value.eventId,
        });
      }
    },
  };
}

describe('StageRunner, through the broker-free test driver', () => {
  const driver = new StageTestDriver(echoStage, { prefix: PREFIX });
  const label = (eventId: string) =>
    driver.avro(valueSubject('labels', PREFIX), { ...labelFixture, eventId });

  it('emits every output in source order, with the event id and trace id headers and no others', async () => {
    const result = await driver.pipe(INPUT, [
      { key: 'c1', value: await label('a'), headers: { [HEADERS.traceId]: 'trace-a' } },
      { key: 'c1', value: await label('b') },
    ]);

    const outputs = result.outputs<Label>(OUTPUT.topic);
    expect(outputs.map((output) => output.value.eventId)).toEqual(['a', 'b']);
    expect(outputs[0]?.headers).toEqual({
      [HEADERS.eventId]: 'a',
      [HEADERS.traceId]: 'trace-a',
    });
    expect(outputs[1]?.headers).toEqual({ [HEADERS.eventId]: 'b' });
    expect(result.deadLetters).toEqual([]);
  });

  it('dead-letters a record invalid on its own, with where it came from, and lets the rest through', async () => {
    const result = await driver.pipe(INPUT, [
      { key: 'c1', value: await label('first') },
      { key: 'c1', value: Buffer.from('not avro') },
      { key: 'c1', value: await label('reject-me') },
      { key: 'c1', value: await label('last') },
    ]);

    expect(result.records.map((record) => record.topic)).toEqual([
      OUTPUT.topic,
      topicName('deadLetters', PREFIX),
      topicName('deadLetters', PREFIX),
      OUTPUT.topic,
    ]);
    const [undecodable, rejected] = result.deadLetters;
    expect(undecodable).toMatchObject({
      errorCode: 'UNDECODABLE',
      originalTopic: INPUT,
      service: 'echo',
    });
    expect(rejected).toMatchObject({
      errorCode: 'OUT_OF_RANGE',
      reason: 'rejected while processing',
    });
    expect(Number(rejected?.originalOffset)).toBe(Number(undecodable?.originalOffset) + 1);
  });

  it('fails the whole batch when a dependency is down, so it is retried rather than dead-lettered', async () => {
    const batch = [
      { key: 'c1', value: await label('fine') },
      { key: 'c1', value: await label('registry-down') },
    ];

    await expect(driver.pipe(INPUT, batch)).rejects.toMatchObject({
      code: 'DEPENDENCY_UNAVAILABLE',
      retriable: true,
    });
  });

  it('turns an output the broker could never accept into a dead letter of its source', async () => {
    const result = await driver.pipe(INPUT, [
      { key: 'c1', value: await label('huge') },
      { key: 'c1', value: await label('after') },
    ]);

    const [letter] = result.deadLetters;
    expect(letter).toMatchObject({ errorCode: 'RECORD_TOO_LARGE', originalTopic: INPUT });
    expect(letter?.reason).toMatch(/over the 1000000-byte record limit/);
    expect(result.outputs<Label>(OUTPUT.topic).map((o) => o.value.eventId)).toEqual(['after']);
  });

  it('bounds the dead letter of an oversized record with thousands of field errors', async () => {
    const fields = Array.from({ length: 30_000 }, (_, i) => ({
      path: `unknown${i}`,
      message: 'is not a field of RawEvent',
    }));
    const value = Buffer.alloc(938_000, 'a');
    const stage: StageDefinition<never> = {
      name: 'strict',
      parse: () => {
        throw new AppError(
          'SCHEMA_INVALID',
          fields.map((f) => `${f.path} ${f.message}`).join('; '),
          {
            details: { fields },
          },
        );
      },
      process: async () => undefined,
    };
    const strict = new StageTestDriver(() => stage, { prefix: PREFIX });

    const result = await strict.pipe(INPUT, [{ key: 'c1', value }]);

    const [record] = result.records;
    expect(record?.value?.length).toBeLessThan(64 * 1024);
    const [letter] = result.deadLetters;
    expect(letter?.originalValue?.length).toBe(4 * 1024);
    expect(letter?.originalValueSize).toBe(938_000);
    expect(letter?.originalValueSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(letter?.details).toHaveLength(32);
    expect(letter?.detailsOmitted).toBe(30_000 - 32);
    expect(letter?.reason.length).toBeLessThan(1_100);
  });
});
