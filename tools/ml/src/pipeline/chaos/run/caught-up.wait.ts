import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Admin } from 'kafkajs';
import { CONSUMER_GROUP_KEYS } from '@rtml/contracts';
import { describeErrorOnOneLine } from '@rtml/errors';
import { StoredItemsPoller } from '../../outcome/stored-items.poller';
import type { BoundedWait } from '../verdict/fault.verdict';
import type { OffsetSnapshot, RunLedger } from './run.ledger';

export interface CatchUp {
  readonly ledger: RunLedger;
  readonly admin: Admin;
  readonly dynamodb: DynamoDBClient;
  readonly table: string;
  /** The events that must be out: a prediction message or a dead letter, and (unless dead-lettered) a stored item. */
  readonly ids: readonly string[];
  /** Only what the topics held at this moment must be consumed; absent: everything, now. */
  readonly until?: OffsetSnapshot;
  readonly boundMs: number;
  readonly intervalMs?: number;
}

/**
 * Polls until the pipeline has caught up: every recorder has read its topic (to `until` or to
 * now), every id has its outcome and its stored item, and no consumer group of the pipeline
 * (the delivery worker's included) has a data record left uncommitted. Returns how long that took, or null and what was outstanding when `boundMs`
 * passed. Kafka being unreachable (a broker restart) just counts as not yet.
 */
export async function waitCaughtUp(catchUp: CatchUp): Promise<BoundedWait> {
  const startedAt = performance.now();
  const poller = new StoredItemsPoller(catchUp.dynamodb, catchUp.table, catchUp.ids);
  let outstanding = 'not polled yet';
  for (;;) {
    try {
      outstanding = await whatIsOutstanding(catchUp, poller);
    } catch (error) {
      outstanding = `not measurable: ${describeErrorOnOneLine(error)}`;
    }
    const elapsed = performance.now() - startedAt;
    if (outstanding === '') return { ms: Math.round(elapsed), boundMs: catchUp.boundMs };
    if (elapsed > catchUp.boundMs) return { ms: null, boundMs: catchUp.boundMs, outstanding };
    await new Promise((resolve) => setTimeout(resolve, catchUp.intervalMs ?? 500));
  }
}

async function whatIsOutstanding(catchUp: CatchUp, poller: StoredItemsPoller): Promise<string> {
  const { ledger, admin } = catchUp;
  const snapshot = catchUp.until ?? (await ledger.snapshot(admin));
  if (!ledger.caughtUpTo(snapshot)) return 'the suite’s readers are still reading';
  const problems: string[] = [];
  const missing = ledger.withoutOutcome(catchUp.ids);
  if (missing.length > 0) problems.push(`${missing.length} events without a prediction`);
  else {
    await poller.poll();
    const unstored = catchUp.ids.filter(
      (id) => poller.isMissing(id) && !ledger.deadLettered.has(id),
    ).length;
    if (unstored > 0) problems.push(`${unstored} predicted events not stored`);
  }
  const lags = await Promise.all(
    CONSUMER_GROUP_KEYS.map(
      async (group) => [group, await ledger.groupLag(admin, group, catchUp.until)] as const,
    ),
  );
  const lagging = lags.filter(([, lag]) => lag > 0);
  if (lagging.length > 0)
    problems.push(`lag ${lagging.map(([group, lag]) => `${group} ${lag}`).join(', ')}`);
  return problems.join('; ');
}
