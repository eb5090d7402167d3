import { GroupCommitQueue } from './group-commit.queue';

/** A flush that records what it was given and finishes only when told to. */
function gatedFlush() {
  const flushes: number[][] = [];
  const gates: Array<{ open: () => void; fail: (error: Error) => void }> = [];
  const flush = (items: readonly number[]) =>
    new Promise<void>((resolve, reject) => {
      flushes.push([...items]);
      gates.push({ open: resolve, fail: reject });
    });
  const settled = () => new Promise((resolve) => setImmediate(resolve));
  return { flushes, gates, flush, settled };
}

describe('GroupCommitQueue', () => {
  it('sends the submissions of one tick as one flush', async () => {
    const gated = gatedFlush();
    const queue = new GroupCommitQueue(gated.flush);
    const done = Promise.all([queue.submit(1), queue.submit(2), queue.submit(3)]);
    await gated.settled();
    gated.gates[0]?.open();
    await done;
    expect(gated.flushes).toEqual([[1, 2, 3]]);
  });

  it('holds what arrives during a flush and sends it together next, in order', async () => {
    const gated = gatedFlush();
    const queue = new GroupCommitQueue(gated.flush);
    const first = queue.submit(1);
    await gated.settled();
    const later = [queue.submit(2), queue.submit(3)];
    await gated.settled();
    expect(gated.flushes).toEqual([[1]]);
    gated.gates[0]?.open();
    await first;
    await gated.settled();
    gated.gates[1]?.open();
    await Promise.all(later);
    expect(gated.flushes).toEqual([[1], [2, 3]]);
  });

  it('retries the submissions of a failed shared flush one by one, so only the bad one fails', async () => {
    const flushes: number[][] = [];
    const queue = new GroupCommitQueue<number>((items) => {
      flushes.push([...items]);
      return items.includes(2) ? Promise.reject(new Error('refused: 2')) : Promise.resolve();
    });
    const outcomes = await Promise.allSettled([queue.submit(1), queue.submit(2), queue.submit(3)]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(flushes).toEqual([[1, 2, 3], [1], [2], [3]]);
  });

  it('fails a whole shared flush at once when the error is not one submission’s fault', async () => {
    const flushes: number[][] = [];
    const queue = new GroupCommitQueue<number>(
      (items) => {
        flushes.push([...items]);
        return Promise.reject(new Error('broker unreachable'));
      },
      () => false,
    );
    const outcomes = await Promise.allSettled([queue.submit(1), queue.submit(2)]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    expect(flushes).toEqual([[1, 2]]);
  });

  it('fails exactly the submissions of the failed flush, and keeps serving', async () => {
    const gated = gatedFlush();
    const queue = new GroupCommitQueue(gated.flush);
    const first = queue.submit(1);
    await gated.settled();
    const second = queue.submit(2);
    gated.gates[0]?.fail(new Error('broker down'));
    await expect(first).rejects.toThrow('broker down');
    await gated.settled();
    gated.gates[1]?.open();
    await expect(second).resolves.toBeUndefined();
    const third = queue.submit(3);
    await gated.settled();
    gated.gates[2]?.open();
    await third;
    expect(gated.flushes).toEqual([[1], [2], [3]]);
  });
});
