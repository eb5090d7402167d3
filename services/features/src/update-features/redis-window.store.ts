import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { AppError } from '@rtml/errors';
import { SECONDS_PER_DAY } from '@rtml/feature-engine';
import type { EntityStateRequirement, FeaturePlan, WindowEntry } from '@rtml/feature-engine';
import { WindowScriptCalls } from './window-script.calls';
import type { ScriptCall, ScriptCallOptions, ScriptName } from './window-script.calls';
import { decodeMembers, parseLabelReply, parseTransactionReply } from './window-store.replies';
import type { StaleEpochReply } from './window-store.replies';
import { LABEL_SCRIPT, TRANSACTION_SCRIPT } from './window-store.scripts';
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

const SCRIPTS: Readonly<Record<ScriptName, string>> = {
  transaction: TRANSACTION_SCRIPT,
  label: LABEL_SCRIPT,
};
const SHAS: Readonly<Record<ScriptName, string>> = {
  transaction: createHash('sha1').update(TRANSACTION_SCRIPT).digest('hex'),
  label: createHash('sha1').update(LABEL_SCRIPT).digest('hex'),
};

/**
 * The online window state in Redis: one sorted set per (entity field, key), scored by event
 * time, members `encodeEntry` strings. `apply` runs one script per write, all of a batch in one
 * pipeline (one round trip); the pipeline keeps order, so events of one batch see each other.
 * Feature values are not computed here: callers pass the entries to `computeFeatureVector`.
 *
 * Needs a single Redis primary: each script touches keys of several entities (customer,
 * terminal, marker), which Redis Cluster refuses unless they share a hash slot.
 */
export class RedisWindowStore implements WindowStore {
  private readonly calls: WindowScriptCalls;
  private readonly requirements: readonly EntityStateRequirement[];
  private readonly labelled: readonly EntityStateRequirement[];
  private readonly minLabelDelay: ReadonlyMap<string, number>;

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisWindowStoreOptions,
  ) {
    this.calls = new WindowScriptCalls(options);
    this.requirements = options.plan.stateRequirements;
    this.labelled = this.requirements.filter((r) => r.needsLabels);
    this.minLabelDelay = minimumLabelDelays(options.plan);
  }

  /**
   * Applies every write in order, in one round trip; one outcome per write, in the same order.
   * Throws `StateEpochChanged` when a script found another epoch than `epoch`: the writes before
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
    const calls = scripted.map((i) => this.calls.of(writes[i] as WindowWrite, epoch, readBack));
    let replies = calls.length === 0 ? [] : await this.run(calls);
    if (replies.some(isNoScript)) {
      // Redis restarted or its script cache was flushed. Every script is idempotent per record
      // (markers, same-member ZADDs), so loading them and running the whole batch again is safe.
      await this.loadScripts();
      replies = await this.run(calls);
    }
    const replyOf: unknown[] = [];
    scripted.forEach((writeIndex, i) => (replyOf[writeIndex] = replies[i]));
    const outcomes = writes.map((write, i) => this.outcomeOf(write, replyOf[i]));
    const stale = outcomes.find((outcome): outcome is StaleEpochReply => !('kind' in outcome));
    if (stale !== undefined) throw new StateEpochChanged(epoch, stale.found);
    return outcomes as WindowOutcome[];
  }

  private async run(calls: readonly ScriptCall[]): Promise<unknown[]> {
    const pipeline = this.redis.pipeline();
    for (const call of calls)
      pipeline.evalsha(SHAS[call.script], call.keys.length, ...call.keys, ...call.args);
    const results = await pipeline.exec().catch((error: unknown) => {
      throw unavailable(error);
    });
    if (results === null || results.length !== calls.length)
      throw new AppError('DEPENDENCY_UNAVAILABLE', 'redis did not answer every window script');
    return results.map(([error, reply]) => error ?? reply);
  }

  private async loadScripts(): Promise<void> {
    const pipeline = this.redis.pipeline();
    for (const script of Object.values(SCRIPTS)) pipeline.script('LOAD', script);
    const results = await pipeline.exec().catch((error: unknown) => {
      throw unavailable(error);
    });
    const failure = results?.find(([error]) => error !== null)?.[0];
    if (failure) throw unavailable(failure);
  }

  private outcomeOf(write: WindowWrite, reply: unknown): WindowOutcome | StaleEpochReply {
    if (reply instanceof Error) throw scriptFailure(reply);
    return write.kind === 'transaction'
      ? this.transactionOutcome(write, reply)
      : this.labelOutcome(write, reply);
  }

  private transactionOutcome(
    write: TransactionWrite,
    raw: unknown,
  ): TransactionOutcome | StaleEpochReply {
    const reply = parseTransactionReply(raw, this.requirements.length);
    if (reply.status === 'stale') return reply;
    if (reply.status === 'duplicate') return { kind: 'duplicate', firstSource: reply.firstSource };
    const entries: Record<string, readonly WindowEntry[]> = {};
    reply.entities.forEach((entity, i) => {
      const { entity: field } = this.requirements[i] as EntityStateRequirement;
      entries[field] = decodeMembers(entity.members);
    });
    const { time } = write.event;
    const late =
      reply.status === 'new' &&
      reply.entities.some(
        ({ newest }) => newest !== undefined && newest - time > this.options.graceSeconds,
      );
    return { kind: 'scored', redelivered: reply.status === 'redelivered', entries, late };
  }

  private labelOutcome(write: LabelWrite, raw: unknown): LabelOutcome | StaleEpochReply {
    if (this.labelled.length === 0) return { kind: 'label', status: 'ignored', late: false };
    const reply = parseLabelReply(raw, this.labelled.length);
    if (reply.status === 'stale') return reply;
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
