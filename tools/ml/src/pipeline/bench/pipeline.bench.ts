import { DEFAULT_ENDPOINTS } from '@rtml/config';
import { describeErrorOnOneLine } from '@rtml/errors';
import { KafkaRecordPublisher, createKafkaClient } from '@rtml/kafka';
import type { Kafka } from 'kafkajs';
import { KafkaEventSink } from '../feed/raw-event.sender';
import { startPipeline } from '../launch/pipeline.session';
import { PIPELINE_SERVICES } from '../launch/service.process';
import { STARTED_STACK_POLICY } from '../launch/session-stop.plan';
import { stackServerPid } from '../scale/cpu.ledger';
import { BenchUsageError, benchSetups, parseBenchArgs } from './bench-args.parser';
import type { BenchArgs } from './bench-args.parser';
import { clientEnv, setupKey } from './bench-run.types';
import type { BenchRun, BenchSetup, CeilingsRun, PacedResult, SetupRun } from './bench-run.types';
import { benchReport, ratiosOf } from './bench.report';
import type { BenchReport } from './bench.report';
import { ceilingsTable, clientsTable, latencyTable, targetsTable } from './bench-tables.format';
import { CEILING_LABELS, ceilingCpu, sumOfParts } from './ceiling-cpu';
import type { CeilingCpu, CeilingName } from './ceiling-cpu';
import { measureFlatOut } from './flat-out.phase';
import { measureKafkaCeiling } from './kafka.ceiling';
import type { CeilingResult } from './kafka.ceiling';
import { measurePacedRate } from './paced.phase';
import { SERVICE_CEILINGS, measureServiceCeiling } from './service.ceiling';
import { benchLogger } from './bench.logger';

const log = (line: string) => process.stderr.write(`${line}\n`);

/**
 * `npm run bench`: the pipeline under load against the ceilings of its parts, all measured on
 * the same machine (it is shared and noisy, so ratios mean more than absolutes), in `--runs`
 * rounds. Each round measures the ceilings once (raw Kafka produce→consume, the features Redis
 * script, ONNX scoring, DynamoDB batch writes), then for each setup (each processing guarantee
 * of `--guarantees` with each client mix of `--clients`, back to back, with
 * services started for it) the whole pipeline flat out (`--events`
 * transactions produced to events.raw as fast as Kafka takes them) and at each offered rate of
 * `--rates` for `--seconds`: latency per hop and end to end, from ingest's acceptance and from
 * the producer's record timestamp to the prediction and to the stored item. Each phase reports
 * the CPU-µs per stored event of every process from /proc, grouped as pipeline / emulators /
 * driver. Prints per setup the latency tables and issue 11's targets (median and range over
 * the rounds, met or not), then each mix against the first as ratios within each round, on
 * stderr, and ends with one JSON line on stdout.
 */
async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2));
  const kafka = createKafkaClient({
    brokers: (process.env['KAFKA_BROKERS'] ?? DEFAULT_ENDPOINTS.kafkaBrokers).split(','),
    clientId: 'rtml-bench',
    logger: benchLogger,
  });
  const publisher = new KafkaRecordPublisher(kafka);
  // The stack, the contracts and the model, once; the services run per setup below.
  const warmUp = await startPipeline({ log, startedStack: STARTED_STACK_POLICY.bench });
  if (warmUp.launched.length < PIPELINE_SERVICES.length) {
    await warmUp.stop();
    throw new Error(
      'some services were already running: stop them (the bench starts its own, once per setup)',
    );
  }
  await warmUp.stop();
  try {
    await publisher.connect();
    const sink = new KafkaEventSink(publisher, process.env['TOPIC_PREFIX'] || undefined);
    const runs: BenchRun[] = [];
    try {
      for (let run = 1; run <= args.runs; run += 1) {
        log(`run ${run} of ${args.runs}: the ceilings...`);
        const ceilings = await measureCeilings(kafka, args.ceilingEvents);
        const setups: Record<string, SetupRun> = {};
        for (const setup of benchSetups(args, run))
          setups[setupKey(setup)] = await measureSetup(setup, { kafka, sink, args, ceilings });
        runs.push({ ceilings_eps: ceilings, setups });
      }
    } catch (error) {
      // The rounds already complete are still measurements: report them, then fail the command.
      if (runs.length === 0) throw error;
      log(`run ${runs.length + 1} failed; reporting the ${runs.length} complete run(s)`);
      report(runs, args);
      throw error;
    }
    report(runs, args);
  } finally {
    await publisher.disconnect();
  }
}

async function measureCeilings(kafka: Kafka, events: number): Promise<CeilingsRun> {
  const cpu: Partial<Record<CeilingName, CeilingCpu>> = {};
  const measured = async (
    name: CeilingName,
    measure: () => Promise<CeilingResult> | CeilingResult,
  ) => {
    const result = await measure();
    const perUnit = ceilingCpu(result);
    cpu[name] = perUnit;
    log(
      `  ceiling ${CEILING_LABELS[name]}: ${result.eventsPerSecond}/s (${result.events} in ${result.seconds.toFixed(2)} s), ` +
        `${perUnit.total} CPU-µs each (client ${perUnit.client}, server ${perUnit.servers})`,
    );
    return result;
  };
  const rate = async (name: CeilingName, measure: () => Promise<CeilingResult> | CeilingResult) =>
    (await measured(name, measure)).eventsPerSecond;
  const redis = await measured('redis_script', () =>
    measureServiceCeiling(SERVICE_CEILINGS.redisScript, events),
  );
  log(`  ceiling window store: ${redis.recordsPerRedisCoreSecond} records per Redis core-second`);
  const rates = {
    kafka: await rate('kafka', () => measureKafkaCeiling(kafka, events)),
    onnx: await rate('onnx', () => measureServiceCeiling(SERVICE_CEILINGS.onnxScoring, events)),
    dynamodb_batch_write: await rate('dynamodb_batch_write', () =>
      measureServiceCeiling(SERVICE_CEILINGS.dynamodbWrites, events, serverPidArgs('dynamodb')),
    ),
  };
  const perUnit = cpu as Record<CeilingName, CeilingCpu>;
  const sum = sumOfParts(perUnit);
  log(`  sum of the parts: ${sum} CPU-µs per transaction`);
  return {
    ...rates,
    redis_script: redis.eventsPerSecond,
    redis_records_per_core_s: redis.recordsPerRedisCoreSecond ?? Number.NaN,
    cpu_us_per_unit: perUnit,
    sum_of_parts_us_per_event: sum,
  };
}

/** `--server-pid <pid>` of a running stack server, for a ceiling to read its CPU. */
function serverPidArgs(server: 'dynamodb'): string[] {
  const pid = stackServerPid(server);
  return pid === undefined ? [] : ['--server-pid', String(pid)];
}

/** The pipeline flat out, then at each rate, with the services started for `setup`. */
async function measureSetup(
  setup: BenchSetup,
  context: {
    readonly kafka: Kafka;
    readonly sink: KafkaEventSink;
    readonly args: BenchArgs;
    readonly ceilings: CeilingsRun;
  },
): Promise<SetupRun> {
  const { kafka, sink, args, ceilings } = context;
  const key = setupKey(setup);
  const env = { PROCESSING_GUARANTEE: setup.guarantee, ...clientEnv(setup.clients) };
  log(
    `services with ${Object.entries(env)
      .map(([name, value]) => `${name}=${value}`)
      .join(' ')}...`,
  );
  const session = await startPipeline({
    log,
    env,
    startedStack: STARTED_STACK_POLICY.bench,
  });
  const services = Object.fromEntries(
    session.launched.map((service) => [`service:${service.name}`, service.child.pid]),
  );
  try {
    log(`[${key}] pipeline flat out: ${args.events} transactions...`);
    const pipeline = await measureFlatOut({ kafka, sink, events: args.events, services, log });
    const paced: PacedResult[] = [];
    for (const rate of args.rates) {
      log(`[${key}] latency at ${rate} events/s for ${args.seconds} s...`);
      const { seconds, storedSample } = args;
      paced.push(
        await measurePacedRate({ kafka, sink, rate, seconds, storedSample, services, log }),
      );
    }
    return { pipeline, ratios: ratiosOf(pipeline, ceilings), paced };
  } finally {
    await session.stop();
  }
}

/** The tables on stderr, then the JSON line on stdout (its `runs` says how many rounds it holds). */
function report(runs: readonly BenchRun[], args: BenchArgs): void {
  const result = benchReport(runs, benchSetups(args, 1), args.rates);
  printTables(result, args);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function printTables(report: BenchReport, args: BenchArgs): void {
  log(`\n${ceilingsTable(report)}`);
  for (const key of benchSetups(args, 1).map(setupKey)) {
    const result = report.setups[key];
    if (result === undefined) continue;
    for (const rate of args.rates) {
      const paced = result.latency_at_rates[String(rate)];
      if (paced !== undefined) log(`\n${latencyTable(key, paced, report.runs)}`);
    }
    log(`\n${targetsTable(key, result.targets, report.runs)}\n`);
  }
  if (report.clients_compared.length > 0) log(`${clientsTable(report.clients_compared)}\n`);
}

main().catch((error: unknown) => {
  if (error instanceof BenchUsageError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`bench failed: ${describeErrorOnOneLine(error)}\n`);
  process.exit(1);
});
