import { ERROR_CODES, isErrorCode } from '@rtml/contracts';
import type { DeadLetter } from '@rtml/contracts';

/**
 * Whether a dead letter means its event was rejected, i.e. will never have a stored prediction.
 * Ingest, features and scoring dead-letter only records they can never process, and actions its
 * poison records, all with a non-retriable code. Actions also dead-letters a webhook delivery
 * that failed for good, with the retriable DEPENDENCY_UNAVAILABLE: that event's prediction was
 * stored, so it is no rejection. Counted as one, it made a demo stop waiting, and report success,
 * with events not yet stored. An actions code this build does not know counts as no rejection:
 * the run then waits for the stored item rather than stop short.
 */
export function rejectsEvent(letter: Pick<DeadLetter, 'service' | 'errorCode'>): boolean {
  if (letter.service !== 'actions') return true;
  return isErrorCode(letter.errorCode) && !ERROR_CODES[letter.errorCode].retriable;
}
