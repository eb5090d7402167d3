interface Waiting<T> {
  readonly item: T;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: submissions that arrive while a flush is in flight wait, then go out together in
 * the next flush, in submission order. Each submission settles with the flush that carried it.
 * When a shared flush fails with an error that `retryAlone` says may be one submission's fault
 * (a record the broker refuses), each submission is flushed again on its own, in order, so the
 * bad one fails alone instead of failing every batch it happened to travel with. A transient
 * error (the broker unreachable) fails them all at once: alone they would only fail slower.
 * Part of a failed shared flush may have been written already, and is written again by the
 * retries: at-least-once, like any redelivery (every consumer dedupes by event id).
 *
 * Why: the idempotent producer keeps one request in flight per broker, and a consumer commits
 * after every batch, so with several partitions processed at once their publishes and commits
 * queued behind each other one round trip at a time. Merged, N partitions' batches share one
 * produce request and one offset commit.
 */
export class GroupCommitQueue<T> {
  private waiting: Waiting<T>[] = [];
  private flushing = false;

  constructor(
    private readonly flush: (items: readonly T[]) => Promise<void>,
    private readonly retryAlone: (error: unknown) => boolean = () => true,
  ) {}

  submit(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.flushing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.flushing = true;
    // Let the submissions of the current tick join the first flush.
    await Promise.resolve();
    while (this.waiting.length > 0) {
      const group = this.waiting.splice(0);
      try {
        await this.flush(group.map((waiting) => waiting.item));
        group.forEach((waiting) => waiting.resolve());
      } catch (error) {
        if (group.length > 1 && this.retryAlone(error)) {
          for (const waiting of group) await this.flushAlone(waiting);
        } else {
          group.forEach((waiting) => waiting.reject(error));
        }
      }
    }
    this.flushing = false;
  }

  private async flushAlone(waiting: Waiting<T>): Promise<void> {
    try {
      await this.flush([waiting.item]);
      waiting.resolve();
    } catch (error) {
      waiting.reject(error);
    }
  }
}
