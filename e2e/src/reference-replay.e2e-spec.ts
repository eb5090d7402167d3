import { spawn } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { MODEL_NAME, usePipeline } from './pipeline/pipeline.harness';

const ROOT = resolve(__dirname, '..', '..');
const REFERENCE = resolve(ROOT, '..', 'shared', 'data', 'handbook-transactions.csv.gz');
/** The first two weeks: long enough for every delayed, label-driven terminal window to fill. */
const UNTIL = '2018-04-15T00:00:00Z';

/** Runs an npm script of the workspace; resolves with its stdout, rejects with its stderr tail. */
function npmRun(
  script: string,
  args: readonly string[],
  env: Record<string, string>,
): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn('npm', ['run', '--silent', script, '--', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) =>
      code === 0
        ? done(stdout)
        : fail(new Error(`${script} exited ${code}: ${stderr.slice(-3_000)}`)),
    );
  });
}

/** The reference file's rows before `until`, as a plain CSV with the same header. */
async function firstWeeks(path: string, until: string): Promise<string> {
  const lines: string[] = [];
  const reader = createInterface({ input: createReadStream(REFERENCE).pipe(createGunzip()) });
  for await (const line of reader) {
    const time = line.split(',', 3)[1] ?? '';
    if (lines.length > 0 && time >= until) break;
    lines.push(line);
  }
  reader.close();
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** `TRANSACTION_ID` → the rest of the row after dropping `skip` columns, from a CSV file. */
function rowsById(path: string, skip: number): Map<string, string> {
  const [header, ...rows] = readFileSync(path, 'utf8').trim().split('\n');
  const rowsMap = new Map<string, string>([
    [
      'header',
      (header ?? '')
        .split(',')
        .slice(1 + skip)
        .join(','),
    ],
  ]);
  for (const row of rows) {
    const cells = row.split(',');
    rowsMap.set(cells[0] ?? '', cells.slice(1 + skip).join(','));
  }
  return rowsMap;
}

const describeWithData = existsSync(REFERENCE) ? describe : describe.skip;

describeWithData(
  'replaying the first two weeks of the reference data through the live pipeline',
  () => {
    const pipeline = usePipeline();
    const work = mkdtempSync(join(tmpdir(), 'rtml-replay-'));

    it('gives every transaction the offline engine’s feature vector, to the last bit', async () => {
      const input = await firstWeeks(join(work, 'first-weeks.csv'), UNTIL);
      const env = {
        ...pipeline.env(),
        INGEST_HTTP_PORT: pipeline.port('ingest'),
        FEATURES_HTTP_PORT: pipeline.port('features'),
        SCORING_HTTP_PORT: pipeline.port('scoring'),
        ACTIONS_HTTP_PORT: pipeline.port('actions'),
      };

      const output = await npmRun('replay', ['--input', input], env).catch((error: unknown) => {
        throw new Error(`${(error as Error).message}\n${pipeline.diagnosis()}`);
      });
      const replayed = JSON.parse(output.trim().split('\n').pop() ?? '') as {
        sent: number;
        skipped: number;
        stored: number;
        dlq: number;
      };
      await npmRun(
        'features:backfill',
        ['--input', input, '--output', join(work, 'offline.csv')],
        env,
      );
      await npmRun('scores:export', ['--output', join(work, 'online.csv')], env);

      const offline = rowsById(join(work, 'offline.csv'), 0);
      const online = rowsById(join(work, 'online.csv'), 2);
      expect(replayed).toMatchObject({ dlq: 0, skipped: 0, stored: replayed.sent });
      expect(online.size).toBe(offline.size);
      expect(online.get('header')).toBe(offline.get('header'));
      const differing = [...offline]
        .filter(([id, values]) => online.get(id) !== values)
        .map(([id]) => id);
      expect(differing).toEqual([]);
      expect(replayed.sent).toBeGreaterThan(100_000);
    }, 1_200_000);

    it('scored them with the champion of the suite', async () => {
      expect(await pipeline.models.registry.resolveAlias(MODEL_NAME, 'champion')).toMatchObject({
        pointer: { version: '1' },
      });
    });
  },
);
