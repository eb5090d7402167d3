/** What the attempt counter of a delivery allows. */
export type AttemptClaim =
  /**
   * Attempt number `attempt` (from 1) is counted: make it. `resumed`: this very claim (same
   * token) was counted by an earlier request whose answer never came back, not a new count.
   */
  | { readonly kind: 'granted'; readonly attempt: number; readonly resumed?: boolean }
  /** An earlier attempt was answered 2xx: nothing more to do. */
  | { readonly kind: 'delivered' }
  /**
   * No attempt is left: `maxAttempts` were counted, or an answer said asking again cannot help.
   * What the last attempt got comes along, for the dead letter.
   */
  | {
      readonly kind: 'closed';
      readonly attempts: number;
      readonly lastStatus?: number;
      readonly lastError?: string;
    };

/** What an attempt got, and whether it settled the delivery. */
export interface AttemptResult {
  readonly status?: number;
  readonly error?: string;
  /** `delivered`: 2xx; `refused`: an answer that will not change (see `outcomeOf`). */
  readonly settled?: 'delivered' | 'refused';
}

/**
 * The port in front of the durable attempt counters, one per delivery id, shared by every
 * replica and kept across restarts.
 *
 * The contract that bounds the attempts: `claim` counts an attempt BEFORE it is made, atomically
 * and only while fewer than `maxAttempts` are counted. A crash between the call and the Kafka
 * commit then replays a delivery whose attempt is already counted, so replays, rebalances and
 * duplicate records never add attempts; at worst a crash between the claim and the call loses
 * one (at most `maxAttempts`, never more).
 *
 * A claim carries a `token`, unique to one claim of one worker process: asking again with the
 * same token after a request that timed out (the write may still have been applied, as when a
 * frozen server wakes up and works through what it held) gets the same attempt back, marked
 * `resumed`, instead of counting another. So a dependency blip costs no attempt; the worker,
 * which knows whether it already made the call for that token, decides whether to make it.
 */
export abstract class DeliveryAttemptStore {
  abstract claim(deliveryId: string, maxAttempts: number, token: string): Promise<AttemptClaim>;
  /** Records what attempt `claim` granted got; a lost record only costs an attempt. */
  abstract record(deliveryId: string, result: AttemptResult): Promise<void>;
}
