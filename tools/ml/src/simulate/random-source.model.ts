/**
 * The draws the simulator needs. The generator depends on this interface, not on a generator
 * class, so unit tests can script exact draws (a negative amount, a time past midnight).
 */
export interface RandomSource {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Uniform in [low, high). */
  between(low: number, high: number): number;
  /** A uniform integer in [0, count), without modulo bias. */
  below(count: number): number;
  normal(mean: number, std: number): number;
  poisson(mean: number): number;
}
