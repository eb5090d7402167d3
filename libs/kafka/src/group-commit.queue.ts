interface Waiting<T> {
  readonly item: T;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: submissions that arrive while a flush is in flight wait, then go out together in
 * the next flush, in submission order. Each submission settles with the flush that carried it.
 *
 * Why: the idempotent producer keeps one request in flight per broker, and a consumer commits
 * after every batch, so with several partitions processed at once their publishes and commits
 * queued behind each other one round trip at a time. Merged, N partitions' batches share one
 * produce request and one offset commit.
 */
export class GroupCommitQueue<T> {
  private waiting: Waiting<T>[] = [];
  private flushing = false;

  constructor(private readonly flush: (items: readonly T[]) => Promise<void>) {}

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
        group.forEach((waiting) => waiting.reject(error));
      }
    }
    this.flushing = false;
  }
}
