import type { StoredLabel } from '../join-labels/label-item.mapper';
import type { StoredScore } from '../store-prediction/stored-score.mapper';

export const OUTCOME_VALUES = ['fraud', 'genuine', 'pending'] as const;
export type Outcome = (typeof OUTCOME_VALUES)[number];

/** The label of a score as the scores API answers it. */
export interface OutcomeLabel {
  readonly fraud: boolean;
  /** When the label became known (the label event's time), epoch ms. */
  readonly labelledAt: number;
}

/** A stored prediction (with its shadow score) and what is known of its outcome. */
export interface EventOutcome extends StoredScore {
  /** The event's newest label, or null while none is stored. */
  readonly label: OutcomeLabel | null;
  /** Whether the label delay has passed in event time (see `isMatured`). */
  readonly matured: boolean;
  readonly outcome: Outcome;
}

/**
 * Matured: the label delay has passed in event time, i.e. the event clock (the newest event time
 * stored, see `EventClock`) has reached the event's time plus the delay. Event time, not the
 * wall clock: a replay of last year's events matures as its events go by, and while actions
 * drains a backlog, events mature only as far as it has stored.
 */
export function isMatured(eventTime: number, clock: number | undefined, delayMs: number): boolean {
  return clock !== undefined && clock >= eventTime + delayMs;
}

/**
 * The outcome: a stored label's (fraud, or genuine when confirmed so), whether or not the event
 * has matured; with no label, genuine once matured (the reference convention: a fraud's label is
 * known within the delay, so none by then means genuine), pending before. A label arriving after
 * maturity (late) still turns the outcome to fraud.
 */
export function outcomeOf(
  label: Pick<OutcomeLabel, 'fraud'> | undefined,
  matured: boolean,
): Outcome {
  if (label !== undefined) return label.fraud ? 'fraud' : 'genuine';
  return matured ? 'genuine' : 'pending';
}

/** A score joined to its label (if stored) and the clock: what the scores API answers. */
export function withOutcome(
  score: StoredScore,
  label: StoredLabel | undefined,
  clock: number | undefined,
  delayMs: number,
): EventOutcome {
  const matured = isMatured(score.eventTime, clock, delayMs);
  return {
    ...score,
    label: label === undefined ? null : { fraud: label.fraud, labelledAt: label.labelledAt },
    matured,
    outcome: outcomeOf(label, matured),
  };
}
