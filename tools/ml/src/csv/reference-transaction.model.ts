/** The reference data set's columns, in file order (docs/fraud-reference.md). */
export const REFERENCE_COLUMNS = [
  'TRANSACTION_ID',
  'TX_DATETIME',
  'CUSTOMER_ID',
  'TERMINAL_ID',
  'TX_AMOUNT',
  'TX_TIME_SECONDS',
  'TX_TIME_DAYS',
  'TX_FRAUD',
  'TX_FRAUD_SCENARIO',
] as const;

/** One typed row of a reference-format CSV file. */
export interface ReferenceTransaction {
  readonly transactionId: number;
  /** TX_DATETIME as whole epoch seconds (UTC). */
  readonly time: number;
  readonly customerId: number;
  readonly terminalId: number;
  readonly amount: number;
  /** Seconds / whole days since the data set's start, as written in the file. */
  readonly timeSeconds: number;
  readonly timeDays: number;
  readonly fraud: 0 | 1;
  /** 0 genuine; 1, 2, 3 the simulator's fraud scenarios. */
  readonly fraudScenario: number;
}
