import { binCounts, populationStability, referenceDistribution } from '@rtml/model-training';
import { DRIFT_BUCKETS, DriftWindow } from './drift.window';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Two inputs: an amount around 50 and a count 0..9; the score around 0.1. */
const reference = {
  period: { from: '2018-08-01', to: '2018-08-07' },
  rows: 1_000,
  features: [
    referenceDistribution(Array.from({ length: 1_000 }, (_, i) => 40 + (i % 20))),
    referenceDistribution(Array.from({ length: 1_000 }, (_, i) => i % 10)),
  ],
  score: referenceDistribution(Array.from({ length: 1_000 }, (_, i) => (i % 100) / 500)),
};

interface Event {
  readonly time: number;
  readonly values: [number, number];
  readonly score: number;
}

/** PSI over `events` computed the offline way: all of them at once, no buckets. */
const offline = (events: readonly Event[]) => ({
  features: [0, 1].map((i) =>
    populationStability(
      reference.features[i]!,
      binCounts(
        reference.features[i]!.edges,
        events.map((event) => event.values[i]!),
      ),
    ),
  ),
  score: populationStability(
    reference.score,
    binCounts(
      reference.score.edges,
      events.map((e) => e.score),
    ),
  ),
});

describe('DriftWindow', () => {
  it('measures what an offline computation over the same events gives', () => {
    const window = new DriftWindow(reference, DAY);
    const events: Event[] = Array.from({ length: 500 }, (_, i) => ({
      time: Date.UTC(2018, 8, 1) + i * 60_000,
      values: [45 + (i % 40), i % 3],
      score: (i % 50) / 100,
    }));
    for (const event of events) window.observe(event.time, event.values, event.score);

    const reading = window.read();
    const expected = offline(events);
    expect(reading.events).toBe(500);
    reading.features.forEach((psi, i) => expect(psi).toBeCloseTo(expected.features[i]!, 12));
    expect(reading.score).toBeCloseTo(expected.score, 12);
    expect(reading.features[1]).toBeGreaterThan(0.25); // counts 0..2 instead of 0..9
  });

  it('is near 0 on events drawn like the reference', () => {
    const window = new DriftWindow(reference, DAY);
    for (let i = 0; i < 2_000; i++)
      window.observe(Date.UTC(2018, 8, 1) + i * 1_000, [40 + (i % 20), i % 10], (i % 100) / 500);
    const reading = window.read();
    expect(Math.max(...reading.features, reading.score)).toBeLessThan(0.01);
  });

  it('slides by event time: events a window older than the newest one drop out, late ones are not counted', () => {
    const window = new DriftWindow(reference, DAY);
    const start = Date.UTC(2018, 8, 1);
    const shifted: Event[] = Array.from({ length: 100 }, (_, i) => ({
      time: start + i * 1_000,
      values: [500, 9],
      score: 0.9,
    }));
    for (const event of shifted) window.observe(event.time, event.values, event.score);
    expect(window.read().features[0]).toBeGreaterThan(0.25);

    const later: Event[] = Array.from({ length: 1_000 }, (_, i) => ({
      time: start + DAY + HOUR + i * 1_000,
      values: [40 + (i % 20), i % 10],
      score: (i % 100) / 500,
    }));
    for (const event of later) window.observe(event.time, event.values, event.score);
    window.observe(start, [500, 9], 0.9); // older than the window now: ignored

    const reading = window.read();
    expect(reading.events).toBe(1_000);
    expect(reading.to - reading.from).toBe(DRIFT_BUCKETS * Math.floor(DAY / DRIFT_BUCKETS));
    expect(reading.from).toBeGreaterThan(start + 100_000);
    reading.features.forEach((psi, i) => expect(psi).toBeCloseTo(offline(later).features[i]!, 12));
  });
});
