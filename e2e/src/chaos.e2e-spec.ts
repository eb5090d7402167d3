import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CLI = 'tools/ml/src/pipeline/chaos/chaos.cli.ts';

/**
 * The faults CI runs on every change (`--short`, about 4-5 minutes in all): a graceful restart
 * with a burst in flight (drain, deliver, commit: zero replays), a crash with records in flight
 * (exactly-once outputs), a registry outage while a new schema id is in use (a dependency
 * failure is never a bad record), a frozen DynamoDB (bounded requests, claims that cost no
 * attempt) and an oversized record on every input topic (a dead letter always fits, a poison
 * record blocks nothing). Two more runs take four of them with every producer on
 * @platformatic/kafka, under each guarantee (below, about 3 minutes each). `npm run chaos` runs
 * all of them.
 */
const FAULTS = [
  'restart-features',
  'kill-scoring',
  'registry-down',
  'dynamodb-freeze',
  'oversized-records',
] as const;

/** The part of a fault's JSON line the assertions read (see tools/ml/.../fault.report.ts). */
interface FaultLine {
  readonly fault: string;
  readonly ok: boolean;
  readonly lost: number;
  readonly duplicates: Readonly<Record<string, number>>;
  readonly duplicatesAllowed: boolean;
  readonly recoverMs: number | null;
  readonly failures: readonly string[];
}

interface ChaosRun {
  readonly faults: readonly string[];
  readonly code: number | null;
  readonly lines: readonly Record<string, unknown>[];
  readonly stderrTail: string;
}

/**
 * Runs `npm run chaos -- --short --faults ...` as a user would, collecting its JSON lines, on this
 * workspace's services as the e2e target built them (so the suite does not build them again), or
 * on those built under RTML_CHAOS_SERVICES_ROOT (another checkout, to compare revisions).
 */
function runChaos(
  faults: readonly string[],
  extraArgs: readonly string[] = [],
  env: Readonly<Record<string, string>> = {},
): Promise<ChaosRun> {
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
        ...extraArgs,
      ],
      { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
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
        faults,
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
const describeLocal = process.env['RTML_TEST_STACK'] === 'containers' ? describe.skip : describe;

function lineOfRun(run: ChaosRun, fault: string): FaultLine {
  const line = run.lines.find((candidate) => candidate['fault'] === fault);
  if (line === undefined)
    throw new Error(`no JSON line for ${fault} (exit ${run.code}):\n${run.stderrTail}`);
  return line as unknown as FaultLine;
}

function expectNoDuplicates(line: FaultLine): void {
  expect(Object.values(line.duplicates).every((count) => count === 0)).toBe(true);
}

function expectSummaryOf(run: ChaosRun): void {
  const summary = run.lines.find((line) => 'chaos' in line);
  expect(summary).toMatchObject({ faults: run.faults.length });
  expect(run.code).toBe(summary?.['chaos'] === 'passed' ? 0 : 1);
}

describeLocal('the fault suite, short subset (npm run chaos -- --short)', () => {
  let run: ChaosRun;
  const lineOf = (fault: string): FaultLine => lineOfRun(run, fault);

  beforeAll(async () => {
    run = await runChaos(FAULTS);
  }, 900_000);

  it('ends with a summary line over every fault, and exits 0 only when all passed', () => {
    expectSummaryOf(run);
  });

  it('loses nothing and doubles nothing on any output topic when scoring is SIGKILLed with records in flight', () => {
    const line = lineOf('kill-scoring');
    expect(line.failures).toEqual([]);
    expect(line).toMatchObject({ ok: true, lost: 0 });
    expectNoDuplicates(line);
  });

  it('keeps every valid Avro event framed with a new schema id while the schema registry is down', () => {
    const line = lineOf('registry-down');
    expect(line.failures).toEqual([]);
    expect(line).toMatchObject({ ok: true, lost: 0 });
  });

  it('drains, delivers and commits the in-flight burst when features is stopped gracefully: zero replays', () => {
    const line = lineOf('restart-features');
    expect(line.failures).toEqual([]);
    expect(line).toMatchObject({ ok: true, lost: 0 });
    expectNoDuplicates(line);
  });

  it('stores every event and delivers every alert once a frozen DynamoDB wakes up', () => {
    const line = lineOf('dynamodb-freeze');
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

/**
 * Every consumer and producer of the services on @platformatic/kafka (KAFKA_CLIENT=platformatic),
 * under both guarantees: the stage consumers read every hop, the publishers carry ingest's
 * outputs (and every stage's at least once), the transactional writers every stage's outputs
 * exactly once. A graceful restart replays nothing;
 * a crash of scoring or of the broker loses nothing, and doubles nothing exactly once (at least
 * once its replays are the duplicates that guarantee allows); an oversized record fails alone.
 */
const PLATFORMATIC_FAULTS = [
  'restart-features',
  'kill-scoring',
  'broker-kill',
  'oversized-records',
] as const;

describeLocal.each(['exactly_once_v2', 'at_least_once'])(
  'the fault suite with every consumer and producer on @platformatic/kafka, %s',
  (guarantee) => {
    let run: ChaosRun;
    const lineOf = (fault: string): FaultLine => lineOfRun(run, fault);
    const exactlyOnce = guarantee === 'exactly_once_v2';

    beforeAll(async () => {
      run = await runChaos(PLATFORMATIC_FAULTS, ['--guarantee', guarantee], {
        KAFKA_CLIENT: 'platformatic',
      });
    }, 900_000);

    it('ends with a summary line over every fault, and exits 0 only when all passed', () => {
      expectSummaryOf(run);
    });

    it('drains, delivers and commits on a graceful stop: zero replays', () => {
      const line = lineOf('restart-features');
      expect(line.failures).toEqual([]);
      expect(line).toMatchObject({ ok: true, lost: 0, duplicatesAllowed: false });
      expectNoDuplicates(line);
    });

    it.each(['kill-scoring', 'broker-kill'])(
      'loses nothing when %s crashes, and doubles nothing exactly once',
      (fault) => {
        const line = lineOf(fault);
        expect(line.failures).toEqual([]);
        expect(line).toMatchObject({ ok: true, lost: 0, duplicatesAllowed: !exactlyOnce });
        if (exactlyOnce) expectNoDuplicates(line);
      },
    );

    it('dead-letters an oversized record on every input topic once and keeps every other event flowing', () => {
      const line = lineOf('oversized-records');
      expect(line.failures).toEqual([]);
      expect(line).toMatchObject({ ok: true, lost: 0 });
      expect(line.recoverMs).not.toBeNull();
    });
  },
);
