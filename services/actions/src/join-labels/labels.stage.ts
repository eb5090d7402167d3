import type { Label } from '@rtml/contracts';
import { AppError } from '@rtml/errors';
import type { IncomingRecord, StageDefinition } from '@rtml/kafka';
import { timeStep } from '@rtml/observability';
import type { PipelineMetrics } from '@rtml/observability';
import type { LabelStore } from './label.store';
import { parseLabel } from './label.parser';

export const LABELS_STAGE = 'labels';

export interface LabelsStageParts {
  /** Reads the Avro values of `labels`: the registry's serde, or the test codec. */
  readonly reader: { decode(buffer: Buffer): Promise<unknown> };
  readonly labels: LabelStore;
  readonly metrics?: PipelineMetrics;
}

/**
 * The label stage of actions: `labels` in, each label stored by the event id of the transaction
 * it labels, for the scores API to join to the prediction (`OutcomeReader`). Nothing else comes
 * out but dead letters.
 *
 * Delivery guarantee (key: customer id; idempotency: the labelled event id). A label is stored
 * whether or not its prediction is, so one that arrives first waits in the table, never in
 * memory. Each event keeps its newest label (conditional puts, `supersedes`), so a batch
 * processed again (after a crash, a failed commit or a rebalance) rewrites the same items and
 * leaves one per event, and an old label replayed later does not undo a newer one. A record
 * that can never be stored is dead-lettered by the runtime; a DynamoDB outage retries the batch.
 */
export function labelsStage(parts: LabelsStageParts): StageDefinition<Label> {
  return {
    name: LABELS_STAGE,
    service: 'actions',
    async parse(record: IncomingRecord): Promise<Label> {
      if (record.value === null) throw new AppError('UNDECODABLE', 'a tombstone is not a label');
      return parseLabel(await parts.reader.decode(record.value));
    },
    async process(batch) {
      await timeStep(parts.metrics, 'store-labels', () =>
        parts.labels.putAll(batch.items.map((item) => item.value)),
      );
    },
  };
}
