import type { EntityStateRequirement } from './entity-state.requirements';
import { WindowEntryBuffer } from './window-entry.buffer';

/**
 * One entity's window state in memory: a buffer per key value. Buffers are expired when read,
 * and idle keys are swept out, so memory is bounded by what the windows can still need (and the
 * number of live keys), not by the length of the input.
 */
export class EntityBuffersState {
  readonly entity: string;
  readonly horizonSeconds: number;
  readonly needsLabels: boolean;
  private readonly buffers = new Map<string, WindowEntryBuffer>();

  constructor(requirement: EntityStateRequirement) {
    this.entity = requirement.entity;
    this.horizonSeconds = requirement.horizonSeconds;
    this.needsLabels = requirement.needsLabels;
  }

  /** The key's buffer, created empty on first use, with entries expired for an event at `now`. */
  buffer(key: string, now: number): WindowEntryBuffer {
    let buffer = this.buffers.get(key);
    if (buffer === undefined) {
      buffer = new WindowEntryBuffer();
      this.buffers.set(key, buffer);
    }
    buffer.expire(now, this.horizonSeconds);
    return buffer;
  }

  /** Expires every key at `now` and forgets the keys left empty; returns the entries kept. */
  sweep(now: number): number {
    let kept = 0;
    for (const [key, buffer] of this.buffers) {
      buffer.expire(now, this.horizonSeconds);
      if (buffer.length === 0) this.buffers.delete(key);
      kept += buffer.length;
    }
    return kept;
  }
}
