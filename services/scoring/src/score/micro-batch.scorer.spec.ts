import { RecordingScorer } from '../testing/serving-model.fixture';
import { scoreInMicroBatches } from './micro-batch.scorer';

const WIDTH = 3;
/** Row r holds [r, r, r]; the fake models score a row by its first value. */
const matrix = (rows: number) =>
  Float32Array.from({ length: rows * WIDTH }, (_, i) => Math.floor(i / WIDTH));

describe('scoring in micro-batches', () => {
  it('runs the model once per micro-batch of at most MAX_BATCH rows, keeping row order', async () => {
    const champion = new RecordingScorer(WIDTH, (row) => row[0]! / 1000);

    const scores = await scoreInMicroBatches({
      values: matrix(2_500),
      rows: 2_500,
      width: WIDTH,
      maxBatch: 1_000,
      champion,
    });

    expect(champion.runs).toEqual([1_000, 1_000, 500]);
    expect(scores.chunks.map(({ start, end }) => [start, end])).toEqual([
      [0, 1_000],
      [1_000, 2_000],
      [2_000, 2_500],
    ]);
    expect(scores.champion[0]).toBeCloseTo(0);
    expect(scores.champion[2_499]).toBeCloseTo(2.499);
    expect(scores.challenger).toBeUndefined();
  });

  it('scores the challenger on the same rows as the champion', async () => {
    const champion = new RecordingScorer(WIDTH, (row) => row[0]! / 10);
    const challenger = new RecordingScorer(WIDTH, (row) => row[0]! / 20);

    const scores = await scoreInMicroBatches({
      values: matrix(4),
      rows: 4,
      width: WIDTH,
      maxBatch: 3,
      champion,
      challenger,
    });

    expect(challenger.runs).toEqual([3, 1]);
    expect(Array.from(scores.challenger!)).toEqual(
      Array.from(scores.champion).map((s) => Math.fround(s / 2)),
    );
  });

  it('lets other work run between micro-batches', async () => {
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 0);
    const champion = new RecordingScorer(WIDTH);
    champion.score = async (values, rows) => {
      const until = Date.now() + 3;
      while (Date.now() < until); // a run holds the event loop, like ONNX Runtime's
      return new Float32Array(rows);
    };

    await scoreInMicroBatches({
      values: matrix(10),
      rows: 10,
      width: WIDTH,
      maxBatch: 1,
      champion,
    });
    clearInterval(timer);

    expect(ticks).toBeGreaterThanOrEqual(5);
  });

  it('scores nothing for an empty batch', async () => {
    const champion = new RecordingScorer(WIDTH);

    const scores = await scoreInMicroBatches({
      values: matrix(0),
      rows: 0,
      width: WIDTH,
      maxBatch: 10,
      champion,
    });

    expect(champion.runs).toEqual([]);
    expect(scores.chunks).toEqual([]);
  });
});
