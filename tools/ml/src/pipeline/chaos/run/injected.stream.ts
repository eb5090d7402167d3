import type { Admin } from 'kafkajs';
import { topicName } from '@rtml/contracts';
import { describeErrorOnOneLine } from '@rtml/errors';
import type { RecordPublisher } from '@rtml/kafka';
import type { ReferenceTransaction } from '../../../csv/reference-transaction.model';
import type { ScaleSlice } from '../../scale/scale.slice';
import type { ChaosArgs } from '../chaos-args.parser';
import type { Fault, FaultCheck, FaultRun } from '../faults/fault.types';
import type { ChaosRig } from '../rig/chaos.rig';
import type { BoundedWait } from '../verdict/fault.verdict';
import { streamEvents } from './event.stream';
import type { PipelineFleet } from './pipeline.fleet';
import { measureRecovery } from './recovery.clock';
import { RoutedSink } from './routed.sink';
import type { RunLedger } from './run.ledger';

export interface InjectedStream {
  readonly fault: Fault;
  readonly rig: ChaosRig;
  readonly slice: ScaleSlice;
  readonly fleet: PipelineFleet;
  readonly ledger: RunLedger;
  readonly publisher: RecordPublisher;
  readonly admin: Admin;
  readonly args: ChaosArgs;
  readonly rows: readonly ReferenceTransaction[];
  readonly log: (line: string) => void;
}

export interface InjectedOutcome {
  /** The fault's own checks, when its injection returned some. */
  readonly check: FaultCheck | undefined;
  /** The recovery clock, started at the heal; undefined when the fault never healed. */
  readonly recovery: Promise<BoundedWait> | undefined;
  readonly errors: readonly string[];
}

/**
 * Streams the rows into the fault's services with the fault injected on the way: at its
 * `injectAt` (after holding the stream `burstMs`, when it asks), without holding the stream up,
 * and waited for at its `healedBy`. A stalled stream or a failed injection is an error of the
 * outcome, not a throw: the fault's verdict reports it with everything else.
 */
export async function streamWithFault(context: InjectedStream): Promise<InjectedOutcome> {
  const { fault, ledger, admin, args } = context;
  const errors: string[] = [];
  let recovery: Promise<BoundedWait> | undefined;
  let check: FaultCheck | undefined;
  const sink = new RoutedSink(
    {
      ingestUrl: () => context.fleet.url('ingest'),
      publisher: context.publisher,
      rawTopic: topicName('rawEvents', context.slice.topicPrefix),
    },
    ledger,
    args.windows.stallMs,
  );
  sink.routing = fault.routing ?? 'mixed';
  const startedAt = performance.now();
  const run: FaultRun = {
    ...context,
    sink,
    windows: args.windows,
    inFlight: async (service) => (await ledger.groupLag(admin, service)) > 0,
    mark: (action) =>
      context.log(
        `  ${fault.name} +${((performance.now() - startedAt) / 1000).toFixed(1)} s: ${action}`,
      ),
    healed: () => {
      recovery ??= measureRecovery(
        ledger,
        admin,
        { dynamodb: context.rig.dynamodb, table: context.slice.scoresTable },
        args.windows.recoverBoundMs,
      );
    },
  };
  let injection: Promise<void> | undefined;
  const inject = async () => {
    if (fault.burstMs !== undefined)
      await new Promise((resolve) => setTimeout(resolve, fault.burstMs));
    injection = bounded(
      fault.inject(run),
      injectionBoundMs(args),
      `${fault.name} did not heal`,
    ).then(
      (result) => void (check = result || undefined),
      (error: unknown) =>
        void errors.push(`injecting the fault failed: ${describeErrorOnOneLine(error)}`),
    );
  };
  try {
    await streamEvents({
      rows: context.rows,
      sink,
      rate: args.rate,
      ledger,
      admin,
      stallMs: args.windows.stallMs,
      hooks: [
        { at: fault.injectAt ?? 0.3, run: inject },
        { at: fault.healedBy ?? 0.6, run: () => injection },
      ],
    });
    run.mark(
      `stream sent: ${ledger.accepted.size} transactions, ${ledger.acceptedLabels.size} labels accepted`,
    );
  } catch (error) {
    errors.push(describeErrorOnOneLine(error));
    run.mark(`stream stopped: ${describeErrorOnOneLine(error)}`);
  }
  if (injection === undefined)
    errors.push('the fault was never injected: the stream stopped first');
  await injection;
  return { check, recovery, errors };
}

/** The longest any fault may take from its injection to its heal: its window and a restart. */
const injectionBoundMs = ({ windows }: ChaosArgs) =>
  Math.max(
    windows.registryDownMs,
    windows.dynamodbFreezeMs,
    windows.s3DownMs,
    windows.webhookHangMs,
  ) + 180_000;

/** Rejects when `work` has not settled in `ms` (the work itself goes on). */
function bounded<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
