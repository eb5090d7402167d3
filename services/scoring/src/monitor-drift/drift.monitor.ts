import type { PipelineMetrics } from '@rtml/observability';
import type { ModelRole, ServingModel } from '../model/serving-model.model';
import { DriftWindow } from './drift.window';
import type { DriftReading } from './drift.window';

interface Watched {
  readonly model: ServingModel;
  readonly window: DriftWindow;
}

/** The input label of the score's own stability, beside the feature names. */
export const SCORE_INPUT = 'score';

/**
 * Drift of the models serving, per role: each scored event's inputs and score go into its
 * model's sliding window (`DriftWindow`), and after each batch the population stability of
 * every input and of the score is exported as `rtml_model_drift_psi` (by role, model, version,
 * input), with the events it rests on as `rtml_model_drift_events`. A model whose manifest has
 * no reference (published before references existed) is not measured. When a role's model
 * changes, the old version's window and series go. Each replica measures the events of the
 * partitions it holds (entities are spread over partitions by key, so each replica's share is
 * a sample of the whole); the window is in memory and refills from the stream after a restart.
 */
export class DriftMonitor {
  private readonly watched = new Map<ModelRole, Watched>();

  constructor(
    private readonly windowMs: number,
    private readonly metrics?: PipelineMetrics,
  ) {}

  observe(
    role: ModelRole,
    model: ServingModel,
    eventTime: number,
    values: ArrayLike<number>,
    score: number,
  ): void {
    const watched = this.watchedFor(role, model);
    watched?.window.observe(eventTime, values, score);
  }

  /** Forgets a role whose model is no longer the one serving it (a challenger removed). */
  settle(serving: Readonly<Record<ModelRole, ServingModel | undefined>>): void {
    for (const [role, { model }] of this.watched)
      if (serving[role] !== model) this.forget(role, model);
  }

  /** The current reading of `role`'s model; undefined when it is not measured. */
  reading(role: ModelRole): DriftReading | undefined {
    return this.watched.get(role)?.window.read();
  }

  /** Exports every measured model's reading. */
  publish(): void {
    if (this.metrics === undefined) return;
    for (const [role, { model, window }] of this.watched) {
      const reading = window.read();
      const labels = { role, model: model.ref.name, version: model.ref.version };
      model.layout.names.forEach((input, i) =>
        this.metrics!.modelDrift.set({ ...labels, input }, reading.features[i]!),
      );
      this.metrics.modelDrift.set({ ...labels, input: SCORE_INPUT }, reading.score);
      this.metrics.modelDriftEvents.set(labels, reading.events);
    }
  }

  private watchedFor(role: ModelRole, model: ServingModel): Watched | undefined {
    const current = this.watched.get(role);
    if (current?.model === model) return current;
    if (current !== undefined) this.forget(role, current.model);
    if (model.reference === undefined) return undefined;
    const watched = { model, window: new DriftWindow(model.reference, this.windowMs) };
    this.watched.set(role, watched);
    return watched;
  }

  private forget(role: ModelRole, model: ServingModel): void {
    this.watched.delete(role);
    const labels = { role, model: model.ref.name, version: model.ref.version };
    for (const input of [...model.layout.names, SCORE_INPUT])
      this.metrics?.modelDrift.remove({ ...labels, input });
    this.metrics?.modelDriftEvents.remove(labels);
  }
}
