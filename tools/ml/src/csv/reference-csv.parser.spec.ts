import { CsvFormatError } from './csv-format.error';
import { parseReferenceHeader, parseReferenceRow } from './reference-csv.parser';

const HEADER =
  'TRANSACTION_ID,TX_DATETIME,CUSTOMER_ID,TERMINAL_ID,TX_AMOUNT,TX_TIME_SECONDS,TX_TIME_DAYS,' +
  'TX_FRAUD,TX_FRAUD_SCENARIO';

describe('parseReferenceHeader', () => {
  it('accepts the nine reference columns in order', () => {
    expect(() => parseReferenceHeader(HEADER)).not.toThrow();
  });

  it('rejects any other header and shows what it expected and found', () => {
    const swapped = HEADER.replace('CUSTOMER_ID,TERMINAL_ID', 'TERMINAL_ID,CUSTOMER_ID');

    expect(() => parseReferenceHeader(swapped)).toThrow(CsvFormatError);
    expect(() => parseReferenceHeader('a,b')).toThrow(
      /line 1: not a reference-format CSV header: expected "TRANSACTION_ID,.*", found "a,b"/,
    );
  });
});

describe('parseReferenceRow', () => {
  it('parses a row into typed fields, the time as epoch seconds', () => {
    expect(parseReferenceRow('2,2018-04-01T00:07:56Z,2,1365,146.0,476,0,1,3', 4)).toEqual({
      transactionId: 2,
      time: Date.parse('2018-04-01T00:07:56Z') / 1000,
      customerId: 2,
      terminalId: 1365,
      amount: 146,
      timeSeconds: 476,
      timeDays: 0,
      fraud: 1,
      fraudScenario: 3,
    });
  });

  it('names the line and column of a malformed field', () => {
    const cases: [string, RegExp][] = [
      [
        'x,2018-04-01T00:07:56Z,2,1365,1.5,476,0,0,0',
        /line 7: TRANSACTION_ID must be a non-negative integer, got "x"/,
      ],
      ['2,2018-04-01 00:07:56,2,1365,1.5,476,0,0,0', /TX_DATETIME must be an ISO-8601 UTC time/],
      ['2,2018-02-30T00:07:56Z,2,1365,1.5,476,0,0,0', /TX_DATETIME/],
      ['2,2018-04-01T24:00:00Z,2,1365,1.5,476,0,0,0', /TX_DATETIME/],
      ['2,2018-04-01T00:07:56Z,-2,1365,1.5,476,0,0,0', /CUSTOMER_ID/],
      ['2,2018-04-01T00:07:56Z,2,1365,1e3,476,0,0,0', /TX_AMOUNT must be a non-negative decimal/],
      ['2,2018-04-01T00:07:56Z,2,1365,.5,476,0,0,0', /TX_AMOUNT/],
      ['2,2018-04-01T00:07:56Z,2,1365,1.5,476,0,2,0', /TX_FRAUD must be 0 or 1, got "2"/],
      ['2,2018-04-01T00:07:56Z,2,1365,1.5,476,0,0', /line 7: expected 9 fields, found 8/],
      ['2,2018-04-01T00:07:56Z,2,1365, 1.5,476,0,0,0', /TX_AMOUNT/],
    ];
    for (const [line, message] of cases) {
      expect(() => parseReferenceRow(line, 7)).toThrow(message);
    }
  });
});
