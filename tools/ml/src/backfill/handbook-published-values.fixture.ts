/**
 * Feature values published by the handbook (Le Borgne et al., chapter 3 "Baseline feature
 * transformation", notebook outputs), copied without their trailing zeros. pandas printed them
 * rounded to 6 decimals, except the 30-day terminal risk in the last table (5 decimals).
 * Identity columns let a test check it is comparing the same transaction. Only the columns the
 * book prints for a row are listed.
 */
export interface PublishedRow {
  readonly transactionId: number;
  readonly customerId: number;
  readonly terminalId: number;
  readonly amount: number;
  readonly values: Readonly<Record<string, string>>;
}

const CUSTOMER = [
  'CUSTOMER_ID_NB_TX_1DAY_WINDOW',
  'CUSTOMER_ID_AVG_AMOUNT_1DAY_WINDOW',
  'CUSTOMER_ID_NB_TX_7DAY_WINDOW',
  'CUSTOMER_ID_AVG_AMOUNT_7DAY_WINDOW',
  'CUSTOMER_ID_NB_TX_30DAY_WINDOW',
  'CUSTOMER_ID_AVG_AMOUNT_30DAY_WINDOW',
];
const TERMINAL = [
  'TERMINAL_ID_NB_TX_1DAY_WINDOW',
  'TERMINAL_ID_RISK_1DAY_WINDOW',
  'TERMINAL_ID_NB_TX_7DAY_WINDOW',
  'TERMINAL_ID_RISK_7DAY_WINDOW',
  'TERMINAL_ID_NB_TX_30DAY_WINDOW',
  'TERMINAL_ID_RISK_30DAY_WINDOW',
];
const CALENDAR = ['TX_DURING_WEEKEND', 'TX_DURING_NIGHT'];

/** The largest difference rounding to the printed precision can explain. */
export const printedTolerance = (feature: string): number =>
  feature === 'TERMINAL_ID_RISK_30DAY_WINDOW' ? 0.5e-5 : 0.5e-6;

type Identity = [transactionId: number, customerId: number, terminalId: number, amount: number];

const rows = (names: readonly string[], table: readonly [Identity, string][]): PublishedRow[] =>
  table.map(([[transactionId, customerId, terminalId, amount], printed]) => {
    const cells = printed.split(' ');
    return {
      transactionId,
      customerId,
      terminalId,
      amount,
      values: Object.fromEntries(names.map((name, i) => [name, cells[i] as string])),
    };
  });

/** `spending_behaviour_customer_0`: the first and last five transactions of customer 0. */
const customerZero = rows(
  [...CALENDAR, ...CUSTOMER],
  [
    [[1758, 0, 6076, 123.59], '1 0 1 123.59 1 123.59 1 123.59'],
    [[8275, 0, 858, 77.34], '1 0 2 100.465 2 100.465 2 100.465'],
    [[8640, 0, 6698, 46.51], '1 0 3 82.48 3 82.48 3 82.48'],
    [[12169, 0, 6569, 54.72], '0 0 3 59.523333 4 75.54 4 75.54'],
    [[15764, 0, 7707, 63.3], '0 0 4 60.4675 5 73.092 5 73.092'],
    [[1750390, 0, 3096, 38.23], '1 0 5 64.388 28 57.306429 89 63.09764'],
    [[1750758, 0, 9441, 43.6], '1 0 6 60.923333 29 56.833793 89 62.433933'],
    [[1751039, 0, 1138, 69.69], '1 0 7 62.175714 29 57.872414 90 62.514556'],
    [[1751272, 0, 9441, 91.26], '1 0 8 65.81125 30 58.985333 90 61.882333'],
    [[1751455, 0, 2746, 27.9], '1 0 9 61.598889 31 57.982581 91 61.508901'],
  ],
);

/** `transactions_df[transactions_df.TX_FRAUD==1]`: the first and last five frauds. */
const frauds = rows(
  [...CALENDAR, ...CUSTOMER],
  [
    [[3527, 3774, 3059, 225.41], '1 0 3 158.073333 3 158.073333 3 158.073333'],
    [[5790, 4944, 6050, 222.26], '1 0 2 127.605 2 127.605 2 127.605'],
    [[6549, 4625, 9102, 226.4], '1 0 4 167.165 4 167.165 4 167.165'],
    [[9583, 3814, 6893, 59.15], '0 1 6 29.138333 6 29.138333 6 29.138333'],
    [[10355, 2513, 1143, 222.04], '0 1 5 123.74 5 123.74 5 123.74'],
    [[1753524, 1671, 3192, 128.6], '1 0 6 138.358333 25 106.9572 82 75.621341'],
    [[1753600, 4166, 632, 17.39], '1 0 3 19.766667 19 15.984737 86 15.846512'],
    [[1753673, 4097, 1558, 24.04], '1 0 3 23.05 16 40.440625 63 41.87746'],
    [[1754014, 100, 8604, 73.85], '1 0 2 48.01 26 30.384231 103 23.627184'],
    [[1754018, 4677, 8935, 45.85], '1 0 5 39.078 19 35.133684 85 37.656'],
  ],
);

/** Terminal 3059, the first terminal with a fraud: its first and last five transactions. */
const terminal3059 = rows(
  [...CUSTOMER.slice(2), ...TERMINAL],
  [
    [[3527, 3774, 3059, 225.41], '3 158.073333 3 158.073333 0 0 0 0 0 0'],
    [[4732, 55, 3059, 36.28], '2 35.67 2 35.67 0 0 0 0 0 0'],
    [[16216, 4879, 3059, 105], '10 76.01 10 76.01 0 0 0 0 0 0'],
    [[18249, 2263, 3059, 90.89], '7 50.458571 7 50.458571 0 0 0 0 0 0'],
    [[26512, 4879, 3059, 58.51], '14 71.07 14 71.07 0 0 0 0 0 0'],
    [[1697944, 402, 3059, 57.3], '14 65.167857 46 68.163261 1 0 9 0 36 0'],
    [[1701971, 1035, 3059, 7.56], '23 7.052174 107 6.763738 2 0 10 0 36 0'],
    [[1704512, 1519, 3059, 35.79], '7 41.404286 30 46.78 1 0 9 0 36 0'],
    [[1731937, 1534, 3059, 81.39], '18 69.477778 89 63.906629 1 0 8 0 36 0'],
    [[1740901, 118, 3059, 90.96], '35 104.233714 98 91.407143 0 0 7 0 36 0'],
  ],
);

/** The fully transformed data set: its first and last five rows, all 14 derived features. */
const allFeatures = rows(
  [...CALENDAR, ...CUSTOMER, ...TERMINAL],
  [
    [[0, 596, 3156, 57.16], '1 1 1 57.16 1 57.16 1 57.16 0 0 0 0 0 0'],
    [[1, 4961, 3412, 81.51], '1 1 1 81.51 1 81.51 1 81.51 0 0 0 0 0 0'],
    [[2, 2, 1365, 146], '1 1 1 146 1 146 1 146 0 0 0 0 0 0'],
    [[3, 4128, 8737, 64.49], '1 1 1 64.49 1 64.49 1 64.49 0 0 0 0 0 0'],
    [[4, 927, 9906, 50.99], '1 1 1 50.99 1 50.99 1 50.99 0 0 0 0 0 0'],
    [[1754150, 161, 655, 54.24], '1 0 2 75.28 12 67.0475 72 69.521111 1 0 4 0 28 0'],
    [[1754151, 4342, 6181, 1.23], '1 0 1 1.23 21 22.17381 93 24.780753 1 0 9 0 39 0'],
    [[1754152, 618, 1502, 6.62], '1 0 5 7.368 21 7.400476 65 7.864462 1 0 5 0 33 0'],
    [[1754153, 4056, 3067, 55.4], '1 0 3 100.696667 16 107.0525 51 102.919608 1 0 6 0 28 0'],
    [[1754154, 3542, 9849, 23.59], '1 0 5 41.304 24 35.308333 119 37.251513 1 0 12 0 41 0.02439'],
  ],
);

export const HANDBOOK_PUBLISHED_ROWS: readonly PublishedRow[] = [
  ...customerZero,
  ...frauds,
  ...terminal3059,
  ...allFeatures,
];
