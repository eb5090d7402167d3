import { CsvFormatError } from './csv-format.error';
import { IsoSecondsParser } from './iso-seconds.parser';
import { REFERENCE_COLUMNS } from './reference-transaction.model';
import type { ReferenceTransaction } from './reference-transaction.model';

const isoSeconds = new IsoSecondsParser();

/** Checks that a header line names exactly the reference columns, in order. */
export function parseReferenceHeader(line: string): void {
  const found = line.trim();
  const expected = REFERENCE_COLUMNS.join(',');
  if (found !== expected) {
    throw new CsvFormatError(
      1,
      `not a reference-format CSV header: expected "${expected}", found "${found}"`,
    );
  }
}

/**
 * Parses one data line into a typed row; any malformed field is reported with its column.
 * Fields are taken as written: the reference format has no quoting and no padding.
 */
export function parseReferenceRow(line: string, lineNumber: number): ReferenceTransaction {
  const fields = line.split(',');
  if (fields.length !== REFERENCE_COLUMNS.length) {
    const expected = REFERENCE_COLUMNS.length;
    throw new CsvFormatError(lineNumber, `expected ${expected} fields, found ${fields.length}`);
  }
  const [id, datetime, customer, terminal, amount, seconds, days, fraud, scenario] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (fraud !== '0' && fraud !== '1') fail(lineNumber, 7, fraud, 'must be 0 or 1');
  return {
    transactionId: parseUnsigned(id, 0, lineNumber),
    time: parseIsoSeconds(datetime, lineNumber),
    customerId: parseUnsigned(customer, 2, lineNumber),
    terminalId: parseUnsigned(terminal, 3, lineNumber),
    amount: parseAmount(amount, lineNumber),
    timeSeconds: parseUnsigned(seconds, 5, lineNumber),
    timeDays: parseUnsigned(days, 6, lineNumber),
    fraud: fraud === '1' ? 1 : 0,
    fraudScenario: parseUnsigned(scenario, 8, lineNumber),
  };
}

/** Digits only (no sign, space, exponent or hex that Number() would accept). */
function parseUnsigned(text: string, index: number, lineNumber: number): number {
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) fail(lineNumber, index, text, 'must be a non-negative integer');
    value = value * 10 + digit;
  }
  if (text.length === 0 || !Number.isSafeInteger(value)) {
    fail(lineNumber, index, text, 'must be a non-negative integer');
  }
  return value;
}

/** `digits[.digits]`; the value is Number(text), the closest double to the written decimal. */
function parseAmount(text: string, lineNumber: number): number {
  let dot = -1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 46 /* . */ && dot < 0 && i > 0 && i < text.length - 1) dot = i;
    else if (code < 48 || code > 57) fail(lineNumber, 4, text, 'must be a non-negative decimal');
  }
  const value = Number(text);
  if (text.length === 0 || !Number.isFinite(value)) {
    fail(lineNumber, 4, text, 'must be a non-negative decimal');
  }
  return value;
}

function parseIsoSeconds(text: string, lineNumber: number): number {
  const seconds = isoSeconds.parse(text);
  if (seconds === undefined) {
    fail(lineNumber, 1, text, 'must be an ISO-8601 UTC time like 2018-04-01T00:00:31Z');
  }
  return seconds;
}

function fail(lineNumber: number, index: number, text: string, rule: string): never {
  throw new CsvFormatError(lineNumber, `${REFERENCE_COLUMNS[index]} ${rule}, got "${text}"`);
}
