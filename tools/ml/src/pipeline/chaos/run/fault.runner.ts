import { describeErrorOnOneLine } from '@rtml/errors';
import { KafkaRecordPublisher } from '@rtml/kafka';
import type { ReferenceTransaction } from '../../../csv/reference-transaction.model';
import { StoredItemsPoller } from '../../outcome/stored-items.poller';
import type { OfflineVectors } from '../../scale/offline.vectors';
import { cleanUpSlice, newSlice, provisionSlice } from '../../scale/scale.slice';
import type { ScaleSlice } from '../../scale/scale.slice';
import { auditStoredItems } from '../../scale/stored-items.audit';
import type { StoredAudit } from '../../scale/stored-items.audit';
import type { ChaosArgs } from '../chaos-args.parser';
import type { Fault } from '../faults/fault.types';
import type { ChaosRig } from '../rig/chaos.rig';
import { faultLine } from '../verdict/fault.report';
import type { FaultLine } from '../verdict/fault.report';
import { faultVerdict } from '../verdict/fault.verdict';
import type { BoundedWait } from '../verdict/fault.verdict';
import { waitCaughtUp } from './caught-up.wait';
import { gatherFacts } from './fault.facts';
import { streamWithFault } from './injected.stream';
import type { InjectedOutcome } from './injected.stream';
import { PIPELINE_SERVICES } from '../../launch/service.process';
import { PipelineFleet } from './pipeline.fleet';
import { RunLedger } from './run.ledger';

export interface FaultRunInput {
  readonly fault: Fault;
  /** 1-based position in the run: the slice is `<run id>-<n>`. */
  readonly number: number;
  readonly rig: ChaosRig;
  readonly args: ChaosArgs;
  readonly rows: readonly ReferenceTransaction[];
  readonly offline: OfflineVectors;
  /** Rejects on Ctrl-C or SIGTERM: the fault stops where it is and cleans up. */
  readonly interrupted: Promise<never>;
  readonly log: (line: string) => void;
}

/**
 * One fault, end to end, on a slice of its own: fresh topics, tables, Redis prefix and four
 * fresh service processes; the stream with the fault injected mid-way (the recovery measured
 * from its heal); the settle; then the facts gathered from the topics, the table and the
 * webhook receiver, and the verdict. Removes the slice whatever happens.
 */
export async function runFault(input: FaultRunInput): Promise<FaultLine> {
  const { fault, rig, args, log } = input;
  const startedAt = performance.now();
  const slice = newSlice(`${rig.id}-${input.number}`);
  const env = {
    ...rig.serviceEnv(),
    ...slice.env,
    PROCESSING_GUARANTEE: args.guarantee,
    ...(fault.serviceEnv?.(rig) ?? {}),
  };
  await rig.reset();
  const ledger = new RunLedger(rig.kafka, slice.topicPrefix, rig.shared.registryUrl, slice.id);
  const fleet = new PipelineFleet(env, slice.id, args.servicesRoot);
  const publisher = new KafkaRecordPublisher(rig.kafka);
  const admin = rig.kafka.admin();
  const errors: string[] = [];
  let outcome: InjectedOutcome | undefined;
  let settle: BoundedWait = {
    ms: null,
    boundMs: args.windows.settleBoundMs,
    outstanding: 'not reached',
  };
  let audit: StoredAudit | undefined;

  const body = async () => {
    await provisionSlice(rig.kafka, rig.shared.registryUrl, slice);
    await admin.connect();
    await ledger.start();
    await fleet.start();
    log(
      `${fault.name}: services ready on slice ${slice.id}; streaming ${input.rows.length} transactions`,
    );
    outcome = await streamWithFault({
      fault,
      rig,
      slice,
      fleet,
      ledger,
      publisher,
      admin,
      args,
      rows: input.rows,
      log,
    });
    const ids = [...ledger.accepted];
    settle = await waitCaughtUp({
      ledger,
      admin,
      dynamodb: rig.dynamodb,
      table: slice.scoresTable,
      ids,
      boundMs: args.windows.settleBoundMs,
    });
    if (settle.ms === null)
      settle = { ...settle, outstanding: `${settle.outstanding}; ${await readiness(fleet)}` };
    log(
      `  ${fault.name}: ${settle.ms === null ? `not settled: ${settle.outstanding}` : `settled in ${settle.ms} ms`}`,
    );
    const offline = input.offline.byEventId;
    audit = await auditStoredItems(
      rig.dynamodb,
      slice.scoresTable,
      new Map(ids.flatMap((id) => (offline.has(id) ? [[id, offline.get(id)!] as const] : []))),
      input.offline.featureNames,
    );
  };

  try {
    await Promise.race([
      body().catch((error: unknown) =>
        errors.push(`the fault could not run to its end: ${describeErrorOnOneLine(error)}`),
      ),
      input.interrupted,
    ]);
    const recovered = (await outcome?.recovery) ?? {
      ms: null,
      boundMs: args.windows.recoverBoundMs,
      outstanding: 'the fault never healed',
    };
    const facts = gatherFacts({
      planned: input.rows.length,
      ledger,
      rig,
      audit,
      unstored: await missingItems(rig, slice.scoresTable, ledger),
      recovered,
      settle,
      errors: [...errors, ...(outcome?.errors ?? [])],
      faultFailures: outcome?.check ? await outcome.check() : [],
      duplicatesAllowed: args.guarantee === 'at_least_once' && fault.crashes === true,
    });
    const seconds = Math.round((performance.now() - startedAt) / 1000);
    return faultLine(
      fault.name,
      faultVerdict(facts.facts),
      { planned: input.rows.length, ...facts.counts, settleMs: settle.ms, seconds },
      facts.facts.duplicates,
      facts.facts.duplicatesAllowed,
      recovered.ms,
    );
  } finally {
    await tearDown(fleet, publisher, ledger, admin, rig, slice, log);
  }
}

async function tearDown(
  fleet: PipelineFleet,
  publisher: KafkaRecordPublisher,
  ledger: RunLedger,
  admin: { disconnect(): Promise<void> },
  rig: ChaosRig,
  slice: ScaleSlice,
  log: (line: string) => void,
): Promise<void> {
  await fleet.stop();
  await Promise.allSettled([publisher.disconnect(), ledger.stop()]);
  await admin.disconnect().catch(() => undefined);
  const clients = {
    kafka: rig.kafka,
    registryUrl: rig.shared.registryUrl,
    redisUrl: rig.redis.url,
    dynamodb: rig.dynamodb,
  };
  for (const problem of await cleanUpSlice(clients, slice))
    log(`  clean-up of ${slice.id}: ${problem}`);
}

/** What each service's /health/ready answers now (a service may say ready and consume nothing). */
async function readiness(fleet: PipelineFleet): Promise<string> {
  const answers = await Promise.all(
    PIPELINE_SERVICES.map(async ({ name }) => {
      const url = fleet.url(name);
      const status =
        url === undefined
          ? 'no process'
          : await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(3_000) }).then(
              (response) => String(response.status),
              () => 'no answer',
            );
      return `${name} ${status}`;
    }),
  );
  return `/health/ready: ${answers.join(', ')}`;
}

/** Accepted events without an item (all of them when the table cannot be read). */
async function missingItems(rig: ChaosRig, table: string, ledger: RunLedger): Promise<Set<string>> {
  const poller = new StoredItemsPoller(rig.dynamodb, table, ledger.accepted);
  await poller.poll().catch(() => undefined);
  return new Set([...ledger.accepted].filter((id) => poller.isMissing(id)));
}
