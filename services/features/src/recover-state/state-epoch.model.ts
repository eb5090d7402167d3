/**
 * The state epoch: a single key in Redis, written once the window state has been built (or
 * found to need nothing) from the topics, naming what it covers. Every window script checks it,
 * so a state that Redis lost (restart without persistence, FLUSHALL, failover to an empty
 * replica) is noticed by the first batch, and no batch runs against a half-built one.
 */
export interface StateEpoch {
  /** Random; batches run against it, and a new build makes a new one. */
  readonly id: string;
  /**
   * `initialised`: nothing the group had consumed is retained (a new deployment, a new prefix or
   * feature-set version with empty topics): there was nothing to rebuild. `rebuilt`: the state
   * was restored from the retained topics (a state reset, counted).
   */
  readonly kind: 'initialised' | 'rebuilt';
  /** Wall-clock time of the build, ISO-8601. */
  readonly builtAt: string;
  /**
   * Per input partition (`topic:partition`), the offset the state covers up to, exclusive: the
   * group's committed offset when it was built (records from there on are the live stage's).
   */
  readonly covers: Readonly<Record<string, string>>;
  /** Records applied by the build (transactions and labels). */
  readonly records: number;
}

/** What a build of the state made of the topics; the guard turns it into an epoch. */
export type BuiltState = Pick<StateEpoch, 'kind' | 'covers' | 'records'>;

/** Builds the window state from the retained topics, writing only while no epoch exists. */
export interface StateBuilder {
  /** Rejects when `signal` aborts (the lease was lost, the service stops); nothing is published. */
  build(signal: AbortSignal): Promise<BuiltState>;
}

/**
 * The port in front of the epoch and of the rebuild lease: one replica at a time rebuilds (the
 * state is shared by every replica: a terminal's window holds events of all partitions).
 */
export interface StateEpochStore {
  /** The epoch, or undefined when there is none (state lost, or never built). */
  current(): Promise<StateEpoch | undefined>;
  /** Only the epoch's id ('' when there is none): the readiness probe's one cheap read. */
  currentId(): Promise<string>;
  /** Takes the rebuild lease for `leaseMs` if no one holds it. */
  acquire(owner: string, leaseMs: number): Promise<boolean>;
  /** Extends the lease; false when `owner` no longer holds it. */
  renew(owner: string, leaseMs: number): Promise<boolean>;
  /** Writes the epoch and drops the lease, atomically, only while `owner` holds the lease. */
  publish(owner: string, epoch: StateEpoch): Promise<boolean>;
  /** Drops the lease if `owner` holds it. */
  release(owner: string): Promise<void>;
}
