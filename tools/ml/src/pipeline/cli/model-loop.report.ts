/** The reference's best published numbers anywhere (docs/fraud-reference.md, "Best results"). */
export const BOOK_BEST = { auc: 0.876, ap: 0.694, cardPrecision: 0.304 } as const;

export interface WeekFigures {
  readonly events: number;
  readonly frauds: number;
  readonly auc: number | null;
  readonly ap: number | null;
  readonly cardPrecision: number | null;
}

/** One test week of the loop: the self-updating champion's figures and the frozen first model's. */
export interface LoopWeek {
  /** First day, YYYY-MM-DD (UTC). */
  readonly from: string;
  readonly to: string;
  /** The champion versions that served the week. */
  readonly servedBy: readonly string[];
  readonly champion: WeekFigures;
  readonly frozen: WeekFigures;
}

type Metric = 'auc' | 'ap' | 'cardPrecision';

/** The mean of each metric over the weeks (weeks where it is undefined left out). */
export function meansOf(
  weeks: readonly LoopWeek[],
  of: 'champion' | 'frozen',
): Record<Metric, number | null> {
  const mean = (metric: Metric) => {
    const values = weeks.map((week) => week[of][metric]).filter((v): v is number => v !== null);
    return values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length;
  };
  return { auc: mean('auc'), ap: mean('ap'), cardPrecision: mean('cardPrecision') };
}

const f3 = (value: number | null) => (value === null ? 'n/a' : value.toFixed(3));

/** The per-week table with the means and the book's best, as Markdown lines. */
export function loopTable(weeks: readonly LoopWeek[]): string[] {
  const lines = [
    '| week | served by | events | frauds | champion AUC | AP | CP@100 | frozen AUC | AP | CP@100 |',
    '| ---- | --------- | ------ | ------ | ------------ | -- | ------ | ---------- | -- | ------ |',
  ];
  for (const week of weeks)
    lines.push(
      `| ${week.from}…${week.to} | ${week.servedBy.join(', ')} | ${week.champion.events} | ${week.champion.frauds} | ` +
        `${f3(week.champion.auc)} | ${f3(week.champion.ap)} | ${f3(week.champion.cardPrecision)} | ` +
        `${f3(week.frozen.auc)} | ${f3(week.frozen.ap)} | ${f3(week.frozen.cardPrecision)} |`,
    );
  const champion = meansOf(weeks, 'champion');
  const frozen = meansOf(weeks, 'frozen');
  lines.push(
    `| **mean** | | | | ${f3(champion.auc)} | ${f3(champion.ap)} | ${f3(champion.cardPrecision)} | ` +
      `${f3(frozen.auc)} | ${f3(frozen.ap)} | ${f3(frozen.cardPrecision)} |`,
    `| the book's best | | | | ${f3(BOOK_BEST.auc)} | ${f3(BOOK_BEST.ap)} | ${f3(BOOK_BEST.cardPrecision)} | | | |`,
  );
  return lines;
}
