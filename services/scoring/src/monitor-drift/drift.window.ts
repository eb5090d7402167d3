import type { ManifestReference } from '@rtml/contracts';
import { binOf, populationStability } from '@rtml/model-training';

/** Population stability of each input and of the score over the window, against the reference. */
export interface DriftReading {
  /** One per input, in input order. */
  readonly features: readonly number[];
  readonly score: number;
  /** Events in the window. */
  readonly events: number;
  /** The window, event time, epoch milliseconds: [from, to). */
  readonly from: number;
  readonly to: number;
}

/** Bin counts of the events whose event time falls in one bucket of the window. */
interface Bucket {
  readonly features: number[][];
  readonly score: number[];
  events: number;
}

/** How many buckets a window is cut into: it slides one bucket at a time. */
export const DRIFT_BUCKETS = 24;

/**
 * One model version's inputs and scores over a sliding event-time window, binned as its
 * manifest's reference is. The window ends at the newest event time seen (rounded up to a
 * bucket) and slides a bucket at a time; an event older than the window is not counted. Counts
 * are kept per bucket, so reading is a sum of at most `DRIFT_BUCKETS` count vectors: what
 * drifts is measured on the same events an offline computation over that window would use.
 */
export class DriftWindow {
  private readonly buckets = new Map<number, Bucket>();
  private readonly bucketMs: number;
  private newest = -Infinity;

  constructor(
    private readonly reference: ManifestReference,
    windowMs: number,
  ) {
    this.bucketMs = Math.max(1, Math.floor(windowMs / DRIFT_BUCKETS));
  }

  observe(eventTime: number, values: ArrayLike<number>, score: number): void {
    const index = Math.floor(eventTime / this.bucketMs);
    if (index > this.newest) {
      this.newest = index;
      for (const old of this.buckets.keys())
        if (old <= index - DRIFT_BUCKETS) this.buckets.delete(old);
    } else if (index <= this.newest - DRIFT_BUCKETS) {
      return;
    }
    const bucket = this.buckets.get(index) ?? this.emptyBucket(index);
    const { features, score: scoreDistribution } = this.reference;
    for (let i = 0; i < features.length; i++)
      bucket.features[i]![binOf(features[i]!.edges, values[i] as number)]! += 1;
    bucket.score[binOf(scoreDistribution.edges, score)]! += 1;
    bucket.events += 1;
  }

  read(): DriftReading {
    const { features, score } = this.reference;
    const featureCounts = features.map((d) => new Array<number>(d.shares.length).fill(0));
    const scoreCounts = new Array<number>(score.shares.length).fill(0);
    let events = 0;
    for (const bucket of this.buckets.values()) {
      bucket.features.forEach((counts, i) => addInto(featureCounts[i]!, counts));
      addInto(scoreCounts, bucket.score);
      events += bucket.events;
    }
    const to = (this.newest + 1) * this.bucketMs;
    return {
      features: features.map((d, i) => populationStability(d, featureCounts[i]!)),
      score: populationStability(score, scoreCounts),
      events,
      from: to - DRIFT_BUCKETS * this.bucketMs,
      to,
    };
  }

  private emptyBucket(index: number): Bucket {
    const bucket: Bucket = {
      features: this.reference.features.map((d) => new Array<number>(d.shares.length).fill(0)),
      score: new Array<number>(this.reference.score.shares.length).fill(0),
      events: 0,
    };
    this.buckets.set(index, bucket);
    return bucket;
  }
}

function addInto(total: number[], counts: readonly number[]): void {
  for (let i = 0; i < counts.length; i++) total[i]! += counts[i]!;
}
