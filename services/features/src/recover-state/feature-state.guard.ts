import { randomUUID } from 'node:crypto';
import { AppError } from '@rtml/errors';
import { backoffDelay } from '@rtml/kafka';
import type { BackoffOptions } from '@rtml/kafka';
import type { Logger, PipelineMetrics } from '@rtml/observability';
import type { FeatureStateGate } from '../update-features/update-features.stage';
import { StateEpochChanged } from '../update-features/window-store.model';
import type { StateBuilder, StateEpoch, StateEpochStore } from './state-epoch.model';

export interface FeatureStateGuardParts {
  readonly epochs: StateEpochStore;
  readonly builder: StateBuilder;
  readonly metrics?: PipelineMetrics;
  readonly logger?: Logger;
}

export interface FeatureStateGuardOptions {
  /** How long a batch waits for a rebuild before it fails (retriably); far below the session timeout. */
  readonly holdMs?: number;
  /** The rebuild lease; renewed every third of it, so a crashed rebuilder is replaced this fast. */
  readonly leaseMs?: number;
  /** How often a replica waiting for another's rebuild looks for its epoch. */
  readonly pollMs?: number;
  readonly retry?: BackoffOptions;
}

const DEFAULTS = {
  holdMs: 5_000,
  leaseMs: 15_000,
  pollMs: 500,
  retry: { initialMs: 200, maxMs: 5_000, multiplier: 2 },
};

/**
 * Keeps the window state whole for this replica: knows the epoch batches run against, notices
 * when Redis holds another one (a batch's script or the readiness probe saw it), and recovers:
 * adopts the epoch Redis holds, or, when there is none, takes the rebuild lease, rebuilds the
 * state from the topics (`StateBuilder`) and publishes a new epoch. Meanwhile batches wait and
 * fail retriably (nothing is emitted or committed) and readiness reports the state.
 *
 * A rebuild that stops half-way (crash, lost lease, shutdown) publishes nothing: the next
 * attempt, here or on another replica, builds again over what is there (every write is
 * idempotent by source offset), and only then is an epoch written.
 */
export class FeatureStateGuard implements FeatureStateGate {
  private readonly options: Required<FeatureStateGuardOptions>;
  private readonly owner = randomUUID();
  private readonly stopping = new AbortController();
  private epoch: string | undefined;
  private recovering = false;
  private recovery: Promise<void> = Promise.resolve();

  constructor(
    private readonly parts: FeatureStateGuardParts,
    options: FeatureStateGuardOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Checks the state at boot: adopts its epoch, or builds it (trivially quick when new). */
  start(): void {
    void this.recover();
  }

  /** Stops a recovery in flight (its lease is released, nothing published). */
  async stop(): Promise<void> {
    this.stopping.abort(new Error('the service is stopping'));
    await this.recovery;
  }

  async current(): Promise<string> {
    if (this.epoch !== undefined) return this.epoch;
    await waitAtMost(this.recover(), this.options.holdMs);
    if (this.epoch !== undefined) return this.epoch;
    throw new AppError('DEPENDENCY_UNAVAILABLE', 'the feature state is being rebuilt', {
      details: { state: 'rebuilding' },
    });
  }

  changed(error: StateEpochChanged): void {
    if (this.epoch === undefined || this.epoch !== error.expected) return; // known already
    this.epoch = undefined;
    this.parts.logger?.warn(
      { expectedEpoch: error.expected, foundEpoch: error.found },
      error.found === ''
        ? 'the feature state is gone from Redis: holding the stage and rebuilding it'
        : 'the feature state was rebuilt by another replica: adopting its epoch',
    );
    void this.recover();
  }

  /** Readiness: the state is whole, and Redis still holds the epoch batches run against. */
  async probe(): Promise<void> {
    const epoch = this.epoch;
    if (epoch === undefined)
      throw new Error(this.recovering ? 'the feature state is being rebuilt' : 'not checked yet');
    const found = await this.parts.epochs.currentId();
    if (found === epoch) return;
    this.changed(new StateEpochChanged(epoch, found));
    throw new Error('the feature state epoch changed; recovering');
  }

  private recover(): Promise<void> {
    if (!this.recovering) {
      this.recovering = true;
      this.recovery = this.recoverUntilWhole();
    }
    return this.recovery;
  }

  private async recoverUntilWhole(): Promise<void> {
    try {
      for (let failures = 0; this.epoch === undefined && !this.stopping.signal.aborted;) {
        try {
          // The loop's condition, not a return, ends it: a change seen while this attempt was
          // finishing starts the next one.
          if (!(await this.tryOnce())) await this.pause(this.options.pollMs);
        } catch (error) {
          const delayMs = backoffDelay(failures++, this.options.retry);
          this.parts.logger?.warn(
            { err: error, delayMs },
            'feature state recovery failed; retrying',
          );
          await this.pause(delayMs);
        }
      }
    } finally {
      this.recovering = false; // in the same step as the loop's last check
    }
  }

  /** True once the state is whole; false when another replica is rebuilding it. */
  private async tryOnce(): Promise<boolean> {
    const { epochs } = this.parts;
    const found = await epochs.current();
    if (found === undefined) {
      if (!(await epochs.acquire(this.owner, this.options.leaseMs))) return false;
      const built = await this.rebuildUnderLease();
      if (built === undefined) return false;
      this.adopt(built);
    } else this.adopt(found);
    return true;
  }

  private async rebuildUnderLease(): Promise<StateEpoch | undefined> {
    const { epochs, builder, metrics, logger } = this.parts;
    const lease = new AbortController();
    const onStop = () => lease.abort(this.stopping.signal.reason);
    this.stopping.signal.addEventListener('abort', onStop, { once: true });
    const renewal = setInterval(() => {
      epochs.renew(this.owner, this.options.leaseMs).then(
        (held) => held || lease.abort(new Error('the rebuild lease was lost')),
        () => undefined, // Redis away for a moment: the lease outlives two missed renewals
      );
    }, this.options.leaseMs / 3);
    const started = Date.now();
    try {
      logger?.info({}, 'no feature state epoch in Redis: building the state from the topics');
      const built = await builder.build(lease.signal);
      if (lease.signal.aborted) return undefined;
      const epoch: StateEpoch = { id: randomUUID(), builtAt: new Date().toISOString(), ...built };
      if (!(await epochs.publish(this.owner, epoch))) return undefined;
      if (epoch.kind === 'rebuilt') metrics?.stateResets.inc();
      metrics?.stageDuration.observe({ stage: 'rebuild' }, (Date.now() - started) / 1000);
      logger?.[epoch.kind === 'rebuilt' ? 'warn' : 'info'](
        { epoch: epoch.id, kind: epoch.kind, records: epoch.records, ms: Date.now() - started },
        epoch.kind === 'rebuilt' ? 'feature state rebuilt; resuming' : 'feature state initialised',
      );
      return epoch;
    } finally {
      clearInterval(renewal);
      this.stopping.signal.removeEventListener('abort', onStop);
      await epochs.release(this.owner).catch(() => undefined);
    }
  }

  private adopt(epoch: StateEpoch): void {
    this.epoch = epoch.id;
    this.parts.logger?.info({ epoch: epoch.id, builtAt: epoch.builtAt }, 'feature state is whole');
  }

  private pause(ms: number): Promise<void> {
    return waitAtMost(new Promise(() => undefined), ms, this.stopping.signal);
  }
}

/** Resolves when `work` settles or after `ms` (or on `signal`), whichever comes first. */
function waitAtMost(work: Promise<unknown>, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    void work.then(done, done);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
