import type { DuplicateTally, OutputTopic } from './duplicate.detector';
import { OUTPUT_TOPICS } from './duplicate.detector';
import type { FaultVerdict } from './fault.verdict';

/** What one fault's run moved, for the JSON line (the verdict reads the facts, not these). */
export interface FaultCounts {
  /** Transactions the stream meant to send, and those ingest accepted. */
  readonly planned: number;
  readonly accepted: number;
  readonly labels: number;
  /** Prediction messages (all, duplicates included) and accepted events with a stored item. */
  readonly predictions: number;
  readonly stored: number;
  readonly deadLetters: number;
  readonly alerts: number;
  readonly webhookAttempts: number;
  /** Events the suite sent again after an answer that never came (ingest allows it). */
  readonly resent: number;
  /** From the end of the stream to zero lag, null when the bound passed first. */
  readonly settleMs: number | null;
  /** Wall time of the whole fault: start-up, stream, recovery, audit. */
  readonly seconds: number;
}

/** The one JSON line printed per fault. */
export interface FaultLine {
  readonly fault: string;
  readonly ok: boolean;
  readonly counts: FaultCounts;
  /** Duplicate records per output topic, by the topic's name in the catalog. */
  readonly duplicates: Readonly<Record<OutputTopic, number>>;
  /** True when duplicates are the guarantee's to make (at least once, after a crash). */
  readonly duplicatesAllowed: boolean;
  readonly lost: number;
  /** From the heal to recovery, null when it did not recover within its bound. */
  readonly recoverMs: number | null;
  readonly failures: readonly string[];
}

export function faultLine(
  fault: string,
  verdict: FaultVerdict,
  counts: FaultCounts,
  duplicates: Readonly<Record<OutputTopic, DuplicateTally>>,
  duplicatesAllowed: boolean,
  recoverMs: number | null,
): FaultLine {
  return {
    fault,
    ok: verdict.ok,
    counts,
    duplicates: Object.fromEntries(
      OUTPUT_TOPICS.map((topic) => [topic, duplicates[topic].duplicates]),
    ) as Record<OutputTopic, number>,
    duplicatesAllowed,
    lost: verdict.lost,
    recoverMs,
    failures: verdict.failures,
  };
}

/** The last line: how many faults ran, which failed, how long it all took. */
export interface SummaryLine {
  readonly chaos: 'passed' | 'failed';
  readonly faults: number;
  readonly passed: number;
  readonly failed: readonly string[];
  readonly seconds: number;
}

export function summaryLine(lines: readonly FaultLine[], seconds: number): SummaryLine {
  const failed = lines.filter((line) => !line.ok).map((line) => line.fault);
  return {
    chaos: failed.length === 0 && lines.length > 0 ? 'passed' : 'failed',
    faults: lines.length,
    passed: lines.length - failed.length,
    failed,
    seconds: Math.round(seconds),
  };
}
