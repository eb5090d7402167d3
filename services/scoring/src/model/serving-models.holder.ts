import type { ModelRole, ServingModel } from './serving-model.model';

/** The models one batch scores with, fixed for the whole batch. */
export interface ModelLease {
  readonly champion: ServingModel;
  readonly challenger: ServingModel | undefined;
  /** Ends the lease (idempotent): a model replaced meanwhile is released once nobody holds it. */
  release(): void;
}

interface Slot {
  readonly model: ServingModel;
  leases: number;
  retired: boolean;
  released: boolean;
}

type ReleaseFailure = (model: ServingModel, error: unknown) => void;

/**
 * The models serving now, by role. A batch takes a lease at its start and scores with exactly
 * those models, so a swap lands between batches: no event is scored by half of a change, and each
 * prediction names the version that scored it. A replaced model keeps its native session until
 * the last batch holding it ends, then it is released.
 */
export class ServingModels {
  private readonly slots = new Map<ModelRole, Slot>();
  private readonly releasing = new Set<Promise<void>>();
  private waiters: Array<() => void> = [];

  constructor(private readonly onReleaseFailure: ReleaseFailure = () => undefined) {}

  current(role: ModelRole): ServingModel | undefined {
    return this.slots.get(role)?.model;
  }

  /** Serves `model` in `role` from the next lease on; returns the model it replaced, if any. */
  install(role: ModelRole, model: ServingModel): ServingModel | undefined {
    const previous = this.slots.get(role);
    this.slots.set(role, { model, leases: 0, retired: false, released: false });
    if (previous !== undefined) this.retire(previous);
    if (role === 'champion') this.wakeWaiters();
    return previous?.model;
  }

  /** Stops serving the role; returns the model that served it, if any. */
  remove(role: ModelRole): ServingModel | undefined {
    const previous = this.slots.get(role);
    if (previous === undefined) return undefined;
    this.slots.delete(role);
    this.retire(previous);
    return previous.model;
  }

  /** The models to score a batch with, or undefined while no champion is loaded. */
  lease(): ModelLease | undefined {
    const champion = this.slots.get('champion');
    if (champion === undefined) return undefined;
    const challenger = this.slots.get('challenger');
    const held = challenger === undefined ? [champion] : [champion, challenger];
    for (const slot of held) slot.leases += 1;
    let released = false;
    return {
      champion: champion.model,
      challenger: challenger?.model,
      release: () => {
        if (released) return;
        released = true;
        for (const slot of held) {
          slot.leases -= 1;
          this.releaseIfIdle(slot);
        }
      },
    };
  }

  /** A lease as soon as a champion is loaded, or undefined after `timeoutMs` without one. */
  async leaseWithin(timeoutMs: number): Promise<ModelLease | undefined> {
    const now = this.lease();
    if (now !== undefined || timeoutMs <= 0) return now;
    await new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((waiter) => waiter !== wake);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      this.waiters.push(wake);
    });
    return this.lease();
  }

  /** Retires every model and waits for the releases that can happen now (shutdown). */
  async close(): Promise<void> {
    for (const role of [...this.slots.keys()]) this.remove(role);
    this.wakeWaiters();
    await Promise.all([...this.releasing]);
  }

  private retire(slot: Slot): void {
    slot.retired = true;
    this.releaseIfIdle(slot);
  }

  private releaseIfIdle(slot: Slot): void {
    if (!slot.retired || slot.leases > 0 || slot.released) return;
    slot.released = true;
    const releasing = slot.model.scorer
      .release()
      .catch((error: unknown) => this.onReleaseFailure(slot.model, error))
      .finally(() => this.releasing.delete(releasing));
    this.releasing.add(releasing);
  }

  private wakeWaiters(): void {
    for (const wake of [...this.waiters]) wake();
  }
}
