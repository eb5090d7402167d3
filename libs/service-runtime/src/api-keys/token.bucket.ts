/** Milliseconds since the epoch; injected so tests control time. */
export type Clock = () => number;

/**
 * A token bucket: holds at most `burst` tokens, refilled at `rate` per second. `take` either
 * pays `cost` now (returns 0) or pays nothing and returns how many milliseconds until it could.
 * A cost above `burst` can never be paid at once; it is clamped to `burst` so the caller waits
 * for a full bucket instead of forever.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    private readonly clock: Clock,
  ) {
    this.tokens = burst;
    this.updatedAt = clock();
  }

  take(cost: number): number {
    const now = this.clock();
    const elapsed = Math.max(0, now - this.updatedAt);
    this.tokens = Math.min(this.burst, this.tokens + (elapsed / 1000) * this.rate);
    this.updatedAt = now;
    const needed = Math.min(cost, this.burst);
    if (this.tokens >= needed) {
      this.tokens -= needed;
      return 0;
    }
    return ((needed - this.tokens) / this.rate) * 1000;
  }
}
