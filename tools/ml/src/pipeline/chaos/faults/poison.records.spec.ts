import { oversizedJson, poisonId } from './poison.records';

describe('the poison records', () => {
  it('makes the oversized value a JSON event of about 938 KB with 30,000 unknown keys', () => {
    const value = oversizedJson(poisonId('oversized', 'rawEvents'), 1_700_000_000_000);
    const parsed = JSON.parse(value.toString('utf8')) as Record<string, unknown>;
    const unknown = Object.keys(parsed).filter((key) => /^k\d{5}$/.test(key));
    expect(unknown).toHaveLength(30_000);
    expect(value.length).toBeGreaterThan(900_000);
    // Under the broker's 1 MiB record limit as produced; its dead letter, carrying it, may not be.
    expect(value.length).toBeLessThan(1_048_576 - 10_000);
    expect(parsed).toMatchObject({
      eventId: 'chaos-poison-oversized-rawEvents',
      kind: 'TRANSACTION',
    });
  });

  it('names each poison record by kind and topic, under the prefix the tallies leave out', () => {
    expect(poisonId('schema-invalid', 'labels')).toBe('chaos-poison-schema-invalid-labels');
  });
});
