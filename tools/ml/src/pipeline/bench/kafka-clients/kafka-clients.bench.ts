import { DEFAULT_ENDPOINTS } from '@rtml/config';
import { describeErrorOnOneLine } from '@rtml/errors';
import {
  KafkaRecordPublisher,
  PlatformaticRecordPublisher,
  TopicAdmin,
  createKafkaClient,
  kafkaJsGroupConsumers,
  platformaticGroupConsumers,
} from '@rtml/kafka';
import type { KafkaClientName } from '@rtml/kafka';
import { ensureStackUp } from '@rtml/local-stack';
import type { Kafka } from 'kafkajs';
import { sampleCpu } from '../../scale/cpu.ledger';
import { busyPercent } from '../../scale/cpu.usage';
import type { CpuSample } from '../../scale/cpu.ledger';
import { BenchUsageError } from '../bench-args.parser';
import { ConsumedRecordsCheck, benchRecords, partitionDisagreements } from './bench-records';
import { PipelineClientDriver } from './client.driver';
import type { ClientDriver } from './client.driver';
import { parseKafkaClientsArgs } from './kafka-clients.args';
import type { KafkaClientsArgs } from './kafka-clients.args';
import { kafkaClientsReport, kafkaClientsTable } from './kafka-clients.report';
import type { ClientRound, KafkaClientsRound, PhaseFigures } from './kafka-clients.report';
import { benchLogger } from '../bench.logger';

const PARTITIONS = 12;
/** /proc/stat counts in ticks of 10 ms. */
const TICKS_PER_SECOND = 100;

const log = (line: string) => console.error(line);

/**
 * `npm run bench:kafka-clients`: KafkaJS (the pipeline's client) and `@platformatic/kafka` side
 * by side on the local broker, as issue 11 asks before a second client goes behind libs/kafka.
 * Each round gives each client, in alternating order, a fresh 12-partition topic: it produces
 * `--records` records of the pipeline's internal shape (idempotent, acks=all, publishes of
 * `--batch`), then reads them back in a fresh consumer group (read_committed, manual commits).
 * Per phase it reports records/s and CPU-µs per record of this process (the client) and of the
 * broker, read from /proc, with what ran outside the bench; every record read is checked against
 * what was sent, and the two clients must put every key on the same partition, or the command
 * exits 1. Tables on stderr, one JSON line on stdout.
 */
async function main(): Promise<void> {
  const args = parseKafkaClientsArgs(process.argv.slice(2));
  // A broker named by KAFKA_BROKERS is used as it is; else the local stack's, started if need be.
  const named = process.env['KAFKA_BROKERS'];
  if (named === undefined) await ensureStackUp({ servers: ['kafka'] });
  const brokers = (named ?? DEFAULT_ENDPOINTS.kafkaBrokers).split(',');
  const kafka = createKafkaClient({
    brokers,
    clientId: 'rtml-bench-kafka-clients',
    logger: benchLogger,
  });
  // A fresh client per measurement: KafkaJS keeps refreshing the metadata of every topic it has
  // produced to, and fails once an earlier round's topic is deleted.
  const platformatic = { brokers, clientId: 'rtml-bench-platformatic' };
  const driverOf: Record<KafkaClientName, () => ClientDriver> = {
    kafkajs: () =>
      new PipelineClientDriver(
        'kafkajs',
        new KafkaRecordPublisher(kafka),
        kafkaJsGroupConsumers(kafka),
      ),
    platformatic: () =>
      new PipelineClientDriver(
        'platformatic',
        new PlatformaticRecordPublisher(platformatic),
        platformaticGroupConsumers(platformatic),
      ),
  };
  const admin = kafka.admin();
  await admin.connect();
  const rounds: KafkaClientsRound[] = [];
  const failures: string[] = [];
  try {
    for (let run = 1; run <= args.runs; run += 1) {
      const order = run % 2 === 1 ? args.clients : [...args.clients].reverse();
      const round: KafkaClientsRound = {};
      const partitions = new Map<KafkaClientName, ReadonlyMap<string, number>>();
      for (const name of order) {
        log(`run ${run} of ${args.runs}: ${name}...`);
        const { figures, check } = await measureClient(driverOf[name](), kafka, admin, args);
        round[name] = figures;
        failures.push(...check.failures().map((line) => `${name}, run ${run}: ${line}`));
        partitions.set(name, check.partitionsOf());
      }
      const [a, b] = [partitions.get('kafkajs'), partitions.get('platformatic')];
      const split = a === undefined || b === undefined ? [] : partitionDisagreements(a, b);
      if (split.length > 0)
        failures.push(
          `run ${run}: the clients put ${split.length} keys on different partitions (e.g. key ${split[0]})`,
        );
      rounds.push(round);
    }
  } finally {
    await admin.disconnect();
  }
  const report = kafkaClientsReport(rounds);
  log(
    `\nKafka clients, ${args.records} records of ${args.valueBytes} bytes with ${args.headers} headers, publishes of ${args.batch}, ${PARTITIONS} partitions, ${args.runs} rounds\n`,
  );
  log(kafkaClientsTable(report));
  for (const failure of failures) log(`FAILED: ${failure}`);
  console.log(JSON.stringify({ ...report, args, failures }));
  if (failures.length > 0) process.exitCode = 1;
}

async function measureClient(
  driver: ClientDriver,
  kafka: Kafka,
  admin: ReturnType<Kafka['admin']>,
  args: KafkaClientsArgs,
): Promise<{ figures: ClientRound; check: ConsumedRecordsCheck }> {
  const topic = `rtml-bench-clients-${driver.name}-${Date.now().toString(36)}`;
  const groupId = `${topic}-group`;
  const topics = new TopicAdmin(kafka);
  await topics
    .ensureTopics([{ name: topic, partitions: PARTITIONS }])
    .finally(() => topics.disconnect());
  try {
    const records = benchRecords(topic, args.records, args.valueBytes, args.headers);
    const check = new ConsumedRecordsCheck(records);
    await driver.connect(topic);
    const produce = await measured(args.records, () => driver.produce(records, args.batch));
    const consume = await measured(args.records, () =>
      driver.consume(topic, groupId, args.records, check.accept),
    );
    return { figures: { produce, consume }, check };
  } finally {
    await driver.close();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.deleteGroups([groupId]).catch(() => undefined);
  }
}

async function measured(records: number, work: () => Promise<void>): Promise<PhaseFigures> {
  const before = sampleCpu();
  const started = performance.now();
  await work();
  const seconds = (performance.now() - started) / 1000;
  return phaseFigures(before, sampleCpu(), records, seconds);
}

function phaseFigures(
  before: CpuSample,
  after: CpuSample,
  records: number,
  seconds: number,
): PhaseFigures {
  const used = (name: string) => {
    const start = before.processes.get(name);
    const end = after.processes.get(name);
    return start === undefined || end === undefined ? undefined : end - start;
  };
  const perRecord = (cpuSeconds: number | undefined) =>
    cpuSeconds === undefined ? Number.NaN : Math.round((cpuSeconds * 1e7) / records) / 10;
  const client = used('driver');
  const broker = used('stack:kafka');
  const machine =
    before.machine === undefined || after.machine === undefined
      ? undefined
      : { busy: (after.machine.busy - before.machine.busy) / TICKS_PER_SECOND };
  return {
    records_per_s: Math.round(records / seconds),
    client_us_per_record: perRecord(client),
    broker_us_per_record: perRecord(broker),
    outside_us_per_record:
      machine === undefined
        ? null
        : perRecord(Math.max(0, machine.busy - (client ?? 0) - (broker ?? 0))),
    machine_busy_pct:
      before.machine === undefined || after.machine === undefined
        ? null
        : busyPercent(before.machine, after.machine),
  };
}

main().catch((error: unknown) => {
  if (error instanceof BenchUsageError) console.error(error.message);
  else console.error(`bench:kafka-clients failed: ${describeErrorOnOneLine(error)}`);
  process.exitCode = 1;
});
