import { SECONDS_PER_DAY, encodeEntry } from '@rtml/feature-engine';
import type { EntityStateRequirement, FeaturePlan } from '@rtml/feature-engine';
import { AppError } from '@rtml/errors';
import { FeatureStateKeys } from './feature-state.keys';
import type { LabelWrite, TransactionWrite, WindowWrite } from './window-store.model';

export type ScriptName = 'transaction' | 'label';

/** One script invocation: which script, its KEYS and its ARGV (see window-store.scripts.ts). */
export interface ScriptCall {
  readonly script: ScriptName;
  readonly keys: readonly string[];
  readonly args: readonly string[];
}

export interface ScriptCallOptions {
  readonly plan: FeaturePlan;
  readonly keyPrefix: string;
  readonly dedupeTtlSeconds: number;
  readonly graceSeconds: number;
}

/**
 * Turns window writes into script calls: key names and arguments in the scripts' layout. Each
 * call carries the state epoch the caller runs against (see window-store.scripts.ts).
 */
export class WindowScriptCalls {
  private readonly keys: FeatureStateKeys;
  private readonly requirements: readonly EntityStateRequirement[];
  private readonly labelled: readonly EntityStateRequirement[];
  /** Per requirement: horizon, `1` when it holds labels, idle-key TTL, shortest delay. */
  private readonly entityArgs: readonly string[];

  constructor(private readonly options: ScriptCallOptions) {
    this.keys = new FeatureStateKeys(options.keyPrefix, options.plan.featureSet);
    this.requirements = options.plan.stateRequirements;
    this.labelled = this.requirements.filter((r) => r.needsLabels);
    // Idle keys: once event time has moved a horizon (+ grace) past a key's last entry, nothing
    // in it can be counted again; the extra day covers event time lagging wall time.
    this.entityArgs = this.requirements.flatMap((r) => [
      String(r.horizonSeconds),
      r.needsLabels ? '1' : '0',
      String(r.horizonSeconds + options.graceSeconds + SECONDS_PER_DAY),
      String(shortestDelaySeconds(options.plan, r.entity)),
    ]);
  }

  /** `readBack` false: the transaction script writes but returns no window members. */
  of(write: WindowWrite, epoch: string, readBack = true): ScriptCall {
    return write.kind === 'transaction'
      ? this.transaction(write, epoch, readBack)
      : this.label(write, epoch);
  }

  private transaction(
    { event, source }: TransactionWrite,
    epoch: string,
    readBack: boolean,
  ): ScriptCall {
    const member = encodeEntry({
      time: event.time,
      seq: event.seq,
      value: event.amount,
      fraud: null,
      eventId: event.eventId,
    });
    return {
      script: 'transaction',
      keys: [
        this.keys.epoch(),
        this.keys.seen(event.eventId),
        this.keys.pendingLabel(event.eventId),
        ...this.requirements.map((r) => this.keys.entity(r.entity, entityKey(event.entities, r))),
      ],
      args: [
        epoch,
        source,
        String(this.options.dedupeTtlSeconds),
        String(event.time),
        member,
        String(this.options.graceSeconds),
        readBack ? '1' : '0',
        ...this.entityArgs,
      ],
    };
  }

  private label({ label }: LabelWrite, epoch: string): ScriptCall {
    return {
      script: 'label',
      keys: [
        this.keys.epoch(),
        this.keys.seen(label.transactionId),
        this.keys.pendingLabel(label.transactionId),
        ...this.labelled.map((r) => this.keys.entity(r.entity, entityKey(label.entities, r))),
      ],
      args: [
        epoch,
        label.transactionId,
        String(label.transactionTime),
        String(label.fraud),
        String(this.options.dedupeTtlSeconds),
      ],
    };
  }
}

/**
 * Where the entity's windows end, as an offset before the event: entries after t − delay are in
 * no window (they cannot change a value), so they are not read back.
 */
function shortestDelaySeconds(plan: FeaturePlan, entity: string): number {
  const group = plan.entityWindows.find((g) => g.entity === entity);
  const delays = group?.windows.map((w) => w.upperOffsetSeconds) ?? [];
  return delays.length === 0 ? 0 : Math.min(...delays);
}

function entityKey(entities: Readonly<Record<string, string>>, r: EntityStateRequirement): string {
  const key = entities[r.entity];
  if (key === undefined) throw new AppError('INTERNAL', `no "${r.entity}" key on a mapped event`);
  return key;
}
