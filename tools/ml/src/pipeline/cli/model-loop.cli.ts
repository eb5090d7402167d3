import { parsePrometheusText } from '@rtml/observability';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { S3Client } from '@aws-sdk/client-s3';
import { DEFAULT_ENDPOINTS } from '@rtml/config';
import { withoutSdkLogging } from '@rtml/connections';
import { describeErrorOnOneLine } from '@rtml/errors';
import { KafkaRecordPublisher, createKafkaClient } from '@rtml/kafka';
import { S3ModelRegistry, readModelDirectory } from '@rtml/model-registry';
import { cardNumbers, modelQuality } from '@rtml/model-training';
import { createLogger } from '@rtml/observability';
import { readReferenceCsvBatches } from '../../csv/reference-csv.reader';
import type { ReferenceTransaction } from '../../csv/reference-transaction.model';
import { formatUtcDay, parseUtcDay } from '../../evaluate/utc-day.calendar';
import { actionsApiOf, getActionsJson } from '../../model/actions-api.client';
import type { ActionsApi } from '../../model/actions-api.client';
import { resolveFeatureSet } from '../../model/feature-set.catalog';
import { scoreWithOnnx } from '../../model/onnx.scorer';
import { runRetrain } from '../../model/retrain.command';
import { runTrain } from '../../model/train.command';
import { DEFAULT_MODEL_TYPE } from '../../model/tuned-params.catalog';
import { REFERENCE_DATA_PATH } from '../../reference-data.path';
import { loadRegistryConfig } from '../../registry/registry.config';
import { KafkaEventSink } from '../feed/raw-event.sender';
import { dynamodbFromEnv } from '../launch/dynamodb-from-env';
import { startPipeline } from '../launch/pipeline.session';
import { STARTED_STACK_POLICY } from '../launch/session-stop.plan';
import { groupCaughtUp } from '../outcome/group-caught-up.probe';
import { runThroughPipeline } from '../outcome/pipeline.run';
import { cleanUpSlice, newSlice } from '../scale/scale.slice';
import { BOOK_BEST, loopTable, meansOf } from './model-loop.report';
import type { LoopWeek, WeekFigures } from './model-loop.report';

const DAY_MS = 86_400_000;
const log = (line: string) => process.stderr.write(`${line}\n`);

const USAGE =
  'usage: npm run model-loop -- [--input <csv.gz>] [--from 2018-06-01] [--to 2018-09-30]\n' +
  '         [--champion-from 2018-05-11 --champion-to 2018-05-17] [--train-days 7]\n' +
  '         [--model blend|gbdt|logreg] [--min-events 1000] [--keep]';

interface LoopArgs {
  readonly input: string;
  readonly from: string;
  readonly to: string;
  readonly championFrom: string;
  readonly championTo: string;
  readonly trainDays: number;
  readonly model: string;
  readonly minEvents: number;
  /** Keep the run's topics, tables and Redis keys (to query them afterwards). */
  readonly keep: boolean;
}

function parseLoopArgs(argv: readonly string[]): LoopArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      input: { type: 'string', default: REFERENCE_DATA_PATH },
      from: { type: 'string', default: '2018-06-01' },
      to: { type: 'string', default: '2018-09-30' },
      'champion-from': { type: 'string', default: '2018-05-11' },
      'champion-to': { type: 'string', default: '2018-05-17' },
      'train-days': { type: 'string', default: '7' },
      model: { type: 'string', default: DEFAULT_MODEL_TYPE },
      'min-events': { type: 'string', default: '1000' },
      keep: { type: 'boolean', default: false },
    },
    strict: true,
  });
  for (const day of [values.from, values.to, values['champion-from'], values['champion-to']])
    parseUtcDay(day);
  return {
    input: values.input,
    from: values.from,
    to: values.to,
    championFrom: values['champion-from'],
    championTo: values['champion-to'],
    trainDays: Number(values['train-days']),
    model: values.model,
    minEvents: Number(values['min-events']),
    keep: values.keep,
  };
}

/**
 * `npm run model-loop`: the model loop measured on the reference data through the live pipeline
 * (issue 13; docs/model-quality.md). On a slice of its own (topics, tables, Redis keys, model
 * name), it trains a first champion on one earlier week of the file, replays the file from its
 * start to `--to` in event-time order (each fraud's label 7 days after its transaction), and at
 * each week boundary from `--from` pauses, once everything sent is stored, for one
 * `model retrain` cycle. Then it reports, per test week whose events have all matured, the
 * online AUC, AP and CP@100 of the self-updating champion (every version that served the week,
 * from the quality API) and of the first model left frozen (its ONNX scoring the vectors the
 * pipeline served that week), against the book's best.
 */
async function main(): Promise<void> {
  const args = parseLoopArgs(process.argv.slice(2));
  const slice = newSlice(`loop-${Date.now().toString(36)}`);
  const name = `card-fraud-${slice.id}`;
  Object.assign(process.env, slice.env, { MODEL_NAME: name, QUALITY_REFRESH_SECONDS: '0' });
  const registryConfig = loadRegistryConfig(undefined, process.env);
  const s3 = withoutSdkLogging(new S3Client(registryConfig.s3));
  const registry = new S3ModelRegistry(s3, { bucket: registryConfig.bucket });
  await registry.ensureBucket();
  const work = mkdtempSync(join(tmpdir(), 'rtml-model-loop-'));
  const frozen = await firstChampion(args, registry, name, work);

  const session = await startPipeline({ log, startedStack: STARTED_STACK_POLICY.run });
  const kafka = createKafkaClient({
    brokers: (process.env['KAFKA_BROKERS'] ?? DEFAULT_ENDPOINTS.kafkaBrokers).split(','),
    clientId: 'rtml-model-loop',
    logger: createLogger({ service: 'model-loop', level: 'warn' }),
  });
  const publisher = new KafkaRecordPublisher(kafka);
  const api = actionsApiOf(session.urls.actions, process.env);
  process.env['ACTIONS_URL'] = api.url;
  const cycles: Array<{ boundary: string; outcome: unknown; drift: DriftSample }> = [];
  try {
    if (session.launched.length < 4)
      throw new Error(
        'a service was already running: stop it (the loop runs its own, on a slice of its own)',
      );
    await publisher.connect();
    const admin = kafka.admin();
    await admin.connect();
    let boundary = Date.parse(`${args.from}T00:00:00Z`);
    const end = Date.parse(`${args.to}T00:00:00Z`) + DAY_MS;
    const { report } = await runThroughPipeline({
      kafka,
      rows: until(args.input, end / 1000),
      sink: new KafkaEventSink(publisher, slice.topicPrefix),
      rate: 0,
      idPrefix: '',
      checkpointMs: DAY_MS,
      labelDelayDays: 7,
      stallTimeoutMs: 300_000,
      log,
      async onCheckpoint(eventTime) {
        while (boundary <= eventTime && boundary < end) {
          await storedCaughtUp(admin, slice.topicPrefix);
          const day = formatUtcDay(boundary / DAY_MS);
          log(`week boundary ${day}: one retrain cycle`);
          const outcome = await runRetrain(
            [
              '--name',
              name,
              '--train-days',
              String(args.trainDays),
              '--model',
              args.model,
              '--min-events',
              String(args.minEvents),
            ],
            log,
          );
          const drift = await sampleDrift(session.urls.scoring);
          log(`  ${JSON.stringify(outcome)}`);
          log(`  drift of the champion: ${JSON.stringify(drift)}`);
          cycles.push({ boundary: day, outcome, drift });
          boundary += 7 * DAY_MS;
        }
      },
    });
    await storedCaughtUp(admin, slice.topicPrefix);
    await admin.disconnect();
    log(`replayed: ${JSON.stringify(report)}`);

    const weeks = await measureWeeks(args, api, name, frozen);
    for (const line of loopTable(weeks)) process.stdout.write(`${line}\n`);
    process.stdout.write(
      `${JSON.stringify({ name, args, cycles, weeks, champion: meansOf(weeks, 'champion'), frozen: meansOf(weeks, 'frozen'), book: BOOK_BEST, replay: report })}\n`,
    );
  } finally {
    await publisher.disconnect();
    await session.stop();
    rmSync(work, { recursive: true, force: true });
    if (!args.keep) {
      const dynamodb = dynamodbFromEnv(process.env);
      const problems = await cleanUpSlice(
        {
          kafka,
          registryUrl: process.env['SCHEMA_REGISTRY_URL'] ?? DEFAULT_ENDPOINTS.schemaRegistryUrl,
          redisUrl: process.env['REDIS_URL'] ?? DEFAULT_ENDPOINTS.redisUrl,
          dynamodb,
        },
        slice,
      );
      dynamodb.destroy();
      for (const problem of problems) log(`clean-up: ${problem}`);
    }
    s3.destroy();
  }
}

/** The champion's drift gauges at one moment: the score's PSI and the inputs' largest. */
interface DriftSample {
  readonly version: string | null;
  readonly events: number | null;
  readonly score: number | null;
  /** The three inputs with the largest PSI. */
  readonly top: ReadonlyArray<{ readonly input: string; readonly psi: number }>;
  /** Inputs at or above 0.1 (moderate) and 0.25 (major). */
  readonly moderate: number;
  readonly major: number;
}

/** Reads scoring's `rtml_model_drift_psi` and `rtml_model_drift_events` for the champion. */
async function sampleDrift(scoringUrl: string): Promise<DriftSample> {
  const text = await (await fetch(`${scoringUrl}/metrics`)).text();
  const samples = parsePrometheusText(text).filter(
    (sample) => sample.labels['role'] === 'champion',
  );
  const psi = samples.filter((sample) => sample.name === 'rtml_model_drift_psi');
  const inputs = psi
    .filter((sample) => sample.labels['input'] !== 'score')
    .map((sample) => ({ input: sample.labels['input']!, psi: sample.value }))
    .sort((a, b) => b.psi - a.psi);
  return {
    version: psi[0]?.labels['version'] ?? null,
    events: samples.find((sample) => sample.name === 'rtml_model_drift_events')?.value ?? null,
    score: psi.find((sample) => sample.labels['input'] === 'score')?.value ?? null,
    top: inputs.slice(0, 3),
    moderate: inputs.filter((input) => input.psi >= 0.1).length,
    major: inputs.filter((input) => input.psi >= 0.25).length,
  };
}

/** Trains the first champion on the file's `--champion-from…--champion-to`, publishes and promotes it. */
async function firstChampion(
  args: LoopArgs,
  registry: S3ModelRegistry,
  name: string,
  work: string,
): Promise<{ onnx: Uint8Array; featureSet: string }> {
  const output = join(work, 'champion');
  log(`training the first champion on ${args.championFrom}…${args.championTo} of ${args.input}`);
  await runTrain(
    {
      command: 'train',
      data: args.input,
      features: 'handbook-15',
      model: args.model as never,
      params: {},
      from: args.championFrom,
      to: args.championTo,
      output,
    },
    log,
  );
  const artifact = await readModelDirectory(output);
  const published = await registry.publish({ name, ...artifact });
  await registry.promote(name, published.version, 'champion');
  log(`champion: ${name} version ${published.version}`);
  const loaded = await registry.loadVersion(name, published.version);
  return { onnx: loaded.model, featureSet: loaded.manifest.featureSet.name };
}

/** Until actions has stored every prediction and label sent so far. */
async function storedCaughtUp(
  admin: ReturnType<ReturnType<typeof createKafkaClient>['admin']>,
  prefix: string,
): Promise<void> {
  for (;;) {
    if (
      (await groupCaughtUp(admin, 'actions', 'predictions', prefix)) &&
      (await groupCaughtUp(admin, 'actionsLabels', 'labels', prefix))
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function* until(file: string, toSeconds: number): AsyncGenerator<ReferenceTransaction[]> {
  for await (const rows of readReferenceCsvBatches(file)) {
    const kept = rows.filter((row) => row.time < toSeconds);
    if (kept.length > 0) yield kept;
    if ((rows[rows.length - 1]?.time ?? -Infinity) >= toSeconds) return;
  }
}

interface QualityAnswer {
  readonly clock: number | null;
  readonly labelDelayDays: number;
  readonly versions: ReadonlyArray<{
    readonly version: string;
    readonly role: string;
    readonly overall: WeekFigures;
  }>;
}

interface DayRows {
  readonly complete: boolean;
  readonly entityIds: string[];
  readonly eventTimes: number[];
  readonly labels: number[];
  readonly features: number[][];
}

/** Per test week whose every event has matured: the champion's and the frozen model's figures. */
async function measureWeeks(
  args: LoopArgs,
  api: ActionsApi,
  name: string,
  frozen: { onnx: Uint8Array; featureSet: string },
): Promise<LoopWeek[]> {
  const featureSet = await resolveFeatureSet(frozen.featureSet);
  const weeks: LoopWeek[] = [];
  const lastDay = parseUtcDay(args.to);
  for (let first = parseUtcDay(args.from); first + 6 <= lastDay; first += 7) {
    const [from, to] = [formatUtcDay(first), formatUtcDay(first + 6)];
    const path = `/v1/models/${encodeURIComponent(name)}/quality`;
    const pooled = await getActionsJson<QualityAnswer>(api, path, { from, to, pool: 'role' });
    const clock = pooled.clock ?? -Infinity;
    if (clock < (first + 7) * DAY_MS - 1 + pooled.labelDelayDays * DAY_MS) {
      log(`week ${from}…${to} has not matured (the data ends before its label delay): left out`);
      continue;
    }
    const champion = pooled.versions.find((v) => v.role === 'champion');
    const each = await getActionsJson<QualityAnswer>(api, path, { from, to });
    const days: DayRows[] = [];
    for (let day = first; day <= first + 6; day++)
      days.push(
        await getActionsJson<DayRows>(
          api,
          `/v1/feature-sets/${encodeURIComponent(featureSet.name)}/labelled-rows`,
          { version: String(featureSet.version), day: formatUtcDay(day) },
        ),
      );
    const vectors = days.flatMap((day) => day.features);
    const width = featureSet.features.length;
    const values = new Float32Array(vectors.length * width);
    vectors.forEach((vector, row) => values.set(vector, row * width));
    const scores = await scoreWithOnnx(frozen.onnx, {
      rows: vectors.length,
      columns: width,
      values,
    });
    const quality = modelQuality({
      days: days.flatMap((day) => day.eventTimes.map((t) => Math.floor(t / DAY_MS))),
      cards: cardNumbers(days.flatMap((day) => day.entityIds)),
      labels: days.flatMap((day) => day.labels),
      scores,
    }).overall;
    const finite = (value: number) => (Number.isFinite(value) ? value : null);
    weeks.push({
      from,
      to,
      servedBy: each.versions.filter((v) => v.role === 'champion').map((v) => v.version),
      champion: champion?.overall ?? {
        events: 0,
        frauds: 0,
        auc: null,
        ap: null,
        cardPrecision: null,
      },
      frozen: {
        events: quality.events,
        frauds: quality.frauds,
        auc: finite(quality.auc),
        ap: finite(quality.ap),
        cardPrecision: finite(quality.cardPrecision),
      },
    });
  }
  return weeks;
}

main().catch((error: unknown) => {
  process.stderr.write(`model-loop failed: ${describeErrorOnOneLine(error)}\n${USAGE}\n`);
  process.exit(1);
});
