import { PipelineMetrics } from '@rtml/observability';
import { StateEpochChanged } from '../update-features/window-store.model';
import { FeatureStateGuard } from './feature-state.guard';
import type { BuiltState, StateBuilder, StateEpoch, StateEpochStore } from './state-epoch.model';

/** The epoch and the lease as Redis keeps them, in memory. */
class MemoryEpochs implements StateEpochStore {
  epoch: StateEpoch | undefined;
  lease: string | undefined;
  published = 0;

  current = async () => this.epoch;
  currentId = async () => this.epoch?.id ?? '';
  async acquire(owner: string) {
    if (this.lease !== undefined) return false;
    this.lease = owner;
    return true;
  }
  renew = async (owner: string) => this.lease === owner;
  async publish(owner: string, epoch: StateEpoch) {
    if (this.lease !== owner) return false;
    this.epoch = epoch;
    this.lease = undefined;
    this.published += 1;
    return true;
  }
  async release(owner: string) {
    if (this.lease === owner) this.lease = undefined;
  }
}

/** A build that finishes when the test says so, or fails. */
class ControlledBuilder implements StateBuilder {
  builds = 0;
  private finish: ((built: BuiltState) => void) | undefined;
  private fail: ((error: Error) => void) | undefined;

  build(signal: AbortSignal): Promise<BuiltState> {
    this.builds += 1;
    return new Promise((resolve, reject) => {
      this.finish = resolve;
      this.fail = reject;
      signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
    });
  }
  succeed(built: Partial<BuiltState> = {}) {
    this.finish?.({ kind: 'rebuilt', covers: { 'transactions:0': '40' }, records: 40, ...built });
  }
  crash() {
    this.fail?.(new Error('the process died mid-build'));
  }
}

const epoch = (id: string): StateEpoch => ({
  id,
  kind: 'rebuilt',
  builtAt: '2026-12-01T00:00:00.000Z',
  covers: {},
  records: 1,
});

const FAST = {
  holdMs: 50,
  pollMs: 5,
  leaseMs: 1_000,
  retry: { initialMs: 1, maxMs: 1, multiplier: 1 },
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
const resets = async (metrics: PipelineMetrics) =>
  (await metrics.stateResets.get()).values[0]?.value ?? 0;

describe('the feature state guard', () => {
  let epochs: MemoryEpochs;
  let builder: ControlledBuilder;
  let metrics: PipelineMetrics;
  let guard: FeatureStateGuard;

  beforeEach(() => {
    epochs = new MemoryEpochs();
    builder = new ControlledBuilder();
    metrics = new PipelineMetrics('features');
    guard = new FeatureStateGuard({ epochs, builder, metrics }, FAST);
  });
  afterEach(() => guard.stop());

  it('adopts the epoch Redis holds at boot, builds nothing and is ready', async () => {
    epochs.epoch = epoch('e-1');

    guard.start();

    await expect(guard.current()).resolves.toBe('e-1');
    await expect(guard.probe()).resolves.toBeUndefined();
    expect(builder.builds).toBe(0);
  });

  it('initialises an empty deployment without counting a reset', async () => {
    guard.start();
    await settle();
    builder.succeed({ kind: 'initialised', covers: {}, records: 0 });

    const id = await guard.current();

    expect(epochs.epoch).toMatchObject({ id, kind: 'initialised' });
    expect(await resets(metrics)).toBe(0);
  });

  it('holds batches while the state is rebuilt, fails them retriably past the hold, then gives them the new epoch and counts the reset', async () => {
    epochs.epoch = epoch('e-1');
    guard.start();
    await guard.current();
    epochs.epoch = undefined; // Redis restarted empty

    guard.changed(new StateEpochChanged('e-1', ''));
    const held = await guard.current().catch((error: unknown) => error);
    const probe = await guard.probe().catch((error: unknown) => error);
    builder.succeed();
    const resumed = await guard.current();

    expect(held).toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', retriable: true });
    expect(probe).toEqual(new Error('the feature state is being rebuilt'));
    expect(resumed).not.toBe('e-1');
    expect((await epochs.current())?.id).toBe(resumed);
    expect(epochs.lease).toBeUndefined();
    expect(await resets(metrics)).toBe(1);
  });

  it('notices a lost state from the readiness probe alone', async () => {
    epochs.epoch = epoch('e-1');
    guard.start();
    await guard.current();
    epochs.epoch = undefined;

    await expect(guard.probe()).rejects.toThrow('the feature state epoch changed; recovering');
    await settle();

    expect(builder.builds).toBe(1);
  });

  it('publishes nothing when a build stops half-way, and builds again until one completes', async () => {
    guard.start();
    await settle();

    builder.crash();
    await settle();
    const afterCrash = { epoch: epochs.epoch, lease: epochs.lease, builds: builder.builds };
    builder.succeed();
    await guard.current();

    expect(afterCrash).toEqual({ epoch: undefined, lease: expect.any(String), builds: 2 });
    expect(epochs.published).toBe(1);
  });

  it('waits for the replica holding the lease and adopts the epoch it publishes, without building', async () => {
    epochs.lease = 'another-replica';
    guard.start();
    await settle();
    const whileWaiting = await guard.current().catch((error: unknown) => error);

    epochs.epoch = epoch('e-2');
    epochs.lease = undefined;

    await expect(guard.current()).resolves.toBe('e-2');
    expect(whileWaiting).toMatchObject({ retriable: true });
    expect(builder.builds).toBe(0);
  });

  it('adopts an epoch another replica rebuilt when a batch finds it, without building', async () => {
    epochs.epoch = epoch('e-1');
    guard.start();
    await guard.current();
    epochs.epoch = epoch('e-2');

    guard.changed(new StateEpochChanged('e-1', 'e-2'));

    await expect(guard.current()).resolves.toBe('e-2');
    expect(builder.builds).toBe(0);
  });

  it('ignores a change seen by a batch that ran against an older epoch than the current one', async () => {
    epochs.epoch = epoch('e-2');
    guard.start();
    await guard.current();

    guard.changed(new StateEpochChanged('e-1', 'e-2'));

    await expect(guard.current()).resolves.toBe('e-2');
    await expect(guard.probe()).resolves.toBeUndefined();
  });

  it('on stop abandons the build and releases the lease', async () => {
    guard.start();
    await settle();

    await guard.stop();

    expect(epochs.epoch).toBeUndefined();
    expect(epochs.lease).toBeUndefined();
  });
});
