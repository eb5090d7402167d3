import {
  formatAmount,
  TransactionCsvFormatter,
  TRANSACTIONS_CSV_HEADER,
} from './transaction-csv.format';
import type { FraudScenario, SimulatedTransaction } from './simulation.model';

const tx = (
  timeSeconds: number,
  customerId: number,
  terminalId: number,
  amount: number,
  scenario: FraudScenario = 0,
): SimulatedTransaction => ({
  timeSeconds,
  day: Math.floor(timeSeconds / 86_400),
  customerId,
  terminalId,
  amount,
  scenario,
  sequence: 0,
});

describe('TRANSACTIONS_CSV_HEADER', () => {
  it('is the reference file header', () => {
    expect(TRANSACTIONS_CSV_HEADER).toBe(
      'TRANSACTION_ID,TX_DATETIME,CUSTOMER_ID,TERMINAL_ID,TX_AMOUNT,TX_TIME_SECONDS,TX_TIME_DAYS,' +
        'TX_FRAUD,TX_FRAUD_SCENARIO',
    );
  });
});

describe('formatAmount', () => {
  it('writes amounts as the reference does: Python float repr', () => {
    expect(formatAmount(57.16)).toBe('57.16');
    expect(formatAmount(48.3)).toBe('48.3');
    expect(formatAmount(146)).toBe('146.0');
    expect(formatAmount(0)).toBe('0.0');
    // A scenario-3 amount: 17.13 x 5 in doubles, as the reference file has it.
    expect(formatAmount(17.13 * 5)).toBe('85.64999999999999');
  });
});

describe('TransactionCsvFormatter', () => {
  it('writes the reference rows for the same transactions', () => {
    const formatter = new TransactionCsvFormatter('2018-04-01');
    const text = formatter.format([
      tx(31, 596, 3156, 57.16),
      tx(130, 4961, 3412, 81.51),
      tx(476, 2, 1365, 146),
    ]);

    expect(text).toBe(
      '0,2018-04-01T00:00:31Z,596,3156,57.16,31,0,0,0\n' +
        '1,2018-04-01T00:02:10Z,4961,3412,81.51,130,0,0,0\n' +
        '2,2018-04-01T00:07:56Z,2,1365,146.0,476,0,0,0\n',
    );
  });

  it('numbers rows across calls and dates them across month ends', () => {
    const formatter = new TransactionCsvFormatter('2018-04-01');
    formatter.format([tx(1, 0, 0, 1)]);

    expect(
      formatter.format([tx(29 * 86_400 + 86_399, 1, 2, 3.5, 2), tx(30 * 86_400 + 1, 1, 2, 300, 1)]),
    ).toBe(
      '1,2018-04-30T23:59:59Z,1,2,3.5,2591999,29,1,2\n' +
        '2,2018-05-01T00:00:01Z,1,2,300.0,2592001,30,1,1\n',
    );
  });

  it('starts on the requested date, across a leap day', () => {
    const formatter = new TransactionCsvFormatter('2020-02-28');

    expect(formatter.format([tx(86_400 + 3_661, 0, 0, 1, 3)])).toBe(
      '0,2020-02-29T01:01:01Z,0,0,1.0,90061,1,1,3\n',
    );
  });
});
