import { randomUUID } from 'node:crypto';
import type { WebhookDelivery } from '@rtml/contracts';
import { AppError } from '@rtml/errors';
import type {
  IncomingRecord,
  Parsed,
  StageDefinition,
  StageOutputs,
  StageTopic,
} from '@rtml/kafka';
import type { PipelineMetrics } from '@rtml/observability';
import { delay, mapBounded } from '../shared/bounded-concurrency';
import type { AttemptClaim, DeliveryAttemptStore } from './delivery-attempt.store';
import { parseWebhookDelivery } from './webhook-delivery.parser';
import { outcomeOf, planAttempt, retryDelayMs } from './webhook-retry.policy';
import type { WebhookRetryOptions } from './webhook-retry.policy';
import type { WebhookTarget } from './webhook-target.factory';
import type { WebhookAnswer, WebhookSender } from './webhook.sender';

export const WEBHOOK_DELIVERIES_STAGE = 'webhook-deliveries';

/** Answers remembered per claim token, for batches retried in this process. */
const MAX_REMEMBERED_CALLS = 100_000;

export interface WebhookDeliveriesStageParts {
  /** Reads the Avro values of the deliveries topic: the registry's serde, or the test codec. */
  readonly reader: { decode(buffer: Buffer): Promise<unknown> };
  readonly targets: readonly WebhookTarget[];
  readonly sender: Pick<WebhookSender, 'attempt'>;
  readonly attempts: DeliveryAttemptStore;
  /** The deliveries topic and its value subject (prefix included): where deferrals go. */
  readonly deliveries: StageTopic;
  readonly retry: WebhookRetryOptions;
  /** WEBHOOK_TIMEOUT_MS: the longest one attempt takes. */
  readonly timeoutMs: number;
  /** WEBHOOK_BATCH_BUDGET_MS: how long one batch may spend on its deliveries. */
  readonly batchBudgetMs: number;
  /** Deliveries of a batch in flight at once. */
  readonly concurrency: number;
  readonly metrics?: PipelineMetrics;
  /** The clock and the waits; tests replace them. */
  readonly clock?: { now(): number; sleep(ms: number): Promise<void> };
  readonly random?: () => number;
}

type Item = Parsed<WebhookDelivery>;

/**
 * The delivery worker: the webhook outbox (`webhooks.deliveries`) in, one webhook call at a time
 * per delivery, in its own consumer group, so a slow or dead receiver holds up only deliveries,
 * never storing predictions.
 *
 * Delivery guarantee (key and idempotency key: the delivery id). Each delivery is attempted at
 * most `retry.maxAttempts` times in total, across restarts, rebalances and duplicate records:
 * every attempt is first counted in DynamoDB by a conditional write (`DeliveryAttemptStore`),
 * and a redelivered record finds its attempts counted. Receivers deduplicate on
 * `x-rtml-delivery-id`. A DynamoDB blip costs no attempt: a claim whose answer was lost is
 * resumed by its token when the batch is retried, and its call made once. A batch ends within `batchBudgetMs` (plus one DynamoDB round trip),
 * whatever the receivers do: no attempt starts that could time out past the deadline, and a
 * delivery whose next attempt does not fit is re-emitted with its attempts so far and its
 * `nextAttemptAt` (in the transaction that commits the batch), not slept on. After the last
 * attempt, or an answer that asking again cannot change, the delivery record is dead-lettered
 * (DEPENDENCY_UNAVAILABLE, with the last answer): once under exactly_once_v2; under
 * at_least_once a crash before the commit can repeat it, as any output.
 */
export function webhookDeliveriesStage(
  parts: WebhookDeliveriesStageParts,
): StageDefinition<WebhookDelivery> {
  const clock = parts.clock ?? { now: Date.now, sleep: delay };
  const targets = new Map(parts.targets.map((target) => [target.id, target]));
  const { maxAttempts } = parts.retry;
  // Claim tokens are this process's: a claim whose answer never came is resumed here, where it
  // is known whether its call was made; another process (a crash's successor, a zombie) never
  // resumes it, so at worst the attempt is lost, never made twice.
  const instance = randomUUID();
  const answers = new BoundedMap<string, WebhookAnswer>(MAX_REMEMBERED_CALLS);

  const deliver = async (
    item: Item,
    deadline: number,
    signal: AbortSignal,
    out: StageOutputs<WebhookDelivery>,
  ) => {
    const delivery = item.value;
    const target = targets.get(delivery.webhookId);
    if (target === undefined) return out.reject(item, unconfigured(delivery));
    let { attempts, nextAttemptAt } = delivery;
    const { partition, offset } = item.record;
    for (let claims = 0; ; claims += 1) {
      const plan = planAttempt(clock.now(), nextAttemptAt, deadline, parts.timeoutMs);
      if (plan.waitMs > 0) await clock.sleep(plan.waitMs);
      if (plan.kind === 'defer') return defer(item, { ...delivery, attempts, nextAttemptAt }, out);
      // Given up (a stop past its drain deadline): the next owner goes on from the counter.
      if (signal.aborted) throw new AppError('DEPENDENCY_UNAVAILABLE', 'the batch was given up');
      // The same record processed again (the batch retried) claims with the same tokens.
      const token = `${instance}/${partition}/${offset}/${claims}`;
      const claim = await parts.attempts.claim(delivery.deliveryId, maxAttempts, token);
      if (claim.kind === 'delivered') return; // an attempt before a crash, or another copy's
      if (claim.kind === 'closed') return deadLetter(item, closedError(delivery, claim), out);
      // Resumed after a failure of this batch: the call is made only if it was not already.
      let answer = answers.get(token);
      if (answer === undefined) {
        answer = await parts.sender.attempt(target.url, delivery);
        answers.set(token, answer);
      }
      const outcome = outcomeOf(answer.status);
      await parts.attempts.record(delivery.deliveryId, {
        ...answer,
        ...(outcome === 'retry'
          ? {}
          : { settled: outcome === 'delivered' ? 'delivered' : 'refused' }),
      });
      if (outcome === 'delivered') return void count('delivered');
      if (outcome === 'give-up' || claim.attempt >= maxAttempts)
        return deadLetter(item, undeliveredError(delivery, claim.attempt, answer), out);
      count('retried');
      attempts = claim.attempt;
      nextAttemptAt = clock.now() + retryDelayMs(claim.attempt - 1, parts.retry, parts.random);
    }
  };

  const defer = (item: Item, value: WebhookDelivery, out: StageOutputs<WebhookDelivery>) => {
    count('deferred');
    out.emit(item, {
      to: parts.deliveries,
      key: value.deliveryId,
      value,
      eventId: value.alert.eventId,
    });
  };

  const deadLetter = (item: Item, error: AppError, out: StageOutputs<WebhookDelivery>) => {
    count('dead-lettered');
    out.reject(item, error);
  };

  const count = (outcome: string) => parts.metrics?.webhookDeliveries.inc({ outcome });

  return {
    name: WEBHOOK_DELIVERIES_STAGE,
    service: 'actions',
    async parse(record: IncomingRecord): Promise<WebhookDelivery> {
      if (record.value === null)
        throw new AppError('UNDECODABLE', 'a tombstone is not a webhook delivery');
      return parseWebhookDelivery(await parts.reader.decode(record.value));
    },
    async process(batch, out) {
      const deadline = clock.now() + parts.batchBudgetMs;
      // Two copies of one delivery in a batch (at_least_once duplicates): the first one speaks.
      const seen = new Set<string>();
      const unique = batch.items.filter(
        (item) => !seen.has(item.value.deliveryId) && seen.add(item.value.deliveryId),
      );
      // Every delivery runs to its end before a failure retries the batch, so no attempt of this
      // batch is still in flight when the batch is processed again.
      const failures: unknown[] = [];
      await mapBounded(unique, parts.concurrency, (item) =>
        deliver(item, deadline, batch.signal, out).catch(
          (error: unknown) => void failures.push(error),
        ),
      );
      if (failures.length > 0) throw failures[0];
    },
  };
}

function unconfigured(delivery: WebhookDelivery): AppError {
  return new AppError(
    'NOT_FOUND',
    `webhook ${delivery.endpoint} is no longer configured (WEBHOOK_URLS): alert ${delivery.alert.alertId} was not delivered to it`,
    { details: { url: delivery.endpoint, alertId: delivery.alert.alertId } },
  );
}

function undeliveredError(
  delivery: WebhookDelivery,
  attempts: number,
  last: WebhookAnswer,
): AppError {
  const answer = last.status === undefined ? (last.error ?? 'none') : `HTTP ${last.status}`;
  return new AppError(
    'DEPENDENCY_UNAVAILABLE',
    `webhook ${delivery.endpoint} did not accept alert ${delivery.alert.alertId} after ${attempts} attempt(s), last answer: ${answer}`,
    {
      details: {
        url: delivery.endpoint,
        alertId: delivery.alert.alertId,
        deliveryId: delivery.deliveryId,
        attempts,
        status: last.status,
      },
    },
  );
}

/** No attempt left when the record came (re)delivered: what the counter remembers. */
function closedError(
  delivery: WebhookDelivery,
  claim: Extract<AttemptClaim, { kind: 'closed' }>,
): AppError {
  return undeliveredError(delivery, claim.attempts, {
    ...(claim.lastStatus === undefined ? {} : { status: claim.lastStatus }),
    ...(claim.lastError === undefined ? {} : { error: claim.lastError }),
  });
}

/** A Map that forgets its oldest entries past `capacity`. */
class BoundedMap<K, V> {
  private readonly entries = new Map<K, V>();
  constructor(private readonly capacity: number) {}
  get(key: K): V | undefined {
    return this.entries.get(key);
  }
  set(key: K, value: V): void {
    this.entries.set(key, value);
    if (this.entries.size <= this.capacity) return;
    const oldest = this.entries.keys().next();
    if (oldest.done !== true) this.entries.delete(oldest.value);
  }
}
