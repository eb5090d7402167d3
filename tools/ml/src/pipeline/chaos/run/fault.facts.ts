import { HEADERS } from '@rtml/contracts';
import type { Alert } from '@rtml/contracts';
import type { StoredAudit } from '../../scale/stored-items.audit';
import type { ChaosRig } from '../rig/chaos.rig';
import {
  OUTPUT_TOPICS,
  countByKey,
  dedupeKey,
  tallyDuplicates,
} from '../verdict/duplicate.detector';
import type { DuplicateTally, OutputTopic } from '../verdict/duplicate.detector';
import type { FaultCounts } from '../verdict/fault.report';
import type { BoundedWait, FaultFacts } from '../verdict/fault.verdict';
import type { RunLedger } from './run.ledger';
import { isPoison } from './run.ledger';

/** The services' defaults, which the suite does not override. */
const ALERT_COOLDOWN_MS = 3_600_000;
const WEBHOOK_MAX_ATTEMPTS = 5;

/** Ingest's outputs, where an event the suite itself resent may lawfully appear twice. */
const INGEST_OUTPUTS: readonly OutputTopic[] = ['transactions', 'labels'];

export interface FactSources {
  readonly planned: number;
  readonly ledger: RunLedger;
  readonly rig: ChaosRig;
  readonly audit: StoredAudit | undefined;
  readonly unstored: ReadonlySet<string>;
  readonly recovered: BoundedWait;
  readonly settle: BoundedWait;
  readonly errors: readonly string[];
  readonly faultFailures: readonly string[];
  readonly duplicatesAllowed: boolean;
}

/** Reads the verdict's facts and the line's counts off the recorders, the table audit and the receiver. */
export function gatherFacts(sources: FactSources): {
  readonly facts: FaultFacts;
  readonly counts: Omit<FaultCounts, 'planned' | 'settleMs' | 'seconds'>;
} {
  const { ledger, rig } = sources;
  const resent = new Set([...ledger.resent, ...rawDuplicates(ledger)]);
  const duplicates = Object.fromEntries(
    OUTPUT_TOPICS.map((topic) => {
      const records = [...ledger.recorders[topic].records()].filter((record) => !isPoison(record));
      const counts = countByKey(records, (record) => dedupeKey(topic, record.value));
      return [topic, tallyDuplicates(counts, INGEST_OUTPUTS.includes(topic) ? resent : new Set())];
    }),
  ) as Record<OutputTopic, DuplicateTally>;
  const alerts = [...ledger.recorders.alerts.records()].flatMap((record) => {
    const alert = record.value as Alert | undefined;
    return alert === undefined ? [] : [alert];
  });
  const predictions = [...ledger.predicted.values()].reduce((sum, count) => sum + count, 0);
  const facts: FaultFacts = {
    planned: sources.planned,
    accepted: [...ledger.accepted],
    predictions: ledger.predicted,
    unstored: sources.unstored,
    deadLettered: ledger.deadLettered,
    table: sources.audit,
    duplicates,
    duplicatesAllowed: sources.duplicatesAllowed,
    alerts,
    cooldownMs: ALERT_COOLDOWN_MS,
    webhookAttempts: rig.webhook.attemptsByAlert(),
    maxWebhookAttempts: WEBHOOK_MAX_ATTEMPTS,
    recovery: sources.recovered,
    settle: sources.settle,
    errors: [
      ...sources.errors,
      ...(ledger.rejected.size > 0
        ? [
            `ingest refused ${ledger.rejected.size} valid events: ${[...ledger.rejected.values()][0]}`,
          ]
        : []),
    ],
    faultFailures: sources.faultFailures,
  };
  return {
    facts,
    counts: {
      accepted: ledger.accepted.size,
      labels: ledger.acceptedLabels.size,
      predictions,
      stored: ledger.accepted.size - sources.unstored.size,
      deadLetters: ledger.recorders.deadLetters.size,
      alerts: alerts.length,
      webhookAttempts: rig.webhook.calls,
      resent: resent.size,
    },
  };
}

/** Event ids the suite's own producer wrote to events.raw more than once (a retried produce). */
function rawDuplicates(ledger: RunLedger): string[] {
  const counts = countByKey(ledger.recorders.rawEvents.records(), (record) =>
    isPoison(record) ? undefined : record.headers[HEADERS.eventId],
  );
  return [...counts].filter(([, count]) => count > 1).map(([id]) => id);
}
