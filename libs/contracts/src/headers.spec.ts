import { CONTENT_TYPES, HEADERS } from './headers';

describe('the Kafka header names', () => {
  const names = Object.values(HEADERS);

  it('are distinct', () => {
    expect(new Set(names).size).toBe(names.length);
  });

  it('share the rtml- prefix and are lower-case kebab-case', () => {
    for (const name of names) expect(name).toMatch(/^rtml-[a-z]+(-[a-z]+)*$/);
  });

  it('cover where a dead letter came from and why it failed', () => {
    expect(names).toEqual(
      expect.arrayContaining([
        'rtml-source-topic',
        'rtml-source-partition',
        'rtml-source-offset',
        'rtml-error-code',
        'rtml-error-reason',
        'rtml-service',
      ]),
    );
  });

  it('distinguish JSON from Avro raw events', () => {
    expect(CONTENT_TYPES.json).not.toBe(CONTENT_TYPES.avro);
  });
});
