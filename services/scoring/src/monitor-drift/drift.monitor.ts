import { createHash } from 'node:crypto';
import type { ModelAlert } from '@rtml/contracts';
import type { PipelineMetrics } from '@rtml/observability';
import type { ModelRole, ServingModel } from '../model/serving-model.model';
import { DriftWindow } from './drift.window';
import type { DriftReading } from './drift.window';

interface Watched {
  readonly model: ServingModel;
  readonly window: DriftWindow;
  /** Inputs over the high threshold that raised their alert, with the batch that raised it. */
  readonly raised: Map<string, { readonly alert: ModelAlert; readonly batch: string }>;
}

/** When drift raises a model alert. */
export interface DriftAlertPolicy {
  /** PSI at or above which an input raises an alert (0.25 by convention). */
  readonly high: number;
  /** PSI below which a raised input is re-armed (0.1 by convention): no alert storm at the edge. */
  readonly moderate: number;
  /** Events a window needs before it may raise: a handful of events is noise, not drift. */
  readonly minEvents: number;
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
    private readonly policy?: DriftAlertPolicy,
  ) {}

  /**
   * The model alerts `batch` raises: an input (or the score) of a measured model whose PSI
   * reached `policy.high` over a window of at least `policy.minEvents` events, once per
   * crossing; it re-arms when the PSI falls below `policy.moderate`. The batch that raised an
   * alert raises it again if it is processed again (its delivery failed), with the same id;
   * any later batch does not. `batch` names the batch: its topic, partition and first offset.
   */
  alertsFor(batch: string): ModelAlert[] {
    const policy = this.policy;
    if (policy === undefined) return [];
    const alerts: ModelAlert[] = [];
    for (const [role, watched] of this.watched) {
      const reading = watched.window.read();
      const inputs = [...watched.model.layout.names, SCORE_INPUT];
      const values = [...reading.features, reading.score];
      inputs.forEach((input, i) => {
        const psi = values[i]!;
        const raised = watched.raised.get(input);
        if (raised !== undefined) {
          if (psi < policy.moderate) watched.raised.delete(input);
          else if (raised.batch === batch) alerts.push(raised.alert);
          return;
        }
        if (psi < policy.high || reading.events < policy.minEvents) return;
        const alert = driftAlert(watched.model, role, input, psi, policy.high, reading);
        watched.raised.set(input, { alert, batch });
        alerts.push(alert);
      });
    }
    return alerts;
  }

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
    const watched = {
      model,
      window: new DriftWindow(model.reference, this.windowMs),
      raised: new Map(),
    };
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

function driftAlert(
  model: ServingModel,
  role: ModelRole,
  input: string,
  psi: number,
  threshold: number,
  reading: DriftReading,
): ModelAlert {
  const id = createHash('sha256')
    .update([model.ref.name, model.ref.version, role, input, String(reading.to)].join('\u0000'))
    .digest('hex');
  return {
    alertId: `model-alert-${id.slice(0, 32)}`,
    kind: 'DRIFT',
    model: { ...model.ref },
    role,
    input,
    psi,
    threshold,
    events: reading.events,
    windowFrom: reading.from,
    windowTo: reading.to,
  };
}
