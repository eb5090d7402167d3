import { chunksUnder } from './record-size';
import type { OutgoingRecord } from './record.types';

const record = (bytes: number): OutgoingRecord => ({
  topic: 't',
  key: 'k',
  value: Buffer.alloc(bytes),
});

describe('splitting a publish into requests the broker accepts', () => {
  it('keeps records in order and every request under the byte limit', () => {
    const records = Array.from({ length: 10 }, (_, i) => ({ ...record(300), key: String(i) }));

    const chunks = chunksUnder(records, 1_000);

    expect(chunks.map((chunk) => chunk.length)).toEqual([2, 2, 2, 2, 2]);
    expect(chunks.flat().map((r) => r.key)).toEqual(records.map((r) => r.key));
  });

  it('sends a record larger than the limit on its own rather than dropping it', () => {
    const chunks = chunksUnder([record(10), record(5_000), record(10)], 1_000);

    expect(chunks.map((chunk) => chunk.length)).toEqual([1, 1, 1]);
  });

  it('sends a small publish as one request', () => {
    expect(chunksUnder([record(10), record(10)], 1_000)).toHaveLength(1);
    expect(chunksUnder([], 1_000)).toEqual([]);
  });
});
