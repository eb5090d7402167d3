import { HopLatencyRecorder } from './hop-latency.recorder';

const timings = (ingestedAt: number) => ({
  ingestedAt,
  enrichedAt: ingestedAt + 10,
  scoredAt: ingestedAt + 25,
});

describe('HopLatencyRecorder', () => {
  it('puts every hop of an event on one clock, from the producer timestamp to the stored item', () => {
    const recorder = new HopLatencyRecorder();
    recorder.produced('e1', 1_000);
    recorder.predicted('e1', timings(1_004));
    recorder.stored('e1', { after: 1_040, by: 1_070 });
    const { paths, stored_window_ms } = recorder.latencies();

    expect(paths.producer_to_ingested).toMatchObject({ count: 1, p50: 4, max: 4 });
    expect(paths.ingested_to_enriched.p50).toBe(10);
    expect(paths.enriched_to_scored.p50).toBe(15);
    expect(paths.scored_to_stored.p50).toBe(41);
    expect(paths.ingested_to_scored.p50).toBe(25);
    expect(paths.producer_to_scored.p50).toBe(29);
    expect(paths.ingested_to_stored.p50).toBe(66);
    expect(paths.producer_to_stored.p50).toBe(70);
    expect(paths.scored_to_stored_at_least.p50).toBe(11);
    expect(paths.ingested_to_stored_at_least.p50).toBe(36);
    expect(paths.producer_to_stored_at_least.p50).toBe(40);
    expect(stored_window_ms).toMatchObject({ count: 1, p50: 30 });
  });

  it('records a path only for the events that have both its ends', () => {
    const recorder = new HopLatencyRecorder();
    recorder.predicted('timed', timings(2_000));
    recorder.produced('timed', 1_990);
    recorder.stored('timed', { after: 2_025, by: 2_060 });
    recorder.predicted('not-sampled', timings(3_000));
    recorder.produced('never-predicted', 500);
    recorder.stored('never-predicted', { after: 600, by: 700 });
    const { paths } = recorder.latencies();

    expect(paths.ingested_to_scored.count).toBe(2);
    expect(paths.producer_to_ingested.count).toBe(1);
    expect(paths.producer_to_stored.count).toBe(1);
    expect(paths.producer_to_stored.p50).toBe(70);
  });

  it('counts an event’s first prediction and ignores a redelivered duplicate', () => {
    const recorder = new HopLatencyRecorder();

    expect(recorder.predicted('e1', timings(1_000))).toBe(true);
    expect(recorder.predicted('e1', { ...timings(1_000), scoredAt: 9_999 })).toBe(false);
    expect(recorder.latencies().paths.ingested_to_scored).toMatchObject({ count: 1, max: 25 });
  });
});
