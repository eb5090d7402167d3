/**
 * The handbook's three fraud scenarios, as numbers (docs/fraud-reference.md, "How the simulator
 * works"). Windows count the compromise day itself as the first day: a terminal compromised on
 * day d yields frauds on days d..d+27, a customer on days d..d+13. That is how the book's code
 * counts (`TX_TIME_DAYS >= day & TX_TIME_DAYS < day + 28`), and the reference file agrees: the
 * terminals its code draws for day d have fraudulent transactions on day d and day d+27, and
 * genuine ones on day d+28.
 */
export const FRAUD_RULES = {
  /** Scenario 1: an amount strictly above this is fraud. */
  amountThreshold: 220,
  /** Scenario 2. */
  terminalsPerDay: 2,
  terminalWindowDays: 28,
  /** Scenario 3: floor(n / divisor) of the n transactions of the day's compromised customers. */
  customersPerDay: 3,
  customerWindowDays: 14,
  customerShareDivisor: 3,
  amountMultiplier: 5,
} as const;

/** Scenario 1, judged on the amount as drawn (before any scenario-3 multiplication). */
export const isAmountFraud = (amount: number): boolean => amount > FRAUD_RULES.amountThreshold;
