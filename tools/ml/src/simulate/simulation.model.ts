/** What to simulate. The handbook's run: 5,000 customers, 10,000 terminals, 183 days, r = 5. */
export interface SimulationParams {
  readonly customers: number;
  readonly terminals: number;
  readonly days: number;
  /** An integer in [0, 2^32): every draw of the run derives from it. */
  readonly seed: number;
  /** A customer may use the terminals at Euclidean distance strictly below this. */
  readonly radius: number;
}

export interface TerminalProfile {
  readonly id: number;
  readonly x: number;
  readonly y: number;
}

export interface CustomerProfile {
  readonly id: number;
  readonly x: number;
  readonly y: number;
  readonly meanAmount: number;
  readonly stdAmount: number;
  readonly meanTxPerDay: number;
  /** Ids of the terminals within the radius, ascending; empty means no transactions at all. */
  readonly terminals: Int32Array;
}

/** 0 genuine; 1 amount over the threshold; 2 compromised terminal; 3 compromised customer. */
export type FraudScenario = 0 | 1 | 2 | 3;

/**
 * One generated transaction. `amount` and `scenario` are mutable on purpose: the fraud scenarios
 * relabel transactions, and the customer scenario multiplies amounts, after generation.
 */
export interface SimulatedTransaction {
  /** Seconds since the run's start (day * 86,400 + time of day). */
  readonly timeSeconds: number;
  readonly day: number;
  readonly customerId: number;
  readonly terminalId: number;
  amount: number;
  scenario: FraudScenario;
  /** Position within the customer's day: the last tie-breaker of the time order. */
  readonly sequence: number;
}
