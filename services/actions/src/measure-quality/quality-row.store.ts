import type { Prediction } from '@rtml/contracts';
import type { QualityRow } from './quality-row.mapper';

/** Where a delivered batch came from: what makes its quality items the same when redone. */
export interface QualityBatchPosition {
  readonly partition: number;
  readonly firstOffset: string;
}

/**
 * The port in front of the quality rows: per UTC day, what each stored prediction was scored by
 * (champion and shadow). Storing a batch again writes the same items.
 */
export abstract class QualityRowStore {
  abstract putBatch(
    position: QualityBatchPosition,
    predictions: readonly Prediction[],
  ): Promise<void>;
  /** The rows of one UTC day (`YYYY-MM-DD`), each event once. */
  abstract rowsOfDay(day: string): Promise<QualityRow[]>;
}
