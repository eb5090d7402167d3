import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { AppError } from '@rtml/errors';
import { SECONDS_PER_DAY } from '@rtml/feature-engine';
import type { EntityStateRequirement, FeaturePlan, PackedEntries } from '@rtml/feature-engine';
import { WindowScriptCalls, shortestDelaySeconds } from './window-script.calls';
import type { ScriptCall, ScriptCallOptions } from './window-script.calls';
import { decodeWindow } from './window-record.codec';
import { parseCallReply, parseLabelReply, parseTransactionReply } from './window-store.replies';
import { WINDOW_SCRIPT } from './window-store.scripts';
import { StateEpochChanged } from './window-store.model';
import type {
  LabelOutcome,
  LabelWrite,
  TransactionOutcome,
  TransactionWrite,
  WindowApplyOptions,
  WindowOutcome,
  WindowStore,
  WindowWrite,
} from './window-store.model';

export type RedisWindowStoreOptions = ScriptCallOptions;

const WINDOW_SCRIPT_SHA = createHash('sha1').update(WINDOW_SCRIPT).digest('hex');

/**
 * Writes per script call. A call runs atomically, so it holds Redis for its writes' time (about
 * 20–40 µs each): chunks keep other clients' wait to a few milliseconds.
 */
const WRITES_PER_CALL = 128;

/**
 * The online window state in Redis: one string of binary records per (entity field, key), and a
 * sorted set of its fraud-labelled transactions (layout `w2`, window-store.scripts.ts). `apply`
 * runs one script call per chunk of writes, all of a batch in one pipeline (one round trip); the
 * script and the pipeline keep order, so events of one batch see each other. Feature values are
 * not computed here: callers pass the entries to `computeFeatureVector`.
 *
 * Needs a single Redis primary: each script touches keys of several entities (customer,
 * terminal, marker), which Redis Cluster refuses unless they share a hash slot.
 */
export class RedisWindowStore implements WindowStore {
  private readonly calls: WindowScriptCalls;
  private readonly requirements: readonly EntityStateRequirement[];
  private readonly labelled: readonly EntityStateRequirement[];
  private readonly minLabelDelay: ReadonlyMap<string, number>;
  /** Per requirement, the shortest window delay: records after t − delay are in no window. */
  private readonly readUpto: readonly number[];

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisWindowStoreOptions,
  ) {
    this.calls = new WindowScriptCalls(options);
    this.requirements = options.plan.stateRequirements;
    this.labelled = this.requirements.filter((r) => r.needsLabels);
    this.minLabelDelay = minimumLabelDelays(options.plan);
    this.readUpto = this.requirements.map((r) => shortestDelaySeconds(options.plan, r.entity));
  }

  /**
   * Applies every write in order, in one round trip; one outcome per write, in the same order.
   * Throws `StateEpochChanged` when a call found another epoch than `epoch`: the writes before
   * it in the pipeline landed on state that is gone or replaced, so the batch must run again.
   */
  async apply(
    writes: readonly WindowWrite[],
    epoch: string,
    options: WindowApplyOptions = {},
  ): Promise<WindowOutcome[]> {
    // A label for a set whose features read no labels has nothing to write.
    const scripted = writes.flatMap((write, i) =>
      write.kind === 'transaction' || this.labelled.length > 0 ? [i] : [],
    );
    const readBack = options.readBack ?? true;
    const calls: ScriptCall[] = [];
    for (let at = 0; at < scripted.length; at += WRITES_PER_CALL) {
      const chunk = scripted.slice(at, at + WRITES_PER_CALL).map((i) => writes[i] as WindowWrite);
      calls.push(this.calls.of(chunk, epoch, readBack));
    }
    let results = calls.length === 0 ? [] : await this.run(calls);
    if (results.some(isNoScript)) {
      // Redis restarted or its script cache was flushed. Every write is idempotent per record
      // (markers, same-member ZADDs), so loading the script and running the whole batch again
      // is safe.
      await this.loadScript();
      results = await this.run(calls);
    }
    const replies: unknown[] = [];
    results.forEach((result, c) => {
      if (result instanceof Error) throw scriptFailure(result);
      const expected = Math.min(WRITES_PER_CALL, scripted.length - c * WRITES_PER_CALL);
      const reply = parseCallReply(result, expected);
      if (reply.status === 'stale') throw new StateEpochChanged(epoch, reply.found);
      replies.push(...reply.replies);
    });
    const replyOf: unknown[] = [];
    scripted.forEach((writeIndex, i) => (replyOf[writeIndex] = replies[i]));
    return writes.map((write, i) => this.outcomeOf(write, replyOf[i]));
  }

  private async run(calls: readonly ScriptCall[]): Promise<unknown[]> {
    const pipeline = this.redis.pipeline();
    for (const call of calls)
      pipeline.callBuffer('evalsha', [
        WINDOW_SCRIPT_SHA,
        call.keys.length,
        ...call.keys,
        ...call.args,
      ]);
    const results = await pipeline.exec().catch((error: unknown) => {
      throw unavailable(error);
    });
    if (results === null || results.length !== calls.length)
      throw new AppError('DEPENDENCY_UNAVAILABLE', 'redis did not answer every window script');
    return results.map(([error, reply]) => error ?? reply);
  }

  private async loadScript(): Promise<void> {
    await this.redis.script('LOAD', WINDOW_SCRIPT).catch((error: unknown) => {
      throw unavailable(error);
    });
  }

  private outcomeOf(write: WindowWrite, reply: unknown): WindowOutcome {
    return write.kind === 'transaction'
      ? this.transactionOutcome(write, reply)
      : this.labelOutcome(write, reply);
  }

  private transactionOutcome(write: TransactionWrite, raw: unknown): TransactionOutcome {
    const reply = parseTransactionReply(raw, this.requirements.length);
    if (reply.status === 'duplicate') return { kind: 'duplicate', firstSource: reply.firstSource };
    const { time } = write.event;
    const entries: Record<string, PackedEntries> = {};
    reply.entities.forEach((entity, i) => {
      const { entity: field, horizonSeconds } = this.requirements[i] as EntityStateRequirement;
      entries[field] = decodeWindow(entity.window, {
        after: time - horizonSeconds,
        upto: time - (this.readUpto[i] as number),
        frauds: entity.frauds,
      });
    });
    const late =
      reply.status === 'new' &&
      reply.entities.some(
        ({ newest }) => newest !== undefined && newest - time > this.options.graceSeconds,
      );
    return { kind: 'scored', redelivered: reply.status === 'redelivered', entries, late };
  }

  private labelOutcome(write: LabelWrite, raw: unknown): LabelOutcome {
    if (this.labelled.length === 0) return { kind: 'label', status: 'ignored', late: false };
    const reply = parseLabelReply(raw, this.labelled.length);
    const { transactionTime } = write.label;
    const late =
      reply.status !== 'pending' &&
      reply.newest.some((newest, i) => {
        const delay = this.minLabelDelay.get(this.labelled[i]?.entity ?? '') ?? 0;
        return newest !== undefined && newest >= transactionTime + delay;
      });
    return { kind: 'label', status: reply.status, late };
  }
}

/** The shortest delay of each entity's label-driven features: where a label starts to count. */
function minimumLabelDelays(plan: FeaturePlan): Map<string, number> {
  const delays = new Map<string, number>();
  for (const feature of plan.featureSet.features) {
    if (feature.kind !== 'window' || !feature.labelDriven) continue;
    const delay = feature.delayDays * SECONDS_PER_DAY;
    delays.set(feature.entity, Math.min(delays.get(feature.entity) ?? delay, delay));
  }
  return delays;
}

const isNoScript = (reply: unknown): boolean =>
  reply instanceof Error && reply.message.startsWith('NOSCRIPT');

const unavailable = (cause: unknown): AppError =>
  new AppError('DEPENDENCY_UNAVAILABLE', 'redis is unavailable for the window state', { cause });

/** A script error is our bug (retried, INTERNAL); anything else Redis refused is transient. */
function scriptFailure(error: Error): AppError {
  return /user_script|Error running script/i.test(error.message)
    ? new AppError('INTERNAL', 'a window script failed', { cause: error })
    : unavailable(error);
}
