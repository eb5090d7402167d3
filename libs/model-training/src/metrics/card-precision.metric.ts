/** Scored transactions: equal-length columns, one row per transaction. */
export interface CardScoredRows {
  /** Any integer day key (e.g. UTC day number); days are taken in increasing order. */
  readonly days: ArrayLike<number>;
  readonly cards: ArrayLike<number>;
  readonly labels: ArrayLike<number>;
  readonly scores: ArrayLike<number>;
}

export interface CardPrecisionDay {
  readonly day: number;
  /** Cards scored that day (after excluding cards already detected). */
  readonly cards: number;
  /** Compromised cards among the day's top k. */
  readonly detected: number;
  /** detected ÷ k, also when fewer than k cards were scored. */
  readonly precision: number;
}

export interface CardPrecisionResult {
  /** Mean of the daily precisions; NaN when there is no day. */
  readonly mean: number;
  readonly perDay: readonly CardPrecisionDay[];
}

interface CardOfDay {
  readonly card: number;
  score: number;
  label: number;
}

/**
 * Card Precision@k as the reference handbook's code computes it. For each day present in the
 * rows, in increasing order: a card's score is the maximum score of its transactions that day and
 * its label the maximum label; the k highest-scored cards are taken (equal scores: lower card id
 * first, the order of the handbook's groupby before its sort); precision = compromised cards among
 * them ÷ k, even on a day with fewer than k cards. The compromised cards found in a day's top k
 * are excluded from every later day (an investigator has already blocked them). The result is the
 * mean over days. A day whose every card was excluded scores 0 and still counts.
 */
export function cardPrecisionAtK(rows: CardScoredRows, k = 100): CardPrecisionResult {
  if (!Number.isSafeInteger(k) || k < 1)
    throw new RangeError(`k must be a positive integer, got ${k}`);
  const detectedBefore = new Set<number>();
  const perDay: CardPrecisionDay[] = [];
  for (const [day, cards] of cardsByDay(rows)) {
    const eligible = [...cards.values()].filter((c) => !detectedBefore.has(c.card));
    eligible.sort((a, b) => b.score - a.score || a.card - b.card);
    const detected = eligible.slice(0, k).filter((c) => c.label === 1);
    for (const card of detected) detectedBefore.add(card.card);
    perDay.push({
      day,
      cards: eligible.length,
      detected: detected.length,
      precision: detected.length / k,
    });
  }
  const mean = perDay.reduce((sum, d) => sum + d.precision, 0) / perDay.length;
  return { mean: perDay.length === 0 ? NaN : mean, perDay };
}

/** Per day (ascending), per card: the maximum score and label of its transactions. */
function cardsByDay(rows: CardScoredRows): [number, Map<number, CardOfDay>][] {
  const { days, cards, labels, scores } = rows;
  if (
    cards.length !== days.length ||
    labels.length !== days.length ||
    scores.length !== days.length
  ) {
    throw new RangeError('days, cards, labels and scores must have the same length');
  }
  const byDay = new Map<number, Map<number, CardOfDay>>();
  for (let i = 0; i < days.length; i++) {
    const day = days[i] as number;
    let dayCards = byDay.get(day);
    if (dayCards === undefined) byDay.set(day, (dayCards = new Map()));
    const card = cards[i] as number;
    const score = scores[i] as number;
    const label = labels[i] as number;
    const seen = dayCards.get(card);
    if (seen === undefined) dayCards.set(card, { card, score, label });
    else {
      seen.score = Math.max(seen.score, score);
      seen.label = Math.max(seen.label, label);
    }
  }
  return [...byDay.entries()].sort((a, b) => a[0] - b[0]);
}

/**
 * Card numbers for card precision's tie-break (lower card first among equal scores): the ids
 * themselves when every one is a decimal integer below 10⁹ (the reference data's customer ids), else each
 * id's rank in code-unit order.
 */
export function cardNumbers(entityIds: readonly string[]): number[] {
  if (entityIds.every((id) => /^(0|[1-9]\d{0,8})$/.test(id))) return entityIds.map(Number);
  const rank = new Map(
    [...new Set(entityIds)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((id, i) => [id, i]),
  );
  return entityIds.map((id) => rank.get(id) as number);
}
