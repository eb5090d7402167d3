import {
  EXACTLY_ONCE_KAFKAJS,
  benchRunFixture,
  ceilingsFixture,
  setupRunFixture,
} from './bench-run.fixture';
import { benchReport } from './bench.report';
import { ceilingsTable, clientsTable, latencyTable, targetsTable } from './bench-tables.format';

describe('the bench tables', () => {
  const report = benchReport(
    [benchRunFixture(2_200, 80), benchRunFixture(2_300, 90), benchRunFixture(2_100, 86)],
    [EXACTLY_ONCE_KAFKAJS],
    [1_000],
  );
  const primary = report.setups['exactly_once_v2/kafkajs'];

  it('lists each target with the median and range measured, and whether it is met', () => {
    const table = targetsTable('exactly_once_v2/kafkajs', primary?.targets ?? [], 3);

    expect(table.split('\n')).toEqual([
      '[exactly_once_v2/kafkajs] issue 11 targets, median of 3 runs (min–max); met or not on the median:',
      '| measure                                                               | measured               | target      | met     |',
      '| --------------------------------------------------------------------- | ---------------------- | ----------- | ------- |',
      '| predictions sustained, flat out                                       | 2,200 (2,100–2,300) /s | ≥ 10,000 /s | not met |',
      '| stored items, vs the DynamoDB Local ceiling                           | 27.5 (26.3–28.8) %     | ≥ 80 %      | not met |',
      '| p99 accepted → prediction at 1,000 /s                                 | 258 (240–270) ms       | ≤ 50 ms     | not met |',
      '| p99 producer timestamp → stored item at 1,000 /s (as first read)      | 258 (240–270) ms       | ≤ 150 ms    | not met |',
      '| window store alone, records per Redis core-second (the Redis ceiling) | 40,000 /s              | ≥ 50,000 /s | not met |',
      '| pipeline CPU per event, flat out                                      | 1,100 µs               | ≤ 250 µs    | not met |',
    ]);
  });

  it('says when a target was not measured', () => {
    const unmeasured = benchReport([benchRunFixture(2_200, 80)], [EXACTLY_ONCE_KAFKAJS], [500]);
    const table = targetsTable(
      'exactly_once_v2/kafkajs',
      unmeasured.setups['exactly_once_v2/kafkajs']?.targets ?? [],
      1,
    );

    expect(table).toContain('one run');
    expect(table).toMatch(
      /p99 accepted → prediction at 1,000 \/s +\| not measured +\| ≤ 50 ms +\| n\/a/,
    );
  });

  it('gives every path’s percentiles at a rate and how the stored items were timed', () => {
    const paced = primary?.latency_at_rates['1000'];
    const lines = paced ? latencyTable('exactly_once_v2/kafkajs', paced, 3).split('\n') : [];

    expect(lines[0]).toBe(
      '[exactly_once_v2/kafkajs] latency at 1,000 events/s, ms, median of 3 runs (min–max):',
    );
    expect(lines[1]).toMatch(/^\| path +\| n +\| p50 +\| p90 +\| p99 +\| p99\.9 +\| max +\|$/);
    expect(lines).toHaveLength(3 + 11 + 1);
    expect(lines[3]).toMatch(
      /^\| producer → ingest \(events\.raw, ingest\) +\| 1,000 +\| 86 \(80–90\) +\| 172 \(160–180\) +\| 258 \(240–270\) +\| 344 \(320–360\) +\| 430 \(400–450\) +\|$/,
    );
    expect(lines[14]).toBe(
      'stored: 1 transaction in 10 timed by reading the table (0 not found in time, 0 failed reads, 100 already there at the first read); "stored" is the read that found the item, "at least" the last read that missed it (p50 10, max 50 ms apart)',
    );
  });

  it('gives each publisher client against the first as ratios', () => {
    const twoClients = benchReport(
      [
        {
          ceilings_eps: ceilingsFixture(4_000),
          setups: {
            'exactly_once_v2/kafkajs': setupRunFixture(3_000, 100, 800),
            'exactly_once_v2/platformatic': setupRunFixture(3_600, 60, 680),
          },
        },
      ],
      [EXACTLY_ONCE_KAFKAJS, { guarantee: 'exactly_once_v2', clients: 'platformatic' }],
      [1_000],
    );

    expect(clientsTable(twoClients.clients_compared).split('\n')).toEqual([
      'Kafka client mixes, ratio within each round (back to back), median (min–max) over the rounds:',
      '| guarantee       | clients                | rounds | pipeline CPU-µs per event, flat out | predictions/s flat out | p99 accepted → prediction at 1,000/s |',
      '| --------------- | ---------------------- | ------ | ----------------------------------- | ---------------------- | ------------------------------------ |',
      '| exactly_once_v2 | platformatic ÷ kafkajs | 1      | 0.85                                | 1.20                   | 0.60                                 |',
    ]);
  });

  it('gives each ceiling’s rate and CPU per unit, their sum per transaction and each setup against it', () => {
    expect(ceilingsTable(report).split('\n')).toEqual([
      'the ceilings, median of 3 runs (min–max):',
      '| ceiling                               | units/s | client CPU-µs | stack CPU-µs | CPU-µs per unit | per transaction |',
      '| ------------------------------------- | ------- | ------------- | ------------ | --------------- | --------------- |',
      '| Kafka produce → consume (a hop)       | 50,000  | 30.0          | 10.0         | 40.0            | 4               |',
      '| features window store (a transaction) | 10,000  | 40.0          | 25.0         | 65.0            | 1               |',
      '| ONNX scoring (a row)                  | 200,000 | 5.0           | 0.0          | 5.0             | 1               |',
      '| DynamoDB batch writes (an item)       | 4,000   | 100.0         | 400.0        | 500.0           | 1               |',
      'sum of the parts: 730 CPU-µs per transaction; the pipeline and emulators flat out against it: exactly_once_v2/kafkajs 2.74×',
    ]);
  });
});
