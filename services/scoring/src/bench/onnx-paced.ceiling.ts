import { parseArgs } from 'node:util';
import { HANDBOOK_15 } from '@rtml/feature-engine';
import { OnnxModelScorer } from '../model/onnx-model.scorer';
import type { OnnxThreading } from '../model/onnx-model.scorer';
import { matrixOf, syntheticRows, trainArtifact } from '../testing/trained-model.fixture';

/**
 * CPU per scored row at a stream's pace, for ONNX Runtime's threading settings side by side: a
 * run of `--rows` rows every `--interval-ms` (60 rows every 5 ms is 12,000 rows/s offered in
 * the small runs a stream at 1,000 events/s hands over), `--runs` of them, with a model shaped
 * like the default one (300 trees of depth 4 on handbook-15). The process's CPU (every thread,
 * from `process.cpuUsage`) is counted over the whole paced loop, idle gaps included, less an
 * equal loop that only sleeps: a pool that spin-waits between runs pays for it there, which a
 * tight-loop ceiling never shows. Settings alternate for `--rounds`; prints one JSON line with
 * each setting's CPU-µs per row in every round and their median.
 *
 *   node --conditions=@rtml/source --import tsx services/scoring/src/bench/onnx-paced.ceiling.ts \
 *     --rows 60 --interval-ms 5 --runs 300 --rounds 3
 */
const SETTINGS: Readonly<Record<string, OnnxThreading | 'runtime-default'>> = {
  // ONNX Runtime's own: a thread per core, spinning (what ONNX_THREADS unset gave before).
  'runtime-default': 'runtime-default',
  'threads-2-quiet': { threads: 2, spinning: false },
  'threads-1': { threads: 1 },
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '60' },
      'interval-ms': { type: 'string', default: '5' },
      runs: { type: 'string', default: '300' },
      rounds: { type: 'string', default: '3' },
    },
  });
  const rows = Number(values.rows);
  const intervalMs = Number(values['interval-ms']);
  const runs = Number(values.runs);
  const rounds = Number(values.rounds);
  const artifact = trainArtifact({ trees: 300, maxDepth: 4, rows: 20_000 });
  const batch = matrixOf(syntheticRows(HANDBOOK_15, rows, 7));
  const sleep = () => new Promise((resolve) => setTimeout(resolve, intervalMs));
  const cpuUs = (from: NodeJS.CpuUsage) => {
    const used = process.cpuUsage(from);
    return used.user + used.system;
  };
  const perRow: Record<string, number[]> = {};
  for (let round = 0; round < rounds; round += 1)
    for (const [name, setting] of Object.entries(SETTINGS)) {
      const scorer = await OnnxModelScorer.create(
        artifact.model,
        artifact.manifest,
        setting === 'runtime-default' ? { threads: 0, spinning: true } : setting,
      );
      for (let i = 0; i < 20; i += 1) await scorer.score(batch.values, rows); // warm-up
      const paced = process.cpuUsage();
      for (let i = 0; i < runs; i += 1) {
        await scorer.score(batch.values, rows);
        await sleep();
      }
      const pacedUs = cpuUs(paced);
      const idle = process.cpuUsage();
      for (let i = 0; i < runs; i += 1) await sleep();
      const idleUs = cpuUs(idle);
      await scorer.release();
      (perRow[name] ??= []).push(Math.round(((pacedUs - idleUs) / (runs * rows)) * 10) / 10);
    }
  const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  process.stdout.write(
    `${JSON.stringify({
      bench: 'onnx-paced',
      rows,
      interval_ms: intervalMs,
      runs,
      cpu_us_per_row: perRow,
      median_cpu_us_per_row: Object.fromEntries(
        Object.entries(perRow).map(([name, xs]) => [name, median(xs)]),
      ),
    })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
