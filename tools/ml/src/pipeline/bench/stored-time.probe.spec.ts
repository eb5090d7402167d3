import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { eventually } from '@rtml/testing';
import type { StoredWindow } from './hop-latency.recorder';
import { StoredTimeProbe } from './stored-time.probe';

/** A table that holds what `stored` names, answering BatchGetItem like DynamoDB. */
function fakeTable(stored: Set<string>, failures = { left: 0 }) {
  const requests: string[][] = [];
  const client = {
    send: async (command: {
      input: { RequestItems: Record<string, { Keys: { eventId: { S: string } }[] }> };
    }) => {
      const ids = (command.input.RequestItems['scores']?.Keys ?? []).map((key) => key.eventId.S);
      requests.push(ids);
      if (failures.left > 0) {
        failures.left -= 1;
        throw new Error('busy');
      }
      const found = ids.filter((id) => stored.has(id)).map((id) => ({ eventId: { S: id } }));
      return { Responses: { scores: found }, UnprocessedKeys: {} };
    },
  } as unknown as DynamoDBClient;
  return { client, requests };
}

const readsAtLeast = (requests: readonly string[][], count: number) =>
  eventually(
    () => {
      if (requests.length < count) throw new Error(`${requests.length} reads`);
    },
    { timeoutMs: 2_000, intervalMs: 1 },
  );

describe('StoredTimeProbe', () => {
  it('times an item between the read that missed it and the read that found it', async () => {
    const stored = new Set<string>();
    const { client, requests } = fakeTable(stored);
    const windows = new Map<string, StoredWindow>();
    const probe = new StoredTimeProbe(client, 'scores', (id, w) => windows.set(id, w), 1);
    const watchedAt = Date.now() - 1_000;
    probe.watch('e1', watchedAt);
    probe.start();
    await readsAtLeast(requests, 2);
    const storedAt = Date.now();
    stored.add('e1');
    await probe.settle(1_000);

    const window = windows.get('e1') as StoredWindow;
    expect(window.after).toBeGreaterThan(watchedAt);
    expect(window.after).toBeLessThanOrEqual(storedAt);
    expect(window.by).toBeGreaterThanOrEqual(storedAt);
    expect(probe.outstanding).toBe(0);
    expect(probe.foundOnFirstRead).toBe(0);
  });

  it('starts the window at the bound it was given when the first read finds the item', async () => {
    const { client } = fakeTable(new Set(['e1']));
    const windows = new Map<string, StoredWindow>();
    const probe = new StoredTimeProbe(client, 'scores', (id, w) => windows.set(id, w), 1);
    probe.watch('e1', 1_234);
    probe.start();
    await probe.settle(1_000);

    expect(windows.get('e1')?.after).toBe(1_234);
    expect(probe.foundOnFirstRead).toBe(1);
  });

  it('reads 100 keys a request, and learns nothing from a failed read', async () => {
    const stored = new Set<string>();
    const { client, requests } = fakeTable(stored, { left: 1 });
    const windows = new Map<string, StoredWindow>();
    const probe = new StoredTimeProbe(client, 'scores', (id, w) => windows.set(id, w), 1);
    for (let i = 0; i < 150; i += 1) probe.watch(`e${i}`, 5);
    probe.start();
    await readsAtLeast(requests, 4);
    for (let i = 0; i < 150; i += 1) stored.add(`e${i}`);
    await probe.settle(1_000);

    expect(requests[0]).toHaveLength(100);
    expect(requests[1]).toHaveLength(50);
    expect(probe.failedReads).toBe(1);
    expect(windows.size).toBe(150);
  });

  it('leaves untimed what it has not found when it settles', async () => {
    const { client } = fakeTable(new Set());
    const probe = new StoredTimeProbe(client, 'scores', () => undefined, 1);
    probe.watch('never', 0);
    probe.start();
    await probe.settle(20);

    expect(probe.outstanding).toBe(1);
  });
});
