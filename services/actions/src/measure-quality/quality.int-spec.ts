import { sampleValue } from '@rtml/observability';
import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Label, Prediction } from '@rtml/contracts';
import { labelFixture, predictionFixture } from '@rtml/contracts/testing';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HANDBOOK_15 } from '@rtml/feature-engine';
import { averagePrecision, cardPrecisionAtK, rocAuc } from '@rtml/model-training';
import {
  eventually,
  freePort,
  testEndpoints,
  useDynamoDb,
  useKafka,
  useS3Bucket,
} from '@rtml/testing';
import { ActionsServiceHarness, predictionOf } from '../testing/actions-service.harness';

const API_KEY = 'quality-suite-key';
const DAY = 86_400_000;
const DELAY = 7 * DAY; // LABEL_DELAY_DAYS' default
const NOW = Date.now();
// Three whole UTC days, two months ago (items expire a retention after ingestion, which is now).
const T0 = Math.floor(NOW / DAY) * DAY - 60 * DAY;
const MODEL = 'quality-model';

interface Numbers {
  events: number;
  frauds: number;
  auc: number | null;
  ap: number | null;
  cardPrecision: number | null;
}
interface Answer {
  model: string;
  k: number;
  clock: number | null;
  versions: Array<{
    version: string;
    role: string;
    overall: Numbers;
    days: Array<Numbers & { day: string; complete: boolean }>;
  }>;
}

/** A deterministic pseudo-random sequence, so the suite's data is the same every run. */
function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

describe('online quality through the running actions service', () => {
  const kafka = useKafka();
  const dynamo = useDynamoDb();
  const s3 = useS3Bucket();
  let harness: ActionsServiceHarness;
  /** The model `train --from-store` wrote (the retrain test publishes it as the champion). */
  let trainedDir: string | undefined;

  beforeAll(async () => {
    harness = new ActionsServiceHarness({
      kafka: kafka.kafka,
      endpoints: testEndpoints(),
      prefix: kafka.prefix.replace(/\.$/, ''),
      httpPort: await freePort(),
      tableName: dynamo.tableName,
      env: {
        API_KEYS: API_KEY,
        QUALITY_K: '10',
        QUALITY_WINDOW_DAYS: '3',
        QUALITY_REFRESH_SECONDS: '1',
      },
    });
    kafka.adoptTopics(harness.topicNames);
    for (const group of harness.groupNames) kafka.groupId(group);
    await harness.start();
  }, 120_000);
  afterAll(() => harness?.stop());

  const random = sequence(11);
  // 450 transactions of 40 customers over three days: champion v1 scores all, challenger v2 the
  // even ones; about one in ten a fraud, some genuine ones confirmed by a label.
  const predictions: Prediction[] = Array.from({ length: 450 }, (_, i) =>
    predictionOf(`q-${i}`, String(Math.floor(random() * 40)), T0 + Math.floor(random() * 3 * DAY), {
      score: Math.round(random() * 200) / 200,
      decision: 'ALLOW',
      model: { name: MODEL, version: '1' },
      shadow:
        i % 2 === 0
          ? { model: { name: MODEL, version: '2' }, score: random(), decision: 'ALLOW' }
          : null,
      timings: { ...predictionFixture.timings, ingestedAt: NOW },
    }),
  );
  const fraud = new Set(predictions.filter(() => random() < 0.1).map((p) => p.eventId));
  const labels: Label[] = predictions
    .filter((p) => fraud.has(p.eventId) || random() < 0.05)
    .map((p) => ({
      ...labelFixture,
      eventId: `lbl-${p.eventId}`,
      transactionId: p.eventId,
      transactionTime: p.eventTime,
      customerId: p.entityId,
      fraud: fraud.has(p.eventId),
      eventTime: p.eventTime + DAY,
      ingestedAt: NOW,
    }));
  // A later event that moves the event clock past the three days' delay.
  const tick = predictionOf('q-tick', 'c-tick', T0 + 3 * DAY + DELAY, {
    model: { name: 'another-model', version: '9' },
    timings: { ...predictionFixture.timings, ingestedAt: NOW },
  });

  /** The reference protocol computed here, on the suite's own scores and labels. */
  const offline = (scored: readonly Prediction[], scoreOf: (p: Prediction) => number) => {
    const ordered = [...scored].sort((a, b) => a.eventTime - b.eventTime);
    const rows = {
      days: ordered.map((p) => Math.floor(p.eventTime / DAY)),
      cards: ordered.map((p) => Number(p.entityId)),
      labels: ordered.map((p) => (fraud.has(p.eventId) ? 1 : 0)),
      scores: ordered.map(scoreOf),
    };
    const cp = cardPrecisionAtK(rows, 10);
    return {
      overall: {
        events: ordered.length,
        frauds: rows.labels.filter((l) => l === 1).length,
        auc: rocAuc(rows.labels, rows.scores),
        ap: averagePrecision(rows.labels, rows.scores),
        cardPrecision: cp.mean,
      },
      perDay: cp.perDay.map((d) => d.precision),
    };
  };
  const champion = offline(predictions, (p) => p.score);
  const challenger = offline(
    predictions.filter((p) => p.shadow !== null),
    (p) => p.shadow!.score,
  );

  const settled = async () => {
    await eventually(
      async () => {
        expect(await harness.uncommitted(kafka.committedOffsets)).toBe(0);
        expect(await harness.uncommittedLabels(kafka.committedOffsets)).toBe(0);
      },
      { timeoutMs: 40_000, description: 'the predictions and labels to be committed' },
    );
  };
  const quality = async (query: string): Promise<Answer> => {
    const response = await fetch(`${harness.baseUrl}/v1/models/${MODEL}/quality${query}`, {
      headers: { 'x-api-key': API_KEY },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as Answer;
  };
  const day = (offset: number) => new Date(T0 + offset * DAY).toISOString().slice(0, 10);

  it('counts nothing before the events have matured', async () => {
    await harness.produceLabels(labels);
    await harness.produce(predictions);
    await settled();
    const answer = await quality(`?from=${day(0)}&to=${day(2)}`);
    expect(answer.versions).toEqual([]);
  });

  it('equals the offline protocol on the same scores and labels once matured, per version and role, and counts a redelivered batch once', async () => {
    // The same predictions again, as after a crash before their commit, then the clock's tick.
    await harness.produce(predictions);
    await harness.produce([tick]);
    await settled();

    await eventually(
      async () => {
        const answer = await quality(`?from=${day(0)}&to=${day(2)}`);
        expect(answer).toMatchObject({ model: MODEL, k: 10, clock: tick.eventTime });
        expect(answer.versions.map((v) => [v.version, v.role, v.overall])).toEqual([
          ['1', 'champion', champion.overall],
          ['2', 'challenger', challenger.overall],
        ]);
        for (const [version, expected] of [
          [answer.versions[0]!, champion],
          [answer.versions[1]!, challenger],
        ] as const)
          expect(version.days.map((d) => [d.day, d.complete, d.cardPrecision])).toEqual([
            [day(0), true, expected.perDay[0]],
            [day(1), true, expected.perDay[1]],
            [day(2), true, expected.perDay[2]],
          ]);
      },
      // The labels' day index is eventually consistent.
      { timeoutMs: 20_000, description: 'the quality of the matured days' },
    );
    expect(champion.overall.frauds).toBeGreaterThan(20);
  });

  it('exports the same numbers as gauges, over the rolling window of the latest complete days', async () => {
    const gauge = sampleValue;
    await eventually(
      async () => {
        const text = await (await fetch(`${harness.baseUrl}/metrics`)).text();
        const of = (version: string, role: string, metric: string) =>
          gauge(text, 'rtml_model_quality', {
            model: MODEL,
            version,
            role,
            metric,
            window: 'rolling',
          });
        expect(of('1', 'champion', 'auc')).toBe(champion.overall.auc);
        expect(of('1', 'champion', 'ap')).toBe(champion.overall.ap);
        expect(of('1', 'champion', 'card_precision')).toBe(champion.overall.cardPrecision);
        expect(of('2', 'challenger', 'auc')).toBe(challenger.overall.auc);
        expect(of('2', 'challenger', 'card_precision')).toBe(challenger.overall.cardPrecision);
        expect(gauge(text, 'rtml_model_quality_day_timestamp_seconds', {})).toBe(
          (T0 + 2 * DAY) / 1_000,
        );
      },
      { timeoutMs: 20_000, description: 'the quality gauges' },
    );
  });

  it('is what `npm run model -- quality` prints: a table, then the answer as one JSON line', async () => {
    const root = resolve(__dirname, '../../../..');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--conditions=@rtml/source',
        '--import',
        'tsx',
        'tools/ml/src/model/model.cli.ts',
        'quality',
        '--name',
        MODEL,
        '--from',
        day(0),
        '--to',
        day(2),
      ],
      { cwd: root, env: { ...process.env, ACTIONS_URL: harness.baseUrl, SCORES_API_KEY: API_KEY } },
    );
    const lines = stdout.trim().split('\n');
    const answer = JSON.parse(lines.at(-1)!) as Answer;
    expect(answer.versions.map((v) => v.overall)).toEqual([champion.overall, challenger.overall]);
    expect(lines).toContain(
      `| 1 | champion | **all** | ${champion.overall.events} | ${champion.overall.frauds} | ` +
        `${champion.overall.auc!.toFixed(3)} | ${champion.overall.ap!.toFixed(3)} | ` +
        `${champion.overall.cardPrecision!.toFixed(3)} |`,
    );
    expect(lines).toContain(
      `| 2 | challenger | ${day(1)} | ${answer.versions[1]!.days[1]!.events} | ${answer.versions[1]!.days[1]!.frauds} | ` +
        `${answer.versions[1]!.days[1]!.auc!.toFixed(3)} | ${answer.versions[1]!.days[1]!.ap!.toFixed(3)} | ` +
        `${challenger.perDay[1]!.toFixed(3)} |`,
    );
  }, 60_000);

  it('hands the challenger’s paired evidence to `model compare`: the same events for both models', async () => {
    const response = await fetch(
      `${harness.baseUrl}/v1/models/${MODEL}/evidence?challenger=2&from=${day(0)}&to=${day(2)}`,
      { headers: { 'x-api-key': API_KEY } },
    );
    expect(response.status).toBe(200);
    const evidence = (await response.json()) as {
      champions: unknown[];
      labels: number[];
      champion: number[];
      challengerScores: number[];
    };
    const shadowed = predictions
      .filter((p) => p.shadow !== null)
      .sort((a, b) => a.eventTime - b.eventTime || (a.eventId < b.eventId ? -1 : 1));
    expect(evidence.champions).toEqual([{ model: MODEL, version: '1', events: shadowed.length }]);
    expect(evidence.champion).toEqual(shadowed.map((p) => p.score));
    expect(evidence.challengerScores).toEqual(shadowed.map((p) => p.shadow!.score));
    expect(evidence.labels).toEqual(shadowed.map((p) => (fraud.has(p.eventId) ? 1 : 0)));

    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--conditions=@rtml/source',
        '--import',
        'tsx',
        'tools/ml/src/model/model.cli.ts',
        'compare',
        '--name',
        MODEL,
        '--challenger',
        '2',
        '--from',
        day(0),
        '--to',
        day(2),
        '--resamples',
        '100',
      ],
      {
        cwd: resolve(__dirname, '../../../..'),
        env: { ...process.env, ACTIONS_URL: harness.baseUrl, SCORES_API_KEY: API_KEY },
      },
    );
    const report = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
      comparison: {
        events: number;
        metrics: { auc: { a: { value: number }; b: { value: number } } };
      };
    };
    expect(report.comparison.events).toBe(shadowed.length);
    // The same events: the champion's AUC here is its AUC on the shadowed events alone.
    expect(report.comparison.metrics.auc.b.value).toBe(challenger.overall.auc);
  }, 60_000);

  it('refuses a range it will not read, with the reason', async () => {
    const response = await fetch(
      `${harness.baseUrl}/v1/models/${MODEL}/quality?from=2018-01-01&to=2018-12-31`,
      { headers: { 'x-api-key': API_KEY } },
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'REQUEST_INVALID' });
    const unknown = await fetch(`${harness.baseUrl}/v1/models/${MODEL}/quality?size=3`, {
      headers: { 'x-api-key': API_KEY },
    });
    expect(unknown.status).toBe(400);
  });

  it('serves the logged vectors of matured days with their labels, and `model train --from-store` trains on them', async () => {
    // 17 days from T0 + 20 days (train 3, the 7-day delay, the held-out week), 40 events a day
    // on handbook-15, the amount telling frauds apart; then a tick past the last day's delay.
    const start = T0 + 20 * DAY;
    const rows = sequence(5);
    const served = Array.from({ length: 17 * 40 }, (_, i) => {
      const isFraud = rows() < 0.15;
      return {
        fraud: isFraud,
        prediction: predictionOf(
          `s-${i}`,
          String(100 + (i % 30)),
          start + Math.floor(i / 40) * DAY + (i % 40) * 60_000,
          {
            decision: 'ALLOW',
            model: { name: MODEL, version: '1' },
            shadow: null,
            featureSet: { name: HANDBOOK_15.name, version: String(HANDBOOK_15.version) },
            features: HANDBOOK_15.features.map((feature, f) => ({
              name: feature.name,
              value:
                f === 0 ? (isFraud ? 150 : 40) + rows() * 60 : Math.round(rows() * 1_000) / 100,
            })),
            timings: { ...predictionFixture.timings, ingestedAt: NOW },
          },
        ),
      };
    });
    await harness.produceLabels(
      served
        .filter(({ fraud }) => fraud)
        .map(({ prediction: p }) => ({
          ...labelFixture,
          eventId: `lbl-${p.eventId}`,
          transactionId: p.eventId,
          transactionTime: p.eventTime,
          customerId: p.entityId,
          fraud: true,
          eventTime: p.eventTime + DAY,
          ingestedAt: NOW,
        })),
    );
    await harness.produce(served.map(({ prediction }) => prediction));
    await harness.produce([{ ...tick, eventId: 'q-tick-2', eventTime: start + 17 * DAY + DELAY }]);
    await settled();

    const first = served.slice(0, 40);
    await eventually(
      async () => {
        const response = await fetch(
          `${harness.baseUrl}/v1/feature-sets/handbook-15/labelled-rows?version=1&day=${day(20)}`,
          { headers: { 'x-api-key': API_KEY } },
        );
        expect(response.status).toBe(200);
        expect(await response.json()).toMatchObject({
          featureSet: 'handbook-15',
          day: day(20),
          complete: true,
          eventIds: first.map(({ prediction }) => prediction.eventId),
          labels: first.map(({ fraud }) => (fraud ? 1 : 0)),
          features: first.map(({ prediction }) => prediction.features.map((f) => f.value)),
        });
      },
      { timeoutMs: 20_000, description: 'the first day’s labelled rows' },
    );

    const output = join(mkdtempSync(join(tmpdir(), 'rtml-from-store-')), 'model');
    await promisify(execFile)(
      process.execPath,
      [
        '--conditions=@rtml/source',
        '--import',
        'tsx',
        'tools/ml/src/model/model.cli.ts',
        'train',
        '--from-store',
        '--from',
        day(20),
        '--to',
        day(22),
        '--model',
        'logreg',
        '--output',
        output,
      ],
      {
        cwd: resolve(__dirname, '../../../..'),
        env: { ...process.env, ACTIONS_URL: harness.baseUrl, SCORES_API_KEY: API_KEY },
      },
    );
    const manifest = JSON.parse(readFileSync(join(output, 'manifest.json'), 'utf8')) as {
      trainingData: { rows: number; frauds: number; source: string; sourceSha256: string };
      metrics: { heldOut: { rows: number } } | Record<string, unknown>;
    };
    trainedDir = output;
    const trainedOn = served.slice(0, 3 * 40);
    expect(manifest.trainingData).toMatchObject({
      rows: trainedOn.length,
      frauds: trainedOn.filter(({ fraud }) => fraud).length,
      source: `served feature vectors: ${harness.baseUrl}/v1/feature-sets/handbook-15/labelled-rows?version=1`,
      sourceSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  }, 120_000);

  it('refuses to train from the store on days that have not matured', async () => {
    const output = join(mkdtempSync(join(tmpdir(), 'rtml-from-store-')), 'model');
    const run = promisify(execFile)(
      process.execPath,
      [
        '--conditions=@rtml/source',
        '--import',
        'tsx',
        'tools/ml/src/model/model.cli.ts',
        'train',
        '--from-store',
        '--from',
        day(40),
        '--to',
        day(42),
        '--output',
        output,
      ],
      {
        cwd: resolve(__dirname, '../../../..'),
        env: { ...process.env, ACTIONS_URL: harness.baseUrl, SCORES_API_KEY: API_KEY },
      },
    );
    await expect(run).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining(`${day(40)} has not matured in the store yet`),
    });
  }, 60_000);

  it('runs one cycle of the loop with `model retrain`: trains a challenger from the store, then waits for its evidence', async () => {
    const cli = (args: string[]) =>
      promisify(execFile)(
        process.execPath,
        [
          '--conditions=@rtml/source',
          '--import',
          'tsx',
          'tools/ml/src/model/model.cli.ts',
          ...args,
        ],
        {
          cwd: resolve(__dirname, '../../../..'),
          env: {
            ...process.env,
            ACTIONS_URL: harness.baseUrl,
            SCORES_API_KEY: API_KEY,
            MODEL_BUCKET: s3.bucket,
          },
        },
      );
    const last = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!) as unknown;
    expect(trainedDir).toBeDefined();
    await cli(['publish', '--name', MODEL, '--dir', trainedDir!]);
    await cli(['promote', '--name', MODEL, '--version', '1']);

    const first = await cli(['retrain', '--name', MODEL, '--train-days', '3', '--model', 'logreg']);
    // The event clock is 7 days past the last served day (36): the latest range whose
    // held-out week has matured ends 14 days before it.
    expect(last(first.stdout)).toEqual({
      decided: null,
      reason: null,
      trained: '2',
      trainedOn: { from: day(20), to: day(22) },
    });
    const shown = await cli(['show', '--name', MODEL, '--alias', 'challenger']);
    expect(last(shown.stdout)).toMatchObject({
      alias: 'challenger',
      manifest: { version: '2', trainingData: { from: day(20), to: day(22) } },
    });

    const second = await cli([
      'retrain',
      '--name',
      MODEL,
      '--train-days',
      '3',
      '--model',
      'logreg',
    ]);
    expect(last(second.stdout)).toEqual({
      decided: 'waiting',
      reason: expect.stringContaining('not enough matured evidence: 0 events scored by both'),
      trained: null,
      trainedOn: null,
    });
  }, 180_000);
});
