/** An alert as the alerts topic carries it, reduced to what the cooldown rule reads. */
export interface AlertFact {
  readonly alertId: string;
  readonly entityId: string;
  readonly eventTime: number;
}

/**
 * The cooldown rule seen from outside: an entity's distinct alerts (a repeated alert id is a
 * duplicate, counted elsewhere) lie at least `cooldownMs` of event time apart. Returns one line
 * per entity that broke it, naming the two closest alerts.
 */
export function cooldownViolations(alerts: readonly AlertFact[], cooldownMs: number): string[] {
  const byEntity = new Map<string, Map<string, number>>();
  for (const alert of alerts) {
    const entity = byEntity.get(alert.entityId) ?? new Map<string, number>();
    entity.set(alert.alertId, alert.eventTime);
    byEntity.set(alert.entityId, entity);
  }
  const violations: string[] = [];
  for (const [entityId, distinct] of byEntity) {
    const times = [...distinct].sort((a, b) => a[1] - b[1]);
    let closest: { gap: number; first: string; second: string } | undefined;
    for (let i = 1; i < times.length; i += 1) {
      const gap = times[i]![1] - times[i - 1]![1];
      if (gap < cooldownMs && (closest === undefined || gap < closest.gap))
        closest = { gap, first: times[i - 1]![0], second: times[i]![0] };
    }
    if (closest !== undefined)
      violations.push(
        `entity ${entityId}: alerts ${closest.first} and ${closest.second} ${closest.gap / 1000} s of event time apart`,
      );
  }
  return violations;
}
