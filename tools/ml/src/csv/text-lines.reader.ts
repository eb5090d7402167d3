import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

const CHUNK_BYTES = 1 << 20;
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Streams an ASCII text file (such as a reference-format CSV) as batches of lines, one batch
 * per chunk, gunzipping on the fly when the name ends in `.gz`.
 *
 * - Pulling chunks with `for await` applies back-pressure: a slow consumer holds a chunk or two
 *   in memory, whatever the file's size.
 * - Batches keep the per-line cost of async iteration out of a loop run millions of times.
 * - Bytes are decoded as latin1, several times cheaper than UTF-8 and identical for ASCII; a
 *   non-ASCII byte can only appear in a field that then fails validation. A UTF-8 byte-order
 *   mark is skipped; `\r\n` line ends are accepted.
 */
export async function* readTextLineBatches(path: string): AsyncGenerator<string[]> {
  let rest = '';
  let first = true;
  for await (const chunk of openBytes(path)) {
    let bytes = chunk as Buffer;
    if (first && bytes.subarray(0, 3).equals(UTF8_BOM)) bytes = bytes.subarray(3);
    first = false;
    const lines = (rest + bytes.toString('latin1')).split('\n');
    rest = lines.pop() ?? '';
    yield lines.some((line) => line.endsWith('\r')) ? lines.map(stripCarriageReturn) : lines;
  }
  if (rest.length > 0) yield [stripCarriageReturn(rest)];
}

function openBytes(path: string): Readable {
  const file = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  if (!path.endsWith('.gz')) return file;
  const gunzip = createGunzip({ chunkSize: CHUNK_BYTES });
  // pipe() links neither errors nor teardown: a missing file must fail the iteration, and a
  // consumer that stops early (destroying the gunzip stream) must close the file too.
  file.on('error', (error) => gunzip.destroy(error));
  gunzip.on('close', () => file.destroy());
  return file.pipe(gunzip);
}

const stripCarriageReturn = (line: string): string =>
  line.endsWith('\r') ? line.slice(0, -1) : line;
