import { describeError, toAppError } from '@rtml/errors';
import { MODEL_ALIASES } from '@rtml/model-registry';
import type { AliasChange, AliasPointer, ModelRegistry } from '@rtml/model-registry';
import type { Logger } from '@rtml/observability';
import { AliasTracker } from './alias.tracker';
import type { ModelChangeReporter } from './model-change.reporter';
import type { ModelLoader } from './model.loader';
import type { ModelRole, ServingModel } from './serving-model.model';
import type { ServingModels } from './serving-models.holder';

export interface ModelWatcherOptions {
  readonly registry: ModelRegistry;
  readonly loader: ModelLoader;
  readonly models: ServingModels;
  readonly modelName: string;
  readonly bucket: string;
  readonly pollMs: number;
  readonly logger: Logger;
  readonly reporter: ModelChangeReporter;
}

/** First retry of the initial load; doubles up to the poll interval. */
const FIRST_RETRY_MS = 100;

/**
 * Keeps the serving models in step with the registry's aliases: polls champion and challenger
 * with conditional reads (ETag), loads and verifies a newly pointed version in the background
 * and installs it for the next batch. A refused model is logged and counted and the previous one
 * keeps serving; a cleared challenger stops shadow scoring. Until a champion loads it retries
 * with a backoff capped at the poll interval, saying why it is not ready.
 */
export class ModelWatcher {
  private readonly trackers = new Map<ModelRole, AliasTracker>(
    MODEL_ALIASES.map((role) => [role, new AliasTracker()]),
  );
  private readonly problems = new Map<ModelRole, { message: string; transient: boolean }>();
  private loop: Promise<void> | undefined;
  private stopped = false;
  private wake: (() => void) | undefined;
  private attempts = 0;

  constructor(private readonly options: ModelWatcherOptions) {}

  /** Why no champion serves yet; undefined once one does. */
  get unready(): string | undefined {
    if (this.options.models.current('champion') !== undefined) return undefined;
    return this.problems.get('champion')?.message ?? 'the champion is being loaded';
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Ends polling after the poll in flight (a load in progress completes and is installed). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
  }

  /** One poll of every alias; errors are logged, never thrown, so polling never dies. */
  async pollOnce(): Promise<void> {
    for (const role of MODEL_ALIASES) {
      await this.poll(role).catch((error: unknown) =>
        this.options.logger.error({ err: error, role }, `polling the ${role} failed`),
      );
    }
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      await this.pollOnce();
      await this.sleep(this.nextDelay());
    }
  }

  private nextDelay(): number {
    const { pollMs, models } = this.options;
    if (models.current('champion') !== undefined) return pollMs;
    this.attempts += 1;
    return Math.min(pollMs, FIRST_RETRY_MS * 2 ** Math.min(this.attempts - 1, 20));
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.wake?.(), ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }

  private async poll(role: ModelRole): Promise<void> {
    const { registry, modelName, models } = this.options;
    const tracker = this.trackers.get(role) as AliasTracker;
    let change: AliasChange;
    try {
      change = await registry.readAliasIfChanged(modelName, role, tracker.etag);
    } catch (error) {
      this.problem(role, `reading the ${role} alias failed: ${describeError(error)}`, true);
      return;
    }
    if (this.problems.get(role)?.transient) this.problems.delete(role);
    const plan = tracker.plan(change, models.current(role));
    if (plan.action === 'load') await this.load(role, tracker, plan.pointer, plan.etag);
    else if (plan.action === 'remove') this.aliasGone(role);
    else if (plan.action === 'skip' && plan.reason === 'serving') this.problems.delete(role);
    else if (plan.action === 'skip') {
      this.problem(role, `version ${plan.pointer.version} was refused before: ${plan.detail}`);
    }
  }

  private async load(
    role: ModelRole,
    tracker: AliasTracker,
    pointer: AliasPointer,
    etag: string,
  ): Promise<void> {
    const { loader, models, reporter, modelName } = this.options;
    const started = performance.now();
    let model: ServingModel;
    try {
      model = await loader.load(pointer);
    } catch (thrown) {
      const error = toAppError(thrown);
      if (error.retriable) {
        const reason = describeError(error);
        this.problem(role, `loading version ${pointer.version} failed, retrying: ${reason}`, true);
        return;
      }
      tracker.refused(etag, pointer, error.message);
      reporter.refused(role, modelName, pointer.version, error, models.current(role));
      this.problems.set(role, {
        message: `version ${pointer.version} was refused: ${error.message}`,
        transient: false,
      });
      return;
    }
    tracker.loaded(etag);
    const previous = models.install(role, model);
    this.problems.delete(role);
    reporter.installed(role, model, previous, performance.now() - started);
  }

  /** The champion is never dropped (scoring would stop); a cleared challenger ends shadow scoring. */
  private aliasGone(role: ModelRole): void {
    const { models, reporter, modelName, bucket } = this.options;
    const serving = models.current(role);
    if (role === 'champion') {
      this.problem(
        role,
        serving === undefined
          ? `model ${modelName} has no champion in bucket ${bucket} yet`
          : `the champion alias is gone; version ${serving.ref.version} keeps serving`,
      );
      return;
    }
    this.problems.delete(role);
    if (serving === undefined) return;
    models.remove(role);
    reporter.removed(role, serving);
  }

  /** Logs a problem once per distinct message, so a long outage does not flood the log. */
  private problem(role: ModelRole, message: string, transient = false): void {
    if (this.problems.get(role)?.message === message) return;
    this.problems.set(role, { message, transient });
    this.options.logger.warn({ role, model: this.options.modelName }, message);
  }
}
