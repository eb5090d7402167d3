import { readTextLineBatches } from '../csv/text-lines.reader';
import { HANDBOOK_PUBLISHED_ROWS, printedTolerance } from './handbook-published-values.fixture';

export interface PublishedValuesReport {
  readonly checked: number;
  /** One line per value that differs by more than the printed precision explains. */
  readonly mismatches: readonly string[];
}

/**
 * Compares a handbook-15 features CSV (backfill output of the reference data set) with every
 * value the handbook published, streaming the file. A published row missing from the output is
 * a mismatch too.
 */
export async function checkPublishedValues(outputPath: string): Promise<PublishedValuesReport> {
  const wanted = new Set(HANDBOOK_PUBLISHED_ROWS.map((row) => String(row.transactionId)));
  const found = new Map<string, string[]>();
  let header: string[] | undefined;
  for await (const lines of readTextLineBatches(outputPath)) {
    for (const line of lines) {
      const id = line.slice(0, line.indexOf(','));
      if (header === undefined) header = line.split(',');
      else if (wanted.has(id)) found.set(id, line.split(','));
    }
  }
  const columns = header ?? [];
  const mismatches: string[] = [];
  let checked = 0;
  // Some transactions appear in two of the book's tables: each printed value is checked.
  for (const published of HANDBOOK_PUBLISHED_ROWS) {
    const id = String(published.transactionId);
    for (const [name, printed] of Object.entries(published.values)) {
      checked += 1;
      const text = found.get(id)?.[columns.indexOf(name)];
      const ours = text === undefined ? Number.NaN : Number(text);
      if (!(Math.abs(ours - Number(printed)) <= printedTolerance(name))) {
        mismatches.push(
          `TRANSACTION_ID ${id} ${name}: published ${printed}, ours ${text ?? 'missing'}`,
        );
      }
    }
  }
  return { checked, mismatches };
}
