import type { Admin } from 'kafkajs';
import { waitForGroup } from './consumer-group.probe';
import type { Replica, ReplicaFleet } from './replica.fleet';
import type { StepHook } from './step-rows.slicer';

export interface ChaosMarks {
  /** Share of the step's rows sent before the new replicas are launched. */
  readonly addAt: number;
  /** ...by when they must have joined (the stream waits for it if need be). */
  readonly joinedBy: number;
  /** Share sent before the signals go out; the rest flows while the group recovers. */
  readonly killAt: number;
  /** ...by when every signalled replica must have exited. */
  readonly goneBy: number;
}

export const DEFAULT_CHAOS_MARKS: ChaosMarks = {
  addAt: 0.1,
  joinedBy: 0.4,
  killAt: 0.45,
  goneBy: 0.8,
};

export interface ChaosRecord {
  readonly added: string[];
  readonly sigterm: string[];
  readonly sigkill: string[];
  /** What happened when, in seconds since the step began. */
  readonly timeline: { at_s: number; action: string }[];
}

export interface ChaosFleet {
  readonly features: ReplicaFleet;
  readonly scoring: ReplicaFleet;
  readonly admin: Admin;
  readonly groups: { readonly features: string; readonly scoring: string };
  readonly log: (line: string) => void;
}

/**
 * The hooks of the chaos step, from 2 replicas of features and scoring: while events flow, one
 * more replica of each joins (2 → 3, the groups rebalance); later, still mid-stream, the oldest
 * features replica gets SIGTERM (graceful: finishes its batch, commits, leaves), the oldest
 * scoring replica SIGKILL (no commit: its uncommitted batch is replayed elsewhere, so some
 * predictions are sent twice) and, when `killFeatures`, the next features replica SIGKILL too
 * (its Redis writes are replayed as redeliveries). The stream waits at `joinedBy` and `goneBy`
 * so each action lands with rows still to send.
 */
export function chaosHooks(
  fleet: ChaosFleet,
  record: ChaosRecord,
  options: { readonly killFeatures: boolean; readonly marks?: ChaosMarks },
): StepHook[] {
  const marks = options.marks ?? DEFAULT_CHAOS_MARKS;
  const startedAt = performance.now();
  const mark = (action: string) => {
    const at = Math.round((performance.now() - startedAt) / 100) / 10;
    record.timeline.push({ at_s: at, action });
    fleet.log(`  chaos +${at.toFixed(1)} s: ${action}`);
  };
  let adding: Promise<void> = Promise.resolve();
  let killing: Promise<void> = Promise.resolve();

  const add = async () => {
    mark('launching one more features and one more scoring replica');
    const [features, scoring] = await Promise.all([fleet.features.add(), fleet.scoring.add()]);
    record.added.push(features.name, scoring.name);
    mark(`${features.name} and ${scoring.name} ready`);
    const [f, s] = await Promise.all([
      waitForGroup(fleet.admin, fleet.groups.features, fleet.features.live.length),
      waitForGroup(fleet.admin, fleet.groups.scoring, fleet.scoring.live.length),
    ]);
    mark(`groups rebalanced: features partitions ${f.join('/')}, scoring ${s.join('/')}`);
  };

  const kill = async () => {
    const [termFeatures, killFeatures] = fleet.features.live;
    const [killScoring] = fleet.scoring.live;
    if (termFeatures === undefined || killScoring === undefined)
      throw new Error('the chaos step needs live features and scoring replicas');
    const busy = async (target: ReplicaFleet, replica: Replica) =>
      (await target.waitBusy(replica)) ? 'while consuming' : 'found idle for 10 s';
    mark(`SIGTERM ${termFeatures.name} ${await busy(fleet.features, termFeatures)}`);
    record.sigterm.push(termFeatures.name);
    const terminated = fleet.features.terminate(termFeatures);
    const scoringState = await busy(fleet.scoring, killScoring);
    record.sigkill.push(killScoring.name);
    await fleet.scoring.kill(killScoring);
    mark(`SIGKILL ${killScoring.name} ${scoringState}`);
    if (options.killFeatures && killFeatures !== undefined) {
      const featuresState = await busy(fleet.features, killFeatures);
      record.sigkill.push(killFeatures.name);
      await fleet.features.kill(killFeatures);
      mark(`SIGKILL ${killFeatures.name} ${featuresState}`);
    }
    await terminated;
    mark(`${termFeatures.name} exited after its graceful stop`);
  };

  // Started without awaiting (the stream keeps flowing); awaited at the next mark. The no-op
  // catch only keeps a failure from being reported as unhandled before that await rethrows it.
  return [
    { at: marks.addAt, run: () => void (adding = add()).catch(() => undefined) },
    { at: marks.joinedBy, run: () => adding },
    { at: marks.killAt, run: () => void (killing = kill()).catch(() => undefined) },
    { at: marks.goneBy, run: () => killing },
  ];
}
