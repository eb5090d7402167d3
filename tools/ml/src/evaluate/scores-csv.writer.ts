import { writeFile } from 'node:fs/promises';

/** Writes `TRANSACTION_ID,score` rows (scores in full precision) for later analysis. */
export async function writeScoresCsv(
  path: string,
  transactionIds: ArrayLike<number>,
  scores: ArrayLike<number>,
): Promise<void> {
  if (transactionIds.length !== scores.length) {
    throw new RangeError(`${transactionIds.length} ids but ${scores.length} scores`);
  }
  const lines = ['TRANSACTION_ID,score'];
  for (let i = 0; i < scores.length; i++) lines.push(`${transactionIds[i]},${scores[i]}`);
  await writeFile(path, `${lines.join('\n')}\n`);
}
