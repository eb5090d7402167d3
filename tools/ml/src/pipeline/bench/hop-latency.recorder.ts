import type { PredictionTimings } from '@rtml/contracts';
import { LatencyHistogram } from './latency.histogram';
import type { LatencyPercentiles } from './latency.histogram';

/**
 * The latency paths the bench reports, each from one timestamp to another of the same event,
 * all epoch milliseconds of this one machine's clock:
 * - `producer`: the Kafka record timestamp of the event on events.raw (CreateTime, set by the
 *   load driver's producer when it encoded the produce request);
 * - `ingested`, `enriched`, `scored`: the prediction's timings (ingest accepted the event, the
 *   features service computed its vector, scoring produced its score);
 * - `stored`: when the bench's probe first read the event's item from DynamoDB (actions records
 *   no time of its own in the item, which is a pure function of the prediction): an upper
 *   bound. The `_at_least` paths end instead at the last read that missed the item (or at
 *   `scoredAt` when the first read found it): a lower bound. Each percentile of the true
 *   latency lies between the two paths' same percentile.
 */
export const LATENCY_PATHS = {
  producer_to_ingested: 'producer → ingest (events.raw, ingest)',
  ingested_to_enriched: 'ingest → features',
  enriched_to_scored: 'features → scoring',
  scored_to_stored: 'scoring → stored (actions, DynamoDB)',
  ingested_to_scored: 'accepted → prediction',
  producer_to_scored: 'producer → prediction',
  ingested_to_stored: 'accepted → stored',
  producer_to_stored: 'producer → stored',
  scored_to_stored_at_least: 'scoring → stored, at least',
  ingested_to_stored_at_least: 'accepted → stored, at least',
  producer_to_stored_at_least: 'producer → stored, at least',
} as const;

export type LatencyPath = keyof typeof LATENCY_PATHS;

/** Where a stored item's arrival lies: after `after` (the last read that missed it), by `by`. */
export interface StoredWindow {
  readonly after: number;
  readonly by: number;
}

export interface HopLatencies {
  readonly paths: Record<LatencyPath, LatencyPercentiles>;
  /** How wide the window of each timed stored item was: the stored paths' possible excess. */
  readonly stored_window_ms: LatencyPercentiles;
}

type Timings = Pick<PredictionTimings, 'ingestedAt' | 'enrichedAt' | 'scoredAt'>;

/**
 * Joins, per event id, what the bench saw of one event (its record timestamp, its prediction's
 * timings, its stored item) and records every path whose two ends it has. The first prediction
 * of an event counts, not a redelivered duplicate.
 */
export class HopLatencyRecorder {
  private readonly producedAt = new Map<string, number>();
  private readonly timings = new Map<string, Timings>();
  private readonly storedAt = new Map<string, StoredWindow>();

  produced(eventId: string, timestamp: number): void {
    if (!this.producedAt.has(eventId)) this.producedAt.set(eventId, timestamp);
  }

  /** True for the event's first prediction, false for a duplicate (which is not counted). */
  predicted(eventId: string, timings: Timings): boolean {
    if (this.timings.has(eventId)) return false;
    this.timings.set(eventId, timings);
    return true;
  }

  stored(eventId: string, window: StoredWindow): void {
    if (!this.storedAt.has(eventId)) this.storedAt.set(eventId, window);
  }

  latencies(): HopLatencies {
    const histograms = Object.fromEntries(
      Object.keys(LATENCY_PATHS).map((path) => [path, new LatencyHistogram()]),
    ) as Record<LatencyPath, LatencyHistogram>;
    const window = new LatencyHistogram();
    for (const [eventId, timings] of this.timings) {
      const { ingestedAt, enrichedAt, scoredAt } = timings;
      const producer = this.producedAt.get(eventId);
      const stored = this.storedAt.get(eventId);
      histograms.ingested_to_enriched.record(enrichedAt - ingestedAt);
      histograms.enriched_to_scored.record(scoredAt - enrichedAt);
      histograms.ingested_to_scored.record(scoredAt - ingestedAt);
      if (producer !== undefined) {
        histograms.producer_to_ingested.record(ingestedAt - producer);
        histograms.producer_to_scored.record(scoredAt - producer);
      }
      if (stored !== undefined) {
        histograms.scored_to_stored.record(stored.by - scoredAt);
        histograms.ingested_to_stored.record(stored.by - ingestedAt);
        histograms.scored_to_stored_at_least.record(stored.after - scoredAt);
        histograms.ingested_to_stored_at_least.record(stored.after - ingestedAt);
        window.record(stored.by - stored.after);
      }
      if (stored !== undefined && producer !== undefined) {
        histograms.producer_to_stored.record(stored.by - producer);
        histograms.producer_to_stored_at_least.record(stored.after - producer);
      }
    }
    const paths = Object.fromEntries(
      Object.entries(histograms).map(([path, histogram]) => [path, histogram.percentiles()]),
    ) as Record<LatencyPath, LatencyPercentiles>;
    return { paths, stored_window_ms: window.percentiles() };
  }
}
