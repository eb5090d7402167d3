import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createSeededRandom } from '@rtml/model-training';

const HEADER =
  'TRANSACTION_ID,TX_DATETIME,CUSTOMER_ID,TERMINAL_ID,TX_AMOUNT,TX_TIME_SECONDS,TX_TIME_DAYS,' +
  'TX_FRAUD,TX_FRAUD_SCENARIO';
const START = Date.parse('2018-04-01T00:00:00Z') / 1000;
const DAY = 86_400;

/**
 * A small reference-format file for tests (gzipped): `days` days from 2018-04-01, `perDay`
 * transactions a day over 200 cards and 50 terminals. Fraud follows two of the simulator's rules:
 * amounts above 220, and every transaction at terminals 0–4 from day 10 on.
 */
export function writeSyntheticReference(
  path: string,
  days: number,
  perDay: number,
  seed = 1,
): void {
  const random = createSeededRandom(seed);
  const lines = [HEADER];
  let id = 0;
  for (let day = 0; day < days; day++) {
    const seconds = Array.from({ length: perDay }, () => Math.floor(random() * DAY)).sort(
      (a, b) => a - b,
    );
    for (const second of seconds) {
      const customer = Math.floor(random() * 200);
      const terminal = Math.floor(random() * 50);
      const amount = Math.round(random() * (random() < 0.05 ? 400 : 150) * 100) / 100;
      const scenario = amount > 220 ? 1 : terminal < 5 && day >= 10 ? 2 : 0;
      const time = START + day * DAY + second;
      const iso = new Date(time * 1000).toISOString().replace('.000Z', 'Z');
      lines.push(
        `${id},${iso},${customer},${terminal},${amount},${time - START},${day},${scenario > 0 ? 1 : 0},${scenario}`,
      );
      id += 1;
    }
  }
  writeFileSync(path, gzipSync(`${lines.join('\n')}\n`));
}
