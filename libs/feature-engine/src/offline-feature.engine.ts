import type { FeatureEvent } from './feature-event.model';
import { compileFeaturePlan } from './feature-plan.compiler';
import type { FeaturePlan } from './feature-plan.compiler';
import type { FeatureSet } from './feature-set.model';
import { computeFeatureVector } from './feature-vector.calculator';
import type { WindowEntryBuffer } from './window-entry.buffer';
import type { WindowEntry } from './window-entry.model';
import { EntityBuffersState } from './entity-buffers.state';
import { LabelSchedule } from './label.schedule';

/** A fraud label and the event time at which it becomes known (e.g. after investigation). */
export interface KnownLabel {
  readonly fraud: 0 | 1;
  readonly knownAt: number;
}

/** How often, in event time, idle keys are swept out of memory. */
const SWEEP_EVERY_SECONDS = 86_400;

/**
 * The offline engine: computes each event's features from in-memory window state with the same
 * `computeFeatureVector` the online engine uses, then adds the event to the state.
 *
 * Label timing: before an event at t is scored, every label known at or before t is applied; so a
 * label known in the same second as a transaction is visible to it. A delayed window
 * (t − d − w, t − d] is exact when each label is known by the time the first transaction whose
 * delayed window contains the labelled one is scored: known at or before s + d for a transaction
 * at s. With the reference's 7-day label delay and 7-day feature delay that always holds. If a
 * label comes later, the entry counts as not fraud until then: a lower risk, never an error.
 *
 * Precondition: events arrive in canonical (time, seq) order; the state buffers reject others.
 */
export class OfflineFeatureEngine {
  readonly plan: FeaturePlan;
  private readonly states: readonly EntityBuffersState[];
  private readonly labels = new LabelSchedule();
  /** Reused for every event (computeFeatureVector keeps no reference), so its shape is stable. */
  private readonly entries: Record<string, WindowEntryBuffer> = {};
  private nextSweepAt = -Infinity;

  constructor(featureSet: FeatureSet) {
    this.plan = compileFeaturePlan(featureSet);
    this.states = this.plan.stateRequirements.map((r) => new EntityBuffersState(r));
  }

  /** Scores `event` and records it; `label`, when given, is applied once it is known. */
  process(event: FeatureEvent, label?: KnownLabel): number[] {
    this.labels.releaseUntil(event.time);
    this.sweepWhenDue(event.time);
    const { states, entries } = this;
    for (const state of states) {
      entries[state.entity] = state.buffer(entityKey(event, state.entity), event.time);
    }
    const vector = computeFeatureVector(this.plan, event, entries);
    const entry: WindowEntry = {
      time: event.time,
      seq: event.seq,
      value: event.amount,
      fraud: null,
      eventId: event.eventId,
    };
    for (const state of states) {
      const buffer = entries[state.entity] as WindowEntryBuffer;
      const position = buffer.append(entry);
      if (label !== undefined && state.needsLabels) {
        this.labels.schedule(label.knownAt, buffer, position, label.fraud);
      }
    }
    return vector;
  }

  private sweepWhenDue(now: number): void {
    if (now < this.nextSweepAt) return;
    for (const state of this.states) state.sweep(now);
    this.nextSweepAt = now + SWEEP_EVERY_SECONDS;
  }
}

function entityKey(event: FeatureEvent, entity: string): string {
  const key = event.entities[entity];
  if (key === undefined) throw new Error(`event ${event.eventId} has no "${entity}" key`);
  return key;
}
