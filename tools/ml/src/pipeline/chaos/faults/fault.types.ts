import type { ServiceId } from '@rtml/contracts';
import type { RecordPublisher } from '@rtml/kafka';
import type { ScaleSlice } from '../../scale/scale.slice';
import type { FaultWindows } from '../chaos-args.parser';
import type { ChaosRig } from '../rig/chaos.rig';
import type { PipelineFleet } from '../run/pipeline.fleet';
import type { RoutedSink, Routing } from '../run/routed.sink';
import type { RunLedger } from '../run/run.ledger';
import type { FaultName } from './fault.names';

/** What a fault acts on while its stream flows. */
export interface FaultRun {
  readonly rig: ChaosRig;
  readonly slice: ScaleSlice;
  readonly fleet: PipelineFleet;
  readonly sink: RoutedSink;
  readonly ledger: RunLedger;
  /** The suite's own producer on the run's broker, for records injected past ingest. */
  readonly publisher: RecordPublisher;
  readonly windows: FaultWindows;
  /** True while the service's group has records on its input topics it has not committed. */
  inFlight(service: ServiceId): Promise<boolean>;
  /** Notes an action on the fault's timeline (stderr), with its time since the stream began. */
  mark(action: string): void;
  /** The fault is over: the recovery time is measured from here. */
  healed(): void;
}

/** The fault's own checks, run once the pipeline has settled: each failure spelled out. */
export type FaultCheck = () => Promise<readonly string[]>;

/**
 * One fault of the suite: what it injects, and how. The runner gives every fault a fresh slice
 * and fresh services, starts the stream, calls `inject` at `injectAt` of the rows without
 * holding the stream up, and waits at `healedBy` until `inject` has resolved (it must call
 * `healed()` before it does), so events keep flowing after the heal too.
 */
export interface Fault {
  readonly name: FaultName;
  /** What is injected, in one sentence (the reliability document quotes it). */
  readonly injects: string;
  readonly routing?: Routing;
  /** Share of the rows sent before `inject` starts (default 0.3). */
  readonly injectAt?: number;
  /** Share of the rows by which the fault must be healed (default 0.6). */
  readonly healedBy?: number;
  /**
   * Holds the stream this long just before injecting: the paced sender then catches up in a
   * burst, so the fault lands on a pipeline with batches in flight (a deploy during a spike).
   */
  readonly burstMs?: number;
  /**
   * The fault kills a process of the pipeline, or the broker, without warning. At least once,
   * a batch published but not yet committed is published again by whoever replays it: its
   * duplicates are what that guarantee allows (consumers dedupe by event id), so under
   * `--guarantee at_least_once` they are counted on the line but fail nothing. Exactly once,
   * and after every other fault, a duplicate fails the fault.
   */
  readonly crashes?: boolean;
  /** Variables the fault's services start with on top of the run's. */
  readonly serviceEnv?: (rig: ChaosRig) => Readonly<Record<string, string>>;
  inject(run: FaultRun): Promise<FaultCheck | void>;
}
