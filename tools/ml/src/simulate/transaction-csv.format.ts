import { REFERENCE_COLUMNS } from '../csv/reference-transaction.model';
import type { SimulatedTransaction } from './simulation.model';

/** The reference file's header line, from the column list the CSV reader checks against. */
export const TRANSACTIONS_CSV_HEADER = REFERENCE_COLUMNS.join(',');

const MILLIS_PER_DAY = 86_400_000;

/**
 * Writes transactions as reference-format CSV lines, numbering them from 0 in the order given
 * (the caller gives them in time order). TX_DATETIME is the start date plus TX_TIME_SECONDS.
 */
export class TransactionCsvFormatter {
  private nextId = 0;
  private cachedDay = -1;
  private cachedDatePrefix = '';
  private readonly startMillis: number;

  /** `startDate` is a validated `YYYY-MM-DD`; the run starts at its midnight UTC. */
  constructor(startDate: string) {
    this.startMillis = Date.parse(`${startDate}T00:00:00Z`);
  }

  /** One line per transaction, each ending in `\n`. */
  format(transactions: readonly SimulatedTransaction[]): string {
    let text = '';
    for (const t of transactions) {
      const secondOfDay = t.timeSeconds - t.day * 86_400;
      text +=
        `${this.nextId++},${this.datePrefix(t.day)}${clock(secondOfDay)}Z,${t.customerId},` +
        `${t.terminalId},${formatAmount(t.amount)},${t.timeSeconds},${t.day},` +
        `${t.scenario === 0 ? 0 : 1},${t.scenario}\n`;
    }
    return text;
  }

  /** `YYYY-MM-DDT` of a run day, computed once per day: rows come day by day. */
  private datePrefix(day: number): string {
    if (day !== this.cachedDay) {
      const date = new Date(this.startMillis + day * MILLIS_PER_DAY);
      this.cachedDatePrefix = date.toISOString().slice(0, 11);
      this.cachedDay = day;
    }
    return this.cachedDatePrefix;
  }
}

/**
 * Python's float repr, as in the reference file: the shortest text that reads back as the same
 * double (what JavaScript prints too), with `.0` on whole numbers (`146.0`, `57.16`,
 * `85.64999999999999`). Exponent forms cannot occur: amounts are cents below 10^15.
 */
export function formatAmount(amount: number): string {
  const text = String(amount);
  return Number.isInteger(amount) ? `${text}.0` : text;
}

const pad2 = (value: number): string => (value < 10 ? `0${value}` : String(value));

function clock(secondOfDay: number): string {
  const hours = Math.floor(secondOfDay / 3_600);
  const minutes = Math.floor((secondOfDay % 3_600) / 60);
  return `${pad2(hours)}:${pad2(minutes)}:${pad2(secondOfDay % 60)}`;
}
