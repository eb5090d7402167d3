import type { RandomSource } from './random-source.model';

/** Queued values per kind of draw, consumed in order. */
export interface RandomScript {
  uniform?: number[];
  below?: number[];
  normal?: number[];
  poisson?: number[];
}

/**
 * A RandomSource that returns exactly the scripted draws, so a test can force a rare case (a
 * negative amount, a time past midnight). Running out of a queue fails the test loudly, which
 * also proves a code path made no draws of that kind.
 */
export class ScriptedRandom implements RandomSource {
  constructor(private readonly script: RandomScript) {}

  uniform(): number {
    return this.next('uniform');
  }

  between(low: number, high: number): number {
    return low + (high - low) * this.next('uniform');
  }

  below(count: number): number {
    const value = this.next('below');
    if (value >= count) throw new RangeError(`scripted below(${count}) = ${value} is out of range`);
    return value;
  }

  /** Scripted normals are final values: the mean and std arguments are ignored. */
  normal(): number {
    return this.next('normal');
  }

  poisson(): number {
    return this.next('poisson');
  }

  private next(kind: keyof RandomScript): number {
    const value = this.script[kind]?.shift();
    if (value === undefined) throw new Error(`no scripted ${kind} draw left`);
    return value;
  }
}
