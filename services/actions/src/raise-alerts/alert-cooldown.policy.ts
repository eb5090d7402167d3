/**
 * The cooldown rule, in event time: an entity gets at most one alert per cooldown window, and
 * the window is counted from the event time of the alert that opened it (never the wall clock,
 * so replaying a partition decides the same way). Windows only move forward: an event that
 * arrives late, before the end of the current window, is suppressed even if it is older than the
 * alert that opened it.
 *
 * The DynamoDB store enforces this rule atomically with a conditional write (see
 * `COOLDOWN_CONDITION`); this module is the same rule as a plain function, for tests and reading.
 */
export type CooldownVerdict = 'fire' | 'refire' | 'suppress';

/** The last alert of an entity, as the alert state holds it. */
export interface CooldownWindow {
  readonly alertId: string;
  /** Event time (epoch ms) from which the entity may alert again. */
  readonly windowEndsAt: number;
}

export interface AlertCandidate {
  readonly alertId: string;
  readonly eventTime: number;
}

/**
 * - `refire`: this alert fired before (a redelivery): publish it again, same id, same content —
 *   neither suppressed nor counted as a second alert;
 * - `fire`: no window, the window has ended, or the window is this alert's own;
 * - `suppress`: another alert's window is still open at this event time.
 */
export function cooldownVerdict(
  candidate: AlertCandidate,
  window: CooldownWindow | undefined,
  firedBefore: boolean,
): CooldownVerdict {
  if (firedBefore) return 'refire';
  if (
    window === undefined ||
    window.windowEndsAt <= candidate.eventTime ||
    window.alertId === candidate.alertId
  )
    return 'fire';
  return 'suppress';
}

export const windowEndOf = (eventTime: number, cooldownMs: number): number =>
  eventTime + cooldownMs;

/** `cooldownVerdict`'s `fire` branch, as the DynamoDB condition on the entity's cooldown item. */
export const COOLDOWN_CONDITION =
  'attribute_not_exists(pk) OR #windowEndsAt <= :eventTime OR #alertId = :alertId';

/** `cooldownVerdict`'s `refire` branch: the alert's marker item exists already. */
export const MARKER_ABSENT_CONDITION = 'attribute_not_exists(pk)';

/**
 * The verdict from the outcome of the transaction [cooldown update, marker put], given which of
 * its conditions failed: the marker's failing means the alert fired before; only the cooldown's
 * failing means another alert's window is open.
 */
export function verdictOfConditions(
  cooldownFailed: boolean,
  markerFailed: boolean,
): CooldownVerdict {
  if (markerFailed) return 'refire';
  return cooldownFailed ? 'suppress' : 'fire';
}
