import type { AlertFact } from './alert-spacing.check';
import { cooldownViolations } from './alert-spacing.check';
import type { DuplicateTally, OutputTopic } from './duplicate.detector';
import { OUTPUT_TOPICS } from './duplicate.detector';

/** The scores table against the offline engine (see `auditStoredItems`). */
export interface TableFacts {
  /** Stored items whose event id no accepted event carries. */
  readonly extra: number;
  readonly featureMismatches: number;
  readonly examples: readonly string[];
}

/** A bounded wait and how it ended: `ms` is null when the bound passed first. */
export interface BoundedWait {
  readonly ms: number | null;
  readonly boundMs: number;
  /** What was still outstanding when the bound passed. */
  readonly outstanding?: string;
}

/** Everything one fault's verdict reads, gathered from the topics, the table and the receiver. */
export interface FaultFacts {
  /** Transactions the stream meant to send. */
  readonly planned: number;
  /** Transactions ingest accepted (HTTP 202, or produced to events.raw): each must come out once. */
  readonly accepted: readonly string[];
  /** Prediction messages per event id (read_committed). */
  readonly predictions: ReadonlyMap<string, number>;
  /** Accepted event ids without a stored item. */
  readonly unstored: ReadonlySet<string>;
  /** Error code of the dead letter of each event id that has one (an event, or its webhook delivery). */
  readonly deadLettered: ReadonlyMap<string, string>;
  readonly table: TableFacts | undefined;
  readonly duplicates: Readonly<Record<OutputTopic, DuplicateTally>>;
  /** Replays are the guarantee's (at least once, a crash): duplicates are counted, not failed. */
  readonly duplicatesAllowed: boolean;
  readonly alerts: readonly AlertFact[];
  readonly cooldownMs: number;
  /** Webhook requests received per alert id. */
  readonly webhookAttempts: ReadonlyMap<string, number>;
  readonly maxWebhookAttempts: number;
  /** From the heal to every event accepted before it being out and every group past it. */
  readonly recovery: BoundedWait;
  /** From the end of the stream to zero lag on every group and every outcome in. */
  readonly settle: BoundedWait;
  /** What went wrong running the fault (a stalled stream, an injection that failed). */
  readonly errors: readonly string[];
  /** The fault's own checks that failed (e.g. every poison record dead-lettered once). */
  readonly faultFailures: readonly string[];
}

export interface FaultVerdict {
  readonly ok: boolean;
  /** Accepted events without a prediction message or without a stored item. */
  readonly lost: number;
  readonly failures: readonly string[];
}

const some = (ids: Iterable<string>) => [...ids].slice(0, 3).join(', ');

/**
 * Every assertion of the fault suite, each failure spelled out with its count: nothing accepted
 * is lost (a prediction message and a stored item each) or dead-lettered, nothing is doubled on
 * any output topic (unless `duplicatesAllowed`), the table holds only accepted events with the offline engine's vectors, the
 * cooldown and the webhook attempt limit hold, every alert reached the webhook, and the pipeline recovered and settled in time.
 */
export function faultVerdict(facts: FaultFacts): FaultVerdict {
  const failures: string[] = [...facts.errors];
  if (facts.accepted.length < facts.planned)
    failures.push(
      `only ${facts.accepted.length} of ${facts.planned} planned transactions were accepted: the rest were never sent`,
    );
  const unpredicted = facts.accepted.filter((id) => (facts.predictions.get(id) ?? 0) === 0);
  const lost = new Set([...unpredicted, ...facts.unstored]);
  if (unpredicted.length > 0)
    failures.push(
      `${unpredicted.length} of ${facts.accepted.length} accepted events have no prediction message (${some(unpredicted)})`,
    );
  if (facts.unstored.size > 0)
    failures.push(
      `${facts.unstored.size} of ${facts.accepted.length} accepted events have no stored item (${some(facts.unstored)})`,
    );
  // Why they were lost, when a dead letter says: an event that came out whole may still have a
  // dead letter of its own (a webhook delivery that failed for good), which is no loss.
  const dropped = [...lost].flatMap((id) => {
    const code = facts.deadLettered.get(id);
    return code === undefined ? [] : [code];
  });
  if (dropped.length > 0)
    failures.push(
      `${dropped.length} of the lost events were dead-lettered (${countCodes(dropped)})`,
    );
  for (const topic of OUTPUT_TOPICS) {
    const tally = facts.duplicates[topic];
    if (tally.duplicates > 0 && !facts.duplicatesAllowed)
      failures.push(
        `${topic}: ${tally.duplicates} duplicate records (${tally.examples.join(', ')})`,
      );
  }
  if (facts.table === undefined) failures.push('the scores table was not audited');
  else {
    if (facts.table.extra > 0)
      failures.push(`${facts.table.extra} stored items are not accepted events`);
    if (facts.table.featureMismatches > 0)
      failures.push(
        `${facts.table.featureMismatches} stored feature vectors differ from the offline engine (${facts.table.examples.slice(0, 2).join('; ')})`,
      );
  }
  failures.push(...cooldownViolations(facts.alerts, facts.cooldownMs).slice(0, 3));
  // Every alert reaches the receiver at least once: a dependency fault never uses up its
  // attempts without a call (the limit bounds calls, it is not a budget faults may spend).
  const uncalled = [...new Set(facts.alerts.map((alert) => alert.alertId))].filter(
    (id) => (facts.webhookAttempts.get(id) ?? 0) === 0,
  );
  if (uncalled.length > 0)
    failures.push(`${uncalled.length} alerts never reached the webhook (${some(uncalled)})`);
  const overLimit = [...facts.webhookAttempts].filter(([, n]) => n > facts.maxWebhookAttempts);
  if (overLimit.length > 0)
    failures.push(
      `${overLimit.length} alerts got more than ${facts.maxWebhookAttempts} webhook attempts (${overLimit
        .slice(0, 3)
        .map(([id, n]) => `${id} ×${n}`)
        .join(', ')})`,
    );
  if (facts.recovery.ms === null)
    failures.push(
      `not recovered within ${facts.recovery.boundMs / 1000} s of the heal (${facts.recovery.outstanding ?? 'unknown'})`,
    );
  if (facts.settle.ms === null)
    failures.push(
      `lag not back to 0 within ${facts.settle.boundMs / 1000} s of the end of the stream (${facts.settle.outstanding ?? 'unknown'})`,
    );
  failures.push(...facts.faultFailures);
  return { ok: failures.length === 0, lost: lost.size, failures };
}

function countCodes(codes: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const code of codes) counts.set(code, (counts.get(code) ?? 0) + 1);
  return [...counts].map(([code, n]) => `${code} ×${n}`).join(', ');
}
