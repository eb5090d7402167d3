import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CLI = 'tools/ml/src/pipeline/chaos/chaos.cli.ts';

/**
 * The faults CI runs on every change (about 2-3 minutes in all, `--short`): a crash with records
 * in flight (exactly-once outputs), a registry outage while a new schema id is in use (a
 * dependency failure is never a bad record), and an oversized record on every input topic (a
 * dead letter always fits, a poison record blocks nothing). `npm run chaos` runs all of them.
 */
const FAULTS = ['kill-scoring', 'registry-down', 'oversized-records'] as const;

/** The part of a fault's JSON line the assertions read (see tools/ml/.../fault.report.ts). */
interface FaultLine {
  readonly fault: string;
  readonly ok: boolean;
  readonly lost: number;
  readonly duplicates: Readonly<Record<string, number>>;
  readonly recoverMs: number | null;
  readonly failures: readonly string[];
}

interface ChaosRun {
  readonly code: number | null;
  readonly lines: readonly Record<string, unknown>[];
  readonly stderrTail: string;
}

/**
 * Runs `npm run chaos -- --short --faults ...` as a user would, collecting its JSON lines, on this
 * workspace's services as the e2e target built them (so the suite does not build them again), or
 * on those built under RTML_CHAOS_SERVICES_ROOT (another checkout, to compare revisions).
 */
function runChaos(faults: readonly string[]): Promise<ChaosRun> {
  const servicesRoot = process.env['RTML_CHAOS_SERVICES_ROOT'] ?? ROOT;
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--disable-warning=TimeoutNegativeWarning',
        '--conditions=@rtml/source',
        '--import',
        'tsx',
        CLI,
        '--short',
        '--faults',
        faults.join(','),
        '--services-root',
        servicesRoot,
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on(
      'data',
      (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-8_000)),
    );
    child.once('error', reject);
    child.once('exit', (code) =>
      resolve({
        code,
        lines: stdout
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .map((line) => JSON.parse(line) as Record<string, unknown>),
        stderrTail: stderr,
      }),
    );
  });
}

// The suite starts a Kafka broker and a Redis of its own from the local stack's artifacts, so
// it needs the no-Docker stack; on the container path it is skipped, as the stack's own suites.
// Not yet in CI's e2e tier: it runs when RTML_CHAOS_E2E=1 (`RTML_CHAOS_E2E=1 npm test -- e2e`)
// until a recorded run of the stage runtime's build passes these three (docs/reliability.md).
const describeLocal =
  process.env['RTML_TEST_STACK'] === 'containers' || process.env['RTML_CHAOS_E2E'] !== '1'
    ? describe.skip
    : describe;

describeLocal('the fault suite, short subset (npm run chaos -- --short)', () => {
  let run: ChaosRun;
  const lineOf = (fault: string): FaultLine => {
    const line = run.lines.find((candidate) => candidate['fault'] === fault);
    if (line === undefined)
      throw new Error(`no JSON line for ${fault} (exit ${run.code}):\n${run.stderrTail}`);
    return line as unknown as FaultLine;
  };

  beforeAll(async () => {
    run = await runChaos(FAULTS);
  }, 600_000);

  it('ends with a summary line over every fault, and exits 0 only when all passed', () => {
    const summary = run.lines.find((line) => 'chaos' in line);
    expect(summary).toMatchObject({ faults: FAULTS.length });
    expect(run.code).toBe(summary?.['chaos'] === 'passed' ? 0 : 1);
  });

  it('loses nothing and doubles nothing on any output topic when scoring is SIGKILLed with records in flight', () => {
    const line = lineOf('kill-scoring');
    expect(line.failures).toEqual([]);
    expect(line).toMatchObject({ ok: true, lost: 0 });
    expect(Object.values(line.duplicates).every((count) => count === 0)).toBe(true);
  });

  it('keeps every valid Avro event framed with a new schema id while the schema registry is down', () => {
    const line = lineOf('registry-down');
    expect(line.failures).toEqual([]);
    expect(line).toMatchObject({ ok: true, lost: 0 });
  });

  it('dead-letters an oversized record on every input topic once and keeps every other event flowing', () => {
    const line = lineOf('oversized-records');
    expect(line.failures).toEqual([]);
    expect(line).toMatchObject({ ok: true, lost: 0 });
    expect(line.recoverMs).not.toBeNull();
  });
});
