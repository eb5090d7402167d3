import { FRAUD_RULES } from './fraud-scenario.rules';
import { sampleDistinct } from './distinct.sample';
import { RANDOM_STREAM } from './random-stream.keys';
import { SeededRandom } from './seeded.random';

/**
 * Scenario 2: each day, 2 distinct random terminals are compromised, and every transaction at
 * a compromised terminal is fraud from the compromise day through the 27 days after it (28
 * days in all). A terminal drawn again extends its window. State is one entry per terminal
 * still in a window: at most 2 x 28.
 */
export class TerminalCompromises {
  /** Terminal id → last day of its fraud window. */
  private readonly lastFraudDay = new Map<number, number>();
  private readonly random = new SeededRandom(0);

  constructor(
    private readonly terminalCount: number,
    private readonly seed: number,
  ) {}

  /** Opens `day` (days must come in order): forgets ended windows, returns the new terminals. */
  startDay(day: number): number[] {
    for (const [terminalId, lastDay] of this.lastFraudDay) {
      if (lastDay < day) this.lastFraudDay.delete(terminalId);
    }
    this.random.reseed(this.seed, RANDOM_STREAM.terminalCompromise, day);
    const picked = sampleDistinct(this.random, this.terminalCount, FRAUD_RULES.terminalsPerDay);
    for (const terminalId of picked) {
      this.lastFraudDay.set(terminalId, day + FRAUD_RULES.terminalWindowDays - 1);
    }
    return picked;
  }

  /** Whether a transaction at this terminal on the open day is fraud. */
  isCompromised(terminalId: number, day: number): boolean {
    return (this.lastFraudDay.get(terminalId) ?? -1) >= day;
  }
}
