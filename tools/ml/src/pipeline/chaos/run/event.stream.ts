import type { Admin } from 'kafkajs';
import type { ReferenceTransaction } from '../../../csv/reference-transaction.model';
import { RawEventFeed } from '../../feed/raw-event.feed';
import { PacedSender } from '../../feed/raw-event.sender';
import type { RawEventSink } from '../../feed/raw-event.sender';
import { slicesWithHooks } from '../../scale/step-rows.slicer';
import type { StepHook } from '../../scale/step-rows.slicer';
import type { RunLedger } from './run.ledger';

const DAY_MS = 86_400_000;
/**
 * Labels go 3 days of event time ahead of their date and the stream checkpoints every 3 days
 * (the replay tool: 1 and 1). Any lead under the 7-day label delay changes no value (no window of
 * an earlier transaction can hold the labelled one), and a checkpoint at least every lead keeps
 * every label applied before the first transaction that needs it: the same exactness for a
 * third of the checkpoints.
 */
const LABEL_LEAD_MS = 3 * DAY_MS;
const CHECKPOINT_MS = LABEL_LEAD_MS;
/** Rows handed out between two chances for a hook to run. */
const SLICE_ROWS = 25;

export interface EventStream {
  readonly rows: readonly ReferenceTransaction[];
  readonly sink: RawEventSink;
  /** Events offered per second. */
  readonly rate: number;
  /** What to do at shares of the rows (inject a fault, wait for its heal). */
  readonly hooks: readonly StepHook[];
  readonly ledger: RunLedger;
  readonly admin: Admin;
  /** A checkpoint gives up when nothing at all moves for this long. */
  readonly stallMs: number;
}

/**
 * Streams the rows as the replay tool does: each transaction, each fraud's label 7 days later
 * (sent ahead, see LABEL_LEAD_MS), paced, and at every checkpoint a wait until
 * everything sent has its outcome and ingest and features have committed everything (so no
 * partition runs a checkpoint ahead of another: the features' exactness condition). Throws when a
 * checkpoint stalls, or the sink gives up.
 */
export async function streamEvents(stream: EventStream): Promise<void> {
  const sender = new PacedSender(
    stream.sink,
    stream.rate,
    Math.max(1, Math.round(stream.rate / 50)),
  );
  const feed = new RawEventFeed({ labelDelayDays: 7, idPrefix: '', labelLeadMs: LABEL_LEAD_MS });
  let nextCheckpoint = Number.NaN;
  for await (const rows of slicesWithHooks(stream.rows, SLICE_ROWS, stream.hooks)) {
    for (const event of feed.push(rows)) {
      if (event.kind === 'TRANSACTION') {
        if (Number.isNaN(nextCheckpoint)) nextCheckpoint = event.eventTime + CHECKPOINT_MS;
        if (event.eventTime >= nextCheckpoint) {
          await sender.flush();
          await passCheckpoint(stream);
          nextCheckpoint +=
            CHECKPOINT_MS * Math.ceil((event.eventTime - nextCheckpoint + 1) / CHECKPOINT_MS);
        }
      }
      sender.add(event);
    }
    await sender.flush();
  }
  await sender.send(feed.drain());
}

async function passCheckpoint(stream: EventStream): Promise<void> {
  const { ledger } = stream;
  let last = '';
  let movedAt = performance.now();
  for (;;) {
    const missing = ledger.withoutOutcome(ledger.accepted).length;
    if (missing === 0 && (await committedEverything(stream))) return;
    const progress = `${missing}:${ledger.recordsRead}`;
    if (progress !== last) {
      last = progress;
      movedAt = performance.now();
    } else if (performance.now() - movedAt > stream.stallMs) {
      throw new Error(
        `the stream stalled at a checkpoint: nothing moved for ${stream.stallMs / 1000} s with ${missing} of ${ledger.accepted.size} accepted events still without an outcome`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Ingest has passed every raw event and features has applied every label (and transaction). */
async function committedEverything({ ledger, admin }: EventStream): Promise<boolean> {
  try {
    const snapshot = await ledger.snapshot(admin, ['rawEvents', 'transactions', 'labels']);
    if (!ledger.caughtUpTo(snapshot)) return false;
    return (
      (await ledger.groupLag(admin, 'ingest')) === 0 &&
      (await ledger.groupLag(admin, 'features')) === 0
    );
  } catch {
    return false; // the broker is away: not yet
  }
}
