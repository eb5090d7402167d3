import { monitorEventLoopDelay } from 'node:perf_hooks';
import { HANDBOOK_15 } from '@rtml/feature-engine';
import { OnnxModelScorer } from '../model/onnx-model.scorer';
import { matrixOf, syntheticRows, trainArtifact } from '../testing/trained-model.fixture';
import { scoreInMicroBatches } from './micro-batch.scorer';

/**
 * ONNX scoring throughput alone (no Kafka, no Avro), and how long scoring holds the event loop.
 * The model is shaped like the tuned handbook GBDT (300 trees of depth 4 on handbook-15).
 *
 *   node --conditions=@rtml/source --import tsx services/scoring/src/score/onnx-throughput.bench.ts
 */
const BATCHES = [1, 100, 500, 1_000, 5_000];
const ROWS_PER_SIZE = 200_000;

async function main(): Promise<void> {
  const artifact = trainArtifact({ trees: 300, maxDepth: 4, rows: 20_000 });
  const scorer = await OnnxModelScorer.create(artifact.model, artifact.manifest);
  const results: Record<string, number> = {};
  for (const batch of BATCHES) {
    const matrix = matrixOf(syntheticRows(HANDBOOK_15, batch, 7));
    for (let i = 0; i < 20; i++) await scorer.score(matrix.values, batch); // warm-up
    const runs = Math.max(50, Math.ceil(ROWS_PER_SIZE / batch));
    const started = performance.now();
    for (let i = 0; i < runs; i++) await scorer.score(matrix.values, batch);
    const seconds = (performance.now() - started) / 1_000;
    results[`rowsPerSecondAtBatch${batch}`] = Math.round((batch * runs) / seconds);
    print(
      `batch ${batch}: ${results[`rowsPerSecondAtBatch${batch}`]} rows/s, ${((seconds * 1_000) / runs).toFixed(3)} ms per run`,
    );
  }
  const kafkaBatch = matrixOf(syntheticRows(HANDBOOK_15, 5_000, 8));
  for (const maxBatch of [5_000, 1_000]) {
    const delay = monitorEventLoopDelay({ resolution: 1 });
    let longestRunMs = 0;
    delay.enable();
    for (let i = 0; i < 20; i++) {
      const scored = await scoreInMicroBatches({
        values: kafkaBatch.values,
        rows: 5_000,
        width: 15,
        maxBatch,
        champion: scorer,
      });
      longestRunMs = Math.max(longestRunMs, ...scored.chunks.map((chunk) => chunk.scoringMs));
    }
    delay.disable();
    // A run is one synchronous native call: its duration is how long it holds the event loop.
    results[`longestRunMsAtMaxBatch${maxBatch}`] = Number(longestRunMs.toFixed(2));
    results[`p99EventLoopDelayMsAtMaxBatch${maxBatch}`] = Number(
      (delay.percentile(99) / 1e6).toFixed(2),
    );
    print(
      `5,000-row Kafka batch, MAX_BATCH ${maxBatch}: longest run ${longestRunMs.toFixed(2)} ms, ` +
        `event-loop delay p99 ${(delay.percentile(99) / 1e6).toFixed(2)} ms`,
    );
  }
  await scorer.release();
  print(JSON.stringify({ bench: 'onnx-scoring', cpus: navigator.hardwareConcurrency, ...results }));
}

const print = (line: string) => process.stdout.write(`${line}\n`);

void main();
