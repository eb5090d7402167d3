import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ReferenceTransaction } from '../../csv/reference-transaction.model';
import { StoredItemsPoller } from './stored-items.poller';

/**
 * Leaves out the rows whose transactions an earlier run already stored. The pipeline drops an
 * event id it has seen before (exactly one outcome per event), so sending such a row again would
 * leave the run waiting for an outcome that never comes. Replays go by date range, so what an
 * earlier run stored is a run of consecutive rows: a batch is looked up in full only when its
 * first or last row is stored (two keys per batch otherwise).
 */
export class AlreadyStoredFilter {
  private skippedRows = 0;

  constructor(
    private readonly client: DynamoDBClient,
    private readonly table: string,
    private readonly eventIdOf: (row: ReferenceTransaction) => string,
  ) {}

  /** Rows left out so far. */
  get skipped(): number {
    return this.skippedRows;
  }

  async keep(rows: readonly ReferenceTransaction[]): Promise<readonly ReferenceTransaction[]> {
    const first = rows[0];
    const last = rows[rows.length - 1];
    if (first === undefined || last === undefined) return rows;
    const ends = await this.lookUp([first, last]);
    if (!ends.isMissing(this.eventIdOf(first)) || !ends.isMissing(this.eventIdOf(last))) {
      const all = await this.lookUp(rows);
      const kept = rows.filter((row) => all.isMissing(this.eventIdOf(row)));
      this.skippedRows += rows.length - kept.length;
      return kept;
    }
    return rows;
  }

  private async lookUp(rows: readonly ReferenceTransaction[]): Promise<StoredItemsPoller> {
    const poller = new StoredItemsPoller(this.client, this.table, rows.map(this.eventIdOf));
    await poller.poll();
    return poller;
  }
}
