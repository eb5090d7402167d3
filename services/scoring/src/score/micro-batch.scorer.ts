import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { ModelScorer } from '../model/model-scorer.port';

/** Scores of one micro-batch: rows [start, end) and what they cost. */
export interface ScoredChunk {
  readonly start: number;
  readonly end: number;
  /** Milliseconds in the champion's run for this micro-batch. */
  readonly scoringMs: number;
  /** Wall clock when the micro-batch was scored, epoch milliseconds. */
  readonly scoredAt: number;
}

export interface BatchScores {
  readonly champion: Float32Array;
  /** The challenger's scores of the same rows; undefined when there is no challenger. */
  readonly challenger: Float32Array | undefined;
  readonly chunks: readonly ScoredChunk[];
}

export interface MicroBatchInput {
  /** rows × width feature values, row-major. */
  readonly values: Float32Array;
  readonly rows: number;
  readonly width: number;
  /** Rows per run. */
  readonly maxBatch: number;
  readonly champion: ModelScorer;
  readonly challenger?: ModelScorer | undefined;
  readonly now?: () => number;
}

/**
 * Scores a matrix with one run per micro-batch of at most `maxBatch` rows, the challenger right
 * after the champion on the same rows. A run holds the event loop (ONNX Runtime runs on the main
 * thread), so we yield between micro-batches: heartbeats, fetches and probes get a turn every run.
 */
export async function scoreInMicroBatches(input: MicroBatchInput): Promise<BatchScores> {
  const { values, rows, width, maxBatch, champion, challenger } = input;
  const now = input.now ?? Date.now;
  const championScores = new Float32Array(rows);
  const challengerScores = challenger === undefined ? undefined : new Float32Array(rows);
  const chunks: ScoredChunk[] = [];
  for (let start = 0; start < rows; start += maxBatch) {
    if (start > 0) await yieldToEventLoop();
    const end = Math.min(rows, start + maxBatch);
    const slice = values.subarray(start * width, end * width);
    const began = performance.now();
    championScores.set(await champion.score(slice, end - start), start);
    const scoringMs = performance.now() - began;
    if (challenger !== undefined && challengerScores !== undefined) {
      challengerScores.set(await challenger.score(slice, end - start), start);
    }
    chunks.push({ start, end, scoringMs, scoredAt: now() });
  }
  return { champion: championScores, challenger: challengerScores, chunks };
}
