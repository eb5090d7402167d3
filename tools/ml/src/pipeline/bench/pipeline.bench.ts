import { parseArgs } from 'node:util';
import { DEFAULT_ENDPOINTS } from '@rtml/config';
import { describeErrorOnOneLine } from '@rtml/errors';
import { KafkaRecordPublisher, PROCESSING_GUARANTEES, createKafkaClient } from '@rtml/kafka';
import type { ProcessingGuarantee } from '@rtml/kafka';
import type { Kafka } from 'kafkajs';
import { createLogger } from '@rtml/observability';
import { simulatedRows } from '../feed/simulated.rows';
import { KafkaEventSink } from '../feed/raw-event.sender';
import { startPipeline } from '../launch/pipeline.session';
import { PIPELINE_SERVICES } from '../launch/service.process';
import { STARTED_STACK_POLICY } from '../launch/session-stop.plan';
import { runThroughPipeline } from '../outcome/pipeline.run';
import { sampleCpu } from '../scale/cpu.ledger';
import { cpuPerEvent } from './cpu-per-event';
import { measureKafkaCeiling } from './kafka.ceiling';
import type { CeilingResult } from './kafka.ceiling';
import { SERVICE_CEILINGS, measureServiceCeiling } from './service.ceiling';

const log = (line: string) => process.stderr.write(`${line}\n`);

/**
 * `npm run bench`: the pipeline under load against the ceilings of its parts, all measured in
 * the same run on the same machine (it is shared and noisy, so ratios mean more than absolutes):
 * raw Kafka produce→consume, the features Redis script, ONNX scoring and DynamoDB batch writes,
 * each the median of `--runs`; then, for each processing guarantee (`--guarantees`, both by
 * default, each with services started for it), the whole pipeline flat out (`--events`
 * transactions produced to events.raw as fast as Kafka takes them) and end-to-end latency at a
 * fixed offered rate (`--rate` events/s for `--seconds`). Each phase reports the CPU-µs per
 * stored event of every process from /proc (the services, the stack's servers, this driver),
 * grouped as pipeline / emulators / driver, with the machine's busy share and the CPU taken
 * outside the bench. Ends with one JSON line.
 */
async function main(): Promise<void> {
  const args = readArgs();
  const kafka = createKafkaClient({
    brokers: (process.env['KAFKA_BROKERS'] ?? DEFAULT_ENDPOINTS.kafkaBrokers).split(','),
    clientId: 'rtml-bench',
    logger: createLogger({ service: 'bench', level: 'warn' }),
  });
  const publisher = new KafkaRecordPublisher(kafka);
  // The stack, the contracts and the model, once; the services run per guarantee below.
  const warmUp = await startPipeline({ log, startedStack: STARTED_STACK_POLICY.bench });
  if (warmUp.launched.length < PIPELINE_SERVICES.length) {
    await warmUp.stop();
    throw new Error(
      'some services were already running: stop them (the bench starts its own, once per PROCESSING_GUARANTEE)',
    );
  }
  await warmUp.stop();
  try {
    await publisher.connect();
    const ceilings = {
      kafka: await median(args.runs, 'kafka produce→consume', () =>
        measureKafkaCeiling(kafka, args.ceilingEvents),
      ),
      redis: await median(args.runs, 'features Redis script', async () =>
        measureServiceCeiling(SERVICE_CEILINGS.redisScript, args.ceilingEvents),
      ),
      onnx: await median(args.runs, 'ONNX scoring', async () =>
        measureServiceCeiling(SERVICE_CEILINGS.onnxScoring, args.ceilingEvents),
      ),
      dynamodb: await median(args.runs, 'DynamoDB batch writes', async () =>
        measureServiceCeiling(SERVICE_CEILINGS.dynamodbWrites, args.ceilingEvents),
      ),
    };
    const sink = new KafkaEventSink(publisher, process.env['TOPIC_PREFIX'] || undefined);
    const byGuarantee: Partial<Record<ProcessingGuarantee, GuaranteeResult>> = {};
    for (const guarantee of args.guarantees)
      byGuarantee[guarantee] = await measureGuarantee(guarantee, { kafka, sink, args, ceilings });
    const primary = byGuarantee[args.guarantees[0] as ProcessingGuarantee] as GuaranteeResult;
    const result = {
      bench: 'pipeline',
      ceilings_eps: {
        kafka: ceilings.kafka.eventsPerSecond,
        redis_script: ceilings.redis.eventsPerSecond,
        onnx: ceilings.onnx.eventsPerSecond,
        dynamodb_batch_write: ceilings.dynamodb.eventsPerSecond,
      },
      guarantees: byGuarantee,
      targets: {
        guarantee: args.guarantees[0],
        pipeline_cpu_250us_per_event: primary.pipeline.cpu.groups_us_per_event.pipeline <= 250,
        predictions_10k_per_s: primary.pipeline.predictions_per_s >= 10_000,
        stored_80pct_of_dynamodb:
          primary.pipeline.stored_per_s >= 0.8 * ceilings.dynamodb.eventsPerSecond,
        p99_50ms_at_1000_per_s:
          args.rate === 1000 ? primary.latency_at_rate.e2e_ms.p99 <= 50 : null,
      },
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await publisher.disconnect();
  }
}

interface Ceilings {
  readonly kafka: CeilingResult;
  readonly redis: CeilingResult;
  readonly onnx: CeilingResult;
  readonly dynamodb: CeilingResult;
}

type GuaranteeResult = Awaited<ReturnType<typeof measureGuarantee>>;

/** The pipeline flat out, then at the fixed rate, with the services started for `guarantee`. */
async function measureGuarantee(
  guarantee: ProcessingGuarantee,
  context: {
    readonly kafka: Kafka;
    readonly sink: KafkaEventSink;
    readonly args: ReturnType<typeof readArgs>;
    readonly ceilings: Ceilings;
  },
) {
  const { kafka, sink, args, ceilings } = context;
  log(`services with PROCESSING_GUARANTEE=${guarantee}...`);
  const session = await startPipeline({
    log,
    env: { PROCESSING_GUARANTEE: guarantee },
    startedStack: STARTED_STACK_POLICY.bench,
  });
  const services = Object.fromEntries(
    session.launched.map((service) => [`service:${service.name}`, service.child.pid]),
  );
  try {
    log(`[${guarantee}] pipeline flat out: ${args.events} transactions...`);
    const flatCpuBefore = sampleCpu(services);
    const flat = await runThroughPipeline({
      kafka,
      rows: simulatedRows(args.events, 11),
      sink,
      rate: 0,
      idPrefix: `bench-${Date.now().toString(36)}-`,
      labelDelayDays: 7,
      stallTimeoutMs: 120_000,
      log,
    });
    const flatCpu = cpuPerEvent(flatCpuBefore, sampleCpu(services), flat.report.stored);
    const predictionsPerSecond =
      flat.report.predictions / ((flat.lastPredictionAt - flat.firstPredictionAt) / 1000);
    const storedPerSecond = flat.report.stored / ((flat.allStoredAt - flat.startedAt) / 1000);
    log(`[${guarantee}] latency at ${args.rate} events/s for ${args.seconds} s...`);
    const pacedCpuBefore = sampleCpu(services);
    const paced = await runThroughPipeline({
      kafka,
      rows: simulatedRows(args.rate * args.seconds, 12),
      sink,
      rate: args.rate,
      idPrefix: `bench-${Date.now().toString(36)}-`,
      labelDelayDays: 7,
      stallTimeoutMs: 120_000,
      log,
    });
    const pacedCpu = cpuPerEvent(pacedCpuBefore, sampleCpu(services), paced.report.stored);
    const ratio = (value: number, ceiling: CeilingResult) =>
      round(value / ceiling.eventsPerSecond, 3);
    return {
      pipeline: {
        events: flat.report.sent,
        predictions: flat.report.predictions,
        stored: flat.report.stored,
        predictions_per_s: Math.round(predictionsPerSecond),
        stored_per_s: Math.round(storedPerSecond),
        cpu: flatCpu,
      },
      ratios: {
        predictions_vs_kafka: ratio(predictionsPerSecond, ceilings.kafka),
        predictions_vs_redis_script: ratio(predictionsPerSecond, ceilings.redis),
        predictions_vs_onnx: ratio(predictionsPerSecond, ceilings.onnx),
        stored_vs_dynamodb: ratio(storedPerSecond, ceilings.dynamodb),
      },
      latency_at_rate: {
        rate: args.rate,
        events: paced.report.sent,
        predictions: paced.report.predictions,
        e2e_ms: paced.report.e2e_ms,
        cpu: pacedCpu,
      },
    };
  } finally {
    await session.stop();
  }
}

async function median(
  runs: number,
  name: string,
  measure: () => Promise<CeilingResult>,
): Promise<CeilingResult> {
  const results: CeilingResult[] = [];
  for (let run = 0; run < runs; run += 1) {
    const result = await measure();
    log(
      `  ceiling ${name}: ${result.eventsPerSecond} events/s (${result.events} in ${result.seconds.toFixed(2)} s)`,
    );
    results.push(result);
  }
  results.sort((a, b) => a.eventsPerSecond - b.eventsPerSecond);
  return results[Math.floor(results.length / 2)] as CeilingResult;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

function readArgs() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      events: { type: 'string', default: '50000' },
      'ceiling-events': { type: 'string', default: '50000' },
      rate: { type: 'string', default: '1000' },
      seconds: { type: 'string', default: '30' },
      runs: { type: 'string', default: '3' },
      guarantees: { type: 'string', default: PROCESSING_GUARANTEES.join(',') },
    },
    strict: true,
  });
  const number = (name: keyof typeof values) => {
    const value = Number(values[name]);
    if (!Number.isSafeInteger(value) || value < 1)
      throw new Error(`--${name} must be a positive integer`);
    return value;
  };
  return {
    events: number('events'),
    ceilingEvents: number('ceiling-events'),
    rate: number('rate'),
    seconds: number('seconds'),
    runs: number('runs'),
    guarantees: guaranteesOf(values.guarantees),
  };
}

function guaranteesOf(text: string): ProcessingGuarantee[] {
  const names = text.split(',').map((name) => name.trim());
  const unknown = names.filter(
    (name) => !(PROCESSING_GUARANTEES as readonly string[]).includes(name),
  );
  if (names.length === 0 || unknown.length > 0)
    throw new Error(`--guarantees takes ${PROCESSING_GUARANTEES.join(', ')}; got ${text}`);
  return names as ProcessingGuarantee[];
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${describeErrorOnOneLine(error)}\n`);
  process.exit(1);
});
