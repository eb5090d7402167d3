import { SECONDS_PER_DAY } from '@rtml/feature-engine';
import type { EntityStateRequirement, FeaturePlan } from '@rtml/feature-engine';
import { AppError } from '@rtml/errors';
import { FeatureStateKeys } from './feature-state.keys';
import { encodeRecord } from './window-record.codec';
import type { LabelWrite, TransactionWrite, WindowWrite } from './window-store.model';

/** One call of WINDOW_SCRIPT: its KEYS and its ARGV (see window-store.scripts.ts). */
export interface ScriptCall {
  readonly keys: readonly string[];
  readonly args: readonly (string | Buffer)[];
}

export interface ScriptCallOptions {
  readonly plan: FeaturePlan;
  readonly keyPrefix: string;
  readonly dedupeTtlSeconds: number;
  readonly graceSeconds: number;
  /** Wall clock in epoch milliseconds (tests set it); windows' expiries are pushed back by it. */
  readonly clock?: () => number;
}

/**
 * Turns window writes into calls of the window script: key names and arguments in its layout.
 * Each call carries the state epoch the caller runs against (see window-store.scripts.ts).
 */
export class WindowScriptCalls {
  private readonly keys: FeatureStateKeys;
  private readonly requirements: readonly EntityStateRequirement[];
  private readonly labelled: readonly EntityStateRequirement[];
  /** The entity count, then per entity: horizon, `1` when it holds labels, key TTL, delay. */
  private readonly entitySettings: readonly string[];

  constructor(private readonly options: ScriptCallOptions) {
    this.keys = new FeatureStateKeys(options.keyPrefix, options.plan.featureSet);
    this.requirements = options.plan.stateRequirements;
    this.labelled = this.requirements.filter((r) => r.needsLabels);
    // Idle keys: once event time has moved a horizon (+ grace) past a key's last entry, nothing
    // in it can be counted again; the extra day covers event time lagging wall time.
    this.entitySettings = [
      String(this.requirements.length),
      ...this.requirements.flatMap((r) => [
        String(r.horizonSeconds),
        r.needsLabels ? '1' : '0',
        String(r.horizonSeconds + options.graceSeconds + SECONDS_PER_DAY),
        String(shortestDelaySeconds(options.plan, r.entity)),
      ]),
    ];
  }

  /**
   * One call applying `writes` in order. `readBack` false: transactions are written but their
   * windows are not returned (a rebuild).
   */
  of(writes: readonly WindowWrite[], epoch: string, readBack = true): ScriptCall {
    const keys: string[] = [this.keys.epoch()];
    const args: (string | Buffer)[] = [
      epoch,
      String(this.options.dedupeTtlSeconds),
      String(this.options.graceSeconds),
      readBack ? '1' : '0',
      String(Math.floor((this.options.clock ?? Date.now)() / 1000)),
      ...this.entitySettings,
    ];
    for (const write of writes)
      if (write.kind === 'transaction') this.transaction(write, keys, args);
      else this.label(write, keys, args);
    return { keys, args };
  }

  private transaction({ event, source }: TransactionWrite, keys: string[], args: unknown[]): void {
    keys.push(this.keys.seen(event.eventId));
    for (const r of this.requirements) this.entityKeys(event.entities, r, keys);
    args.push('t', source, String(event.time), encodeRecord(event));
  }

  private label({ label }: LabelWrite, keys: string[], args: unknown[]): void {
    keys.push(this.keys.seen(label.transactionId));
    for (const r of this.labelled) this.entityKeys(label.entities, r, keys);
    args.push('l', label.transactionId, String(label.transactionTime), String(label.fraud));
  }

  /** An entity's window and fraud set (the script leaves the latter alone if it holds no labels). */
  private entityKeys(
    entities: Readonly<Record<string, string>>,
    r: EntityStateRequirement,
    keys: string[],
  ): void {
    const key = entityKey(entities, r);
    keys.push(this.keys.entity(r.entity, key), this.keys.frauds(r.entity, key));
  }
}

/**
 * Where the entity's windows end, as an offset before the event: entries after t − delay are in
 * no window (they cannot change a value), so they are not read back.
 */
export function shortestDelaySeconds(plan: FeaturePlan, entity: string): number {
  const group = plan.entityWindows.find((g) => g.entity === entity);
  const delays = group?.windows.map((w) => w.upperOffsetSeconds) ?? [];
  return delays.length === 0 ? 0 : Math.min(...delays);
}

function entityKey(entities: Readonly<Record<string, string>>, r: EntityStateRequirement): string {
  const key = entities[r.entity];
  if (key === undefined) throw new AppError('INTERNAL', `no "${r.entity}" key on a mapped event`);
  return key;
}
