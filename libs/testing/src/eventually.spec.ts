import { eventually } from './eventually';
import { uniqueId } from './unique-id';

describe('eventually', () => {
  it('returns the first successful value', async () => {
    let calls = 0;
    const value = await eventually(
      () => {
        calls += 1;
        if (calls < 3) throw new Error('not yet');
        return 'ready';
      },
      { intervalMs: 1 },
    );

    expect([value, calls]).toEqual(['ready', 3]);
  });

  it('fails with the description and the last error once the deadline passes', async () => {
    const attempt = eventually(() => Promise.reject(new Error('still empty')), {
      timeoutMs: 30,
      intervalMs: 5,
      description: 'the prediction to be stored',
    });

    await expect(attempt).rejects.toThrow(
      'timed out waiting for the prediction to be stored: still empty',
    );
  });
});

describe('uniqueId', () => {
  it('makes distinct names valid for topics, tables and buckets', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => uniqueId('it')));

    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^it-[a-z0-9]+$/);
  });
});
