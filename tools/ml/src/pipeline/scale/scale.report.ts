import { idleReplicas } from './replica.counts';
import type { StoredAudit } from './stored-items.audit';

/** The part of a step's result the verdict reads. */
export interface StepFacts {
  readonly features: number;
  readonly scoring: number;
  readonly events: number;
  readonly dlq: number;
  readonly per_replica: Readonly<Record<string, number>>;
}

export interface ScaleFacts {
  readonly steps: readonly StepFacts[];
  readonly chaos: StepFacts | undefined;
  /** Transactions the test meant to stream (all steps). */
  readonly planned: number;
  readonly audit: StoredAudit | undefined;
  /** Why the run stopped early, if it did. */
  readonly error: string | undefined;
}

export interface ScaleVerdict {
  readonly passed: boolean;
  readonly failures: string[];
}

/**
 * Every check of the scale test, each failure spelled out: the run completed; every transaction
 * has exactly one stored item and the table holds nothing else; every stored vector equals the
 * offline engine's; nothing was dead-lettered; every replica of every step consumed something.
 */
export function scaleVerdict(facts: ScaleFacts): ScaleVerdict {
  const failures: string[] = [];
  if (facts.error !== undefined) failures.push(`the run stopped: ${facts.error}`);
  const ran = [...facts.steps, ...(facts.chaos ? [facts.chaos] : [])];
  const streamed = ran.reduce((sum, step) => sum + step.events, 0);
  if (streamed !== facts.planned)
    failures.push(`${streamed} transactions streamed, ${facts.planned} planned`);
  for (const [index, step] of ran.entries()) {
    const label = index < facts.steps.length ? `step ${index + 1}` : 'chaos step';
    if (step.dlq > 0) failures.push(`${label}: ${step.dlq} events dead-lettered`);
    const idle = idleReplicas(step.per_replica);
    if (idle.length > 0) failures.push(`${label}: no work reached ${idle.join(', ')}`);
  }
  const audit = facts.audit;
  if (audit === undefined) failures.push('the stored items were not audited');
  else {
    if (audit.missing > 0) failures.push(`${audit.missing} transactions have no stored item`);
    if (audit.items !== facts.planned)
      failures.push(`the table holds ${audit.items} items for ${facts.planned} transactions`);
    if (audit.extra > 0) failures.push(`${audit.extra} stored items are not transactions sent`);
    if (audit.featureMismatches > 0)
      failures.push(`${audit.featureMismatches} stored vectors differ from the offline engine`);
  }
  return { passed: failures.length === 0, failures };
}
