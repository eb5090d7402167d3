import { parseArgs } from 'node:util';
import { HANDBOOK_15 } from '@rtml/feature-engine';
import { OnnxModelScorer } from '../model/onnx-model.scorer';
import { scoreInMicroBatches } from '../score/micro-batch.scorer';
import { matrixOf, syntheticRows, trainArtifact } from '../testing/trained-model.fixture';

/**
 * The ONNX ceiling of `npm run bench`: rows per second the service's micro-batch scorer takes
 * alone (no Kafka, no Avro), with a model shaped like the default one (300 trees of depth 4 on
 * handbook-15), in batches of 500 rows split into runs of MAX_BATCH (default 1,000, as the
 * service). Prints one JSON line: {"events","seconds","eventsPerSecond"}.
 *
 *   node --conditions=@rtml/source --import tsx services/scoring/src/bench/onnx-scoring.ceiling.ts --events 100000
 */
const KAFKA_BATCH = 500;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { events: { type: 'string', default: '100000' } } });
  const events = Number(values.events);
  const maxBatch = Number(process.env['MAX_BATCH'] ?? 1_000);
  const artifact = trainArtifact({ trees: 300, maxDepth: 4, rows: 20_000 });
  const scorer = await OnnxModelScorer.create(artifact.model, artifact.manifest);
  const batch = matrixOf(syntheticRows(HANDBOOK_15, KAFKA_BATCH, 7));
  const run = () =>
    scoreInMicroBatches({
      values: batch.values,
      rows: KAFKA_BATCH,
      width: 15,
      maxBatch,
      champion: scorer,
    });
  for (let i = 0; i < 20; i++) await run(); // warm-up
  const batches = Math.ceil(events / KAFKA_BATCH);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < batches; i++) await run();
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  await scorer.release();
  const scored = batches * KAFKA_BATCH;
  process.stdout.write(
    `${JSON.stringify({
      events: scored,
      seconds,
      eventsPerSecond: Math.round(scored / seconds),
      clientCpuUs: cpu.user + cpu.system,
    })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
