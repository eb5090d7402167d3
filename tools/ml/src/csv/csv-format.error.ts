/** Bad input in a CSV file, located by its 1-based line number (the header is line 1). */
export class CsvFormatError extends Error {
  readonly lineNumber: number;

  constructor(lineNumber: number, message: string) {
    super(`line ${lineNumber}: ${message}`);
    this.name = 'CsvFormatError';
    this.lineNumber = lineNumber;
  }
}
