import type { Alert, Prediction } from '@rtml/contracts';
import type { PipelineMetrics } from '@rtml/observability';
import { mapBounded } from '../shared/bounded-concurrency';
import type { CooldownVerdict } from './alert-cooldown.policy';
import { isAlerting, toAlert } from './alert.factory';
import type { AlertStateStore } from './dynamodb-alert-state.store';

/** `rtml_alerts_total{outcome}`: refired counts redeliveries, which are not new alerts. */
const OUTCOME_LABELS: Readonly<Record<CooldownVerdict, string>> = {
  fire: 'fired',
  refire: 'refired',
  suppress: 'suppressed',
};

export interface RaisedAlert<T> {
  /** What the alert came from (the handler passes the consumed record along). */
  readonly source: T;
  readonly alert: Alert;
  /** True when this alert fired before and is published again after a redelivery. */
  readonly refired: boolean;
}

/**
 * Turns a batch's alerting predictions into alerts, through the shared cooldown. Predictions
 * of one entity are claimed one after the other, in partition order (a batch is one partition,
 * so that is the order scoring produced them); different entities are claimed concurrently.
 */
export class AlertRaiser {
  constructor(
    private readonly state: AlertStateStore,
    private readonly metrics: PipelineMetrics,
    private readonly concurrency = 8,
    private readonly now: () => number = Date.now,
  ) {}

  async raise<T extends { readonly prediction: Prediction }>(
    items: readonly T[],
  ): Promise<RaisedAlert<T>[]> {
    const byEntity = new Map<string, T[]>();
    for (const item of items.filter((candidate) => isAlerting(candidate.prediction))) {
      const queue = byEntity.get(item.prediction.entityId) ?? [];
      queue.push(item);
      byEntity.set(item.prediction.entityId, queue);
    }
    const perEntity = await mapBounded([...byEntity.values()], this.concurrency, (queue) =>
      this.raiseInOrder(queue),
    );
    return perEntity.flat();
  }

  private async raiseInOrder<T extends { readonly prediction: Prediction }>(
    queue: readonly T[],
  ): Promise<RaisedAlert<T>[]> {
    const raised: RaisedAlert<T>[] = [];
    for (const source of queue) {
      const claim = await this.state.claim(toAlert(source.prediction, this.now()));
      this.metrics.alerts.inc({ outcome: OUTCOME_LABELS[claim.verdict] });
      if (claim.verdict !== 'suppress')
        raised.push({ source, alert: claim.alert, refired: claim.verdict === 'refire' });
    }
    return raised;
  }
}
