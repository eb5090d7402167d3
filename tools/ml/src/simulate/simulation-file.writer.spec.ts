import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readReferenceCsv } from '../csv/reference-csv.reader';
import { writeSimulationFile } from './simulation-file.writer';
import { TransactionSimulator } from './transaction.simulator';
import { TransactionStats } from './transaction.stats';
import type { SimulatedDay } from './transaction.simulator';
import type { SimulationParams } from './simulation.model';

const PARAMS: SimulationParams = { customers: 200, terminals: 400, days: 20, seed: 7, radius: 5 };

describe('writeSimulationFile', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'simulate-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = async (name: string, params: SimulationParams = PARAMS): Promise<Buffer> => {
    const path = join(dir, name);
    const days = new TransactionSimulator(params).days();
    await writeSimulationFile(days, {
      path,
      startDate: '2018-04-01',
      stats: new TransactionStats(),
    });
    return readFileSync(path);
  };

  it('writes byte-identical files for the same seed, and different ones for another seed', async () => {
    const first = await write('a.csv');

    expect((await write('b.csv')).equals(first)).toBe(true);
    expect((await write('c.csv', { ...PARAMS, seed: 8 })).equals(first)).toBe(false);
  });

  it('gzips when the name ends in .gz, with the same content', async () => {
    const plain = await write('a.csv');
    const zipped = await write('a.csv.gz');

    expect(zipped.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(gunzipSync(zipped).equals(plain)).toBe(true);
  });

  it('writes a file the reference CSV reader accepts: ids from 0 in time order', async () => {
    await write('a.csv.gz');
    let expectedId = 0;
    let lastTime = -1;
    for await (const row of readReferenceCsv(join(dir, 'a.csv.gz'))) {
      expect(row.transactionId).toBe(expectedId++);
      expect(row.timeSeconds).toBeGreaterThanOrEqual(lastTime);
      expect(row.time).toBe(Date.parse('2018-04-01T00:00:00Z') / 1000 + row.timeSeconds);
      expect(row.fraud).toBe(row.fraudScenario === 0 ? 0 : 1);
      lastTime = row.timeSeconds;
    }
    expect(expectedId).toBeGreaterThan(1_000);
  });

  it('feeds every written row to the stats', async () => {
    const stats = new TransactionStats();
    const path = join(dir, 'a.csv');
    await writeSimulationFile(new TransactionSimulator(PARAMS).days(), {
      path,
      startDate: '2018-04-01',
      stats,
    });
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');

    expect(stats.report().rows).toBe(lines.length - 1);
  });

  it('leaves no file behind when the run fails midway', async () => {
    function* failing(): Generator<SimulatedDay> {
      yield* new TransactionSimulator({ ...PARAMS, days: 2 }).days();
      throw new Error('generator broke');
    }
    const path = join(dir, 'broken.csv.gz');
    const stats = new TransactionStats();

    await expect(
      writeSimulationFile(failing(), { path, startDate: '2018-04-01', stats }),
    ).rejects.toThrow('generator broke');
    expect(readdirSync(dir)).toEqual([]);
  });
});
