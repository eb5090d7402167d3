import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readReferenceCsv, readReferenceCsvBatches } from './reference-csv.reader';

const HEADER =
  'TRANSACTION_ID,TX_DATETIME,CUSTOMER_ID,TERMINAL_ID,TX_AMOUNT,TX_TIME_SECONDS,TX_TIME_DAYS,' +
  'TX_FRAUD,TX_FRAUD_SCENARIO';
const ROWS = [
  '0,2018-04-01T00:00:31Z,596,3156,57.16,31,0,0,0',
  '1,2018-04-01T00:02:10Z,4961,3412,81.51,130,0,1,1',
];

describe('readReferenceCsv', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'reference-csv-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const file = (name: string, content: string | Buffer): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const ids = async (path: string): Promise<number[]> => {
    const found: number[] = [];
    for await (const row of readReferenceCsv(path)) found.push(row.transactionId);
    return found;
  };

  it('reads plain and gzipped files alike', async () => {
    const text = [HEADER, ...ROWS, ''].join('\n');

    expect(await ids(file('a.csv', text))).toEqual([0, 1]);
    expect(await ids(file('a.csv.gz', gzipSync(text)))).toEqual([0, 1]);
  });

  it('accepts CRLF line ends, a byte-order mark, a missing final newline and blank lines', async () => {
    const text = `\uFEFF${HEADER}\r\n${ROWS[0]}\r\n\r\n${ROWS[1]}`;

    expect(await ids(file('b.csv', text))).toEqual([0, 1]);
  });

  it('reports the line number of a bad row', async () => {
    const text = [HEADER, ROWS[0], '1,2018-04-01T00:02:10Z,x,3412,81.51,130,0,1,1'].join('\n');

    await expect(ids(file('c.csv', text))).rejects.toThrow(/line 3: CUSTOMER_ID/);
  });

  it('fails clearly on a wrong header, an empty file and a missing file', async () => {
    await expect(ids(file('d.csv', 'id,time\n1,2\n'))).rejects.toThrow(/line 1: not a reference/);
    await expect(ids(file('e.csv', ''))).rejects.toThrow(/the file is empty/);
    await expect(ids(join(dir, 'missing.csv.gz'))).rejects.toThrow(/ENOENT/);
  });

  it('lets a consumer stop early', async () => {
    const text = [HEADER, ...ROWS].join('\n');
    for await (const batch of readReferenceCsvBatches(file('f.csv.gz', gzipSync(text)))) {
      expect(batch[0]?.transactionId).toBe(0);
      break;
    }
  });
});
