/**
 * Reference transactions joined with their feature vectors: columns of equal length, row i of
 * each belonging to one transaction, in TRANSACTION_ID order.
 */
export interface LabelledRows {
  readonly featureNames: readonly string[];
  readonly rows: number;
  readonly transactionIds: Int32Array;
  /** UTC calendar day of each transaction (see `utcDay`). */
  readonly days: Int32Array;
  /** The card (CUSTOMER_ID in the reference data). */
  readonly cards: Int32Array;
  readonly labels: Uint8Array;
  /** rows × featureNames.length, row-major, float32 (the model's input domain). */
  readonly features: Float32Array;
}
