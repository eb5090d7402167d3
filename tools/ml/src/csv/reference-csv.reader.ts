import { CsvFormatError } from './csv-format.error';
import { parseReferenceHeader, parseReferenceRow } from './reference-csv.parser';
import type { ReferenceTransaction } from './reference-transaction.model';
import { readTextLineBatches } from './text-lines.reader';

/**
 * Streams the typed rows of a reference-format CSV file (`.csv` or `.csv.gz`) in file order, in
 * batches. The header is checked first; blank lines are skipped; bad input throws a
 * `CsvFormatError` naming the line.
 */
export async function* readReferenceCsvBatches(
  path: string,
): AsyncGenerator<ReferenceTransaction[]> {
  let lineNumber = 0;
  for await (const lines of readTextLineBatches(path)) {
    const rows: ReferenceTransaction[] = [];
    for (const line of lines) {
      lineNumber += 1;
      if (lineNumber === 1) parseReferenceHeader(line);
      else if (line.length > 0) rows.push(parseReferenceRow(line, lineNumber));
    }
    if (rows.length > 0) yield rows;
  }
  if (lineNumber === 0) throw new CsvFormatError(1, 'the file is empty (no header)');
}

/** The same rows one at a time, for callers where convenience beats throughput. */
export async function* readReferenceCsv(path: string): AsyncGenerator<ReferenceTransaction> {
  for await (const rows of readReferenceCsvBatches(path)) yield* rows;
}
