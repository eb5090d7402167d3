import { loadavg } from 'node:os';
import { DEFAULT_ENDPOINTS } from '@rtml/config';
import { consumerGroupId, topicName } from '@rtml/contracts';
import { describeErrorOnOneLine } from '@rtml/errors';
import { KafkaRecordPublisher, createKafkaClient } from '@rtml/kafka';
import { ensureStackUp, stopStack } from '@rtml/local-stack';
import { createLogger } from '@rtml/observability';
import { KafkaEventSink } from '../feed/raw-event.sender';
import { simulatedRowList } from '../feed/simulated.rows';
import { ensureDefaultModel } from '../launch/default-model';
import { buildServices } from '../launch/pipeline.session';
import { chaosHooks } from './chaos.scenario';
import type { ChaosRecord } from './chaos.scenario';
import { waitForGroup } from './consumer-group.probe';
import { offlineVectors } from './offline.vectors';
import { PredictionCounter } from './prediction.counter';
import { ReplicaFleet } from './replica.fleet';
import { parseScaleArgs } from './scale-args.parser';
import { scaleVerdict } from './scale.report';
import { cleanUpSlice, newSlice, provisionSlice } from './scale.slice';
import { runStep } from './scale.step';
import type { StepResult } from './scale.step';
import { consecutiveSlices } from './step-rows.slicer';
import { auditStoredItems } from './stored-items.audit';
import type { StoredAudit } from './stored-items.audit';
import { dynamodbFromEnv } from '../launch/dynamodb-from-env';

const log = (line: string) => process.stderr.write(`${line}\n`);
const env = process.env;
const REPLICA_STEPS = [1, 2, 3] as const;

/**
 * `npm run scale-test`: features and scoring with 1, 2, then 3 replicas (separate processes in
 * their service's consumer group, 12-partition topics), then a chaos step that adds a replica of
 * each mid-stream and SIGTERMs/SIGKILLs others; then checks, over every event streamed, one
 * stored item each carrying the offline engine's exact vector, and per-replica work. Runs on an
 * isolated slice of the local stack (topic prefix, Redis prefix, tables) it removes at the end.
 * Progress on stderr; one JSON line on stdout; exit 0 only when every check passed.
 */
async function main(): Promise<number> {
  const args = parseScaleArgs(process.argv.slice(2));
  const slice = newSlice();
  const registryUrl = env['SCHEMA_REGISTRY_URL'] ?? DEFAULT_ENDPOINTS.schemaRegistryUrl;
  const runEnv = { ...env, ...slice.env };
  log(`scale test on slice ${slice.id}: ${args.eventsPerStep} transactions per step`);
  buildServices();
  const stack = await ensureStackUp();
  const startedStack = stack.servers.every((server) => server.state === 'started');
  const model = await ensureDefaultModel(log);
  log(`model champion: version ${model.version} (${model.status})`);
  const kafka = createKafkaClient({
    brokers: (env['KAFKA_BROKERS'] ?? DEFAULT_ENDPOINTS.kafkaBrokers).split(','),
    clientId: `rtml-${slice.id}`,
    logger: createLogger({ service: 'scale-test', level: 'warn' }),
  });
  const dynamodb = dynamodbFromEnv(env);
  const admin = kafka.admin();
  const publisher = new KafkaRecordPublisher(kafka);
  const fleet = (service: 'ingest' | 'features' | 'scoring' | 'actions') =>
    new ReplicaFleet(service, slice.env, slice.id);
  const fleets = { ingest: fleet('ingest'), actions: fleet('actions') };
  const scaled = { features: fleet('features'), scoring: fleet('scoring') };
  const groups = {
    features: consumerGroupId('features', slice.topicPrefix),
    scoring: consumerGroupId('scoring', slice.topicPrefix),
  };
  const counter = new PredictionCounter(
    kafka,
    topicName('predictions', slice.topicPrefix),
    registryUrl,
    `${slice.id}-prediction-counter`,
  );
  const steps: (StepResult & { partitions: { features: number[]; scoring: number[] } })[] = [];
  let chaos: (StepResult & ChaosRecord & { end: Record<string, number> }) | undefined;
  let audit: StoredAudit | undefined;
  let error: string | undefined;
  const startedAt = performance.now();
  const scraper = setInterval(() => {
    void Promise.all([scaled.features.scrape(), scaled.scoring.scrape()]);
  }, 1_000);
  const run = async () => {
    await provisionSlice(kafka, registryUrl, slice);
    const rows = await simulatedRowList(args.eventsPerStep * 4, args.seed);
    const offline = await offlineVectors(rows);
    log(`${rows.length} simulated transactions; offline vectors computed`);
    await Promise.all([admin.connect(), publisher.connect(), counter.start()]);
    await Promise.all([fleets.ingest.add(), fleets.actions.add()]);
    const context = {
      kafka,
      sink: new KafkaEventSink(publisher, slice.topicPrefix),
      env: runEnv,
      fleets: scaled,
      fixed: [fleets.ingest, fleets.actions],
      counter,
      stallTimeoutMs: args.stallTimeoutMs,
      log,
    };
    const settle = async (replicas: number) => ({
      features: await waitForGroup(admin, groups.features, replicas),
      scoring: await waitForGroup(admin, groups.scoring, replicas),
    });
    const stepRows = consecutiveSlices(rows, args.eventsPerStep, REPLICA_STEPS.length + 1);
    for (const [index, replicas] of REPLICA_STEPS.entries()) {
      await Promise.all([scaled.features.scaleTo(replicas), scaled.scoring.scaleTo(replicas)]);
      const partitions = await settle(replicas);
      log(`step ${index + 1}: ${replicas} features + ${replicas} scoring replicas`);
      const step = await runStep(context, stepRows[index]!);
      log(`  ${step.predictions_per_s} predictions/s; ${JSON.stringify(step.per_replica)}`);
      steps.push({ ...step, partitions });
    }
    log('scaling in to 2 + 2 (SIGTERM the newest replicas) before the chaos step');
    await Promise.all([scaled.features, scaled.scoring].map((f) => f.terminate(f.live.at(-1)!)));
    await settle(2);
    log('chaos step: 2 → 3 replicas mid-stream, then SIGTERM and SIGKILL');
    const record: ChaosRecord = { added: [], sigterm: [], sigkill: [], timeline: [] };
    const hooks = chaosHooks({ ...scaled, admin, groups, log }, record, args);
    const step = await runStep(context, stepRows[REPLICA_STEPS.length]!, hooks);
    const end = { features: scaled.features.live.length, scoring: scaled.scoring.live.length };
    chaos = { ...step, ...record, end };
    log(`  ${step.predictions_per_s} predictions/s; ${JSON.stringify(step.per_replica)}`);
    log('auditing the scores table against the offline engine...');
    audit = await auditStoredItems(
      dynamodb,
      slice.scoresTable,
      offline.byEventId,
      offline.featureNames,
    );
    for (const example of audit.examples) log(`  mismatch ${example}`);
  };
  try {
    // Ctrl-C or SIGTERM ends the run early but still stops the replicas and removes the slice.
    await Promise.race([run(), interruption()]);
  } catch (failure) {
    error = describeErrorOnOneLine(failure);
    log(`scale test stopped: ${error}`);
  } finally {
    clearInterval(scraper);
    await Promise.all([...Object.values(fleets), ...Object.values(scaled)].map((f) => f.stopAll()));
    await Promise.allSettled([counter.stop(), publisher.disconnect(), admin.disconnect()]);
    const problems = await cleanUpSlice(
      { kafka, registryUrl, redisUrl: redisUrl(), dynamodb },
      slice,
    );
    for (const problem of problems) log(`clean-up: ${problem}`);
    dynamodb.destroy();
    if (startedStack) await stopStack();
  }
  const planned = args.eventsPerStep * (REPLICA_STEPS.length + 1);
  const verdict = scaleVerdict({ steps, chaos, planned, audit, error });
  for (const failure of verdict.failures) log(`FAILED: ${failure}`);
  const result = {
    scale_test: verdict.passed ? 'passed' : 'failed',
    steps,
    chaos,
    stored: audit?.present ?? 0,
    table_items: audit?.items ?? 0,
    transactions: planned,
    feature_mismatches: audit?.featureMismatches ?? null,
    duplicate_prediction_messages: counter.duplicates,
    failures: verdict.failures,
    seconds: Math.round((performance.now() - startedAt) / 1000),
    load_average: loadavg().map((value) => Math.round(value * 100) / 100),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  return verdict.passed ? 0 : 1;
}

const redisUrl = () => env['REDIS_URL'] ?? DEFAULT_ENDPOINTS.redisUrl;

/** Rejects on the first SIGINT or SIGTERM (which then no longer end the process at once). */
function interruption(): Promise<never> {
  return new Promise<never>((_, reject) => {
    const stop = (signal: NodeJS.Signals) => {
      log(`${signal}: stopping the replicas and removing the slice...`);
      reject(new Error(`interrupted by ${signal}`));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

main().then(
  (code) => process.exit(code),
  (failure: unknown) => {
    process.stderr.write(`scale test failed: ${describeErrorOnOneLine(failure)}\n`);
    process.exit(1);
  },
);
