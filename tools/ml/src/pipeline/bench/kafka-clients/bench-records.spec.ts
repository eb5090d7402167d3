import type { IncomingRecord, OutgoingRecord } from '@rtml/kafka';
import { ConsumedRecordsCheck, benchRecords, partitionDisagreements } from './bench-records';

/** What a consumer would hand over for `record`, read from `partition`. */
function asRead(record: OutgoingRecord, partition: number, offset: number): IncomingRecord {
  return {
    topic: record.topic,
    partition,
    offset: String(offset),
    key: record.key === null ? null : Buffer.from(record.key),
    value: record.value === null ? null : Buffer.from(record.value),
    headers: { ...record.headers },
    timestamp: 0,
  };
}

describe('benchRecords', () => {
  it('gives each record its index in the value, a key among 5,000 and the pipeline’s headers, then the producing service', () => {
    const records = benchRecords('t', 5_002, 32, 3);
    expect(records).toHaveLength(5_002);
    expect(records[5_001]!.key).toBe('1');
    expect(records[5_001]!.value!.readUInt32BE(0)).toBe(5_001);
    expect(records[5_001]!.value).toHaveLength(32);
    expect(Object.keys(records[0]!.headers!)).toEqual([
      'rtml-event-id',
      'rtml-trace-id',
      'rtml-service',
    ]);
    expect(benchRecords('t', 1, 8, 1)[0]!.headers).toEqual({ 'rtml-event-id': 'bench-0' });
  });
});

describe('ConsumedRecordsCheck', () => {
  const sent = benchRecords('t', 20, 16, 3);
  const partitionOf = (record: OutgoingRecord) => Number(record.key) % 3;

  it('passes when every record arrives once, intact, each key on one partition', () => {
    const check = new ConsumedRecordsCheck(sent);
    [...sent]
      .reverse()
      .forEach((record, i) => check.accept(asRead(record, partitionOf(record), i)));
    expect(check.failures()).toEqual([]);
    expect(check.count).toBe(20);
    expect(check.partitionsOf().get('7')).toBe(1);
  });

  it('names records missing, read twice, altered, or a key split across partitions', () => {
    const check = new ConsumedRecordsCheck(sent);
    sent.slice(0, 17).forEach((record, i) => check.accept(asRead(record, partitionOf(record), i)));
    check.accept(asRead(sent[3]!, partitionOf(sent[3]!), 99));
    check.accept({ ...asRead(sent[17]!, 0, 100), headers: { 'rtml-event-id': 'bench-17' } });
    const altered = asRead(sent[18]!, 0, 101);
    const bytes = altered.value as Buffer;
    bytes.writeUInt8(bytes.readUInt8(5) ^ 1, 5);
    check.accept(altered);
    expect(check.failures(10)).toEqual([
      '1 of 20 records never arrived',
      'record 3 read twice',
      'record 17: header rtml-trace-id differs',
      'record 17: header rtml-service differs',
      'record 18: value differs',
    ]);
    const lost = new ConsumedRecordsCheck(sent);
    lost.accept(asRead(sent[0]!, 0, 0));
    lost.accept(asRead(sent[1]!, 0, 1));
    lost.accept(asRead(sent[0]!, 1, 2));
    expect(lost.failures()).toEqual(['18 of 20 records never arrived', 'record 0 read twice']);
  });

  it('flags a key read from two partitions', () => {
    const check = new ConsumedRecordsCheck(benchRecords('t', 5_001, 8, 0));
    const records = benchRecords('t', 5_001, 8, 0);
    check.accept(asRead(records[0]!, 0, 0));
    check.accept(asRead(records[5_000]!, 1, 1));
    expect(check.failures()).toContain('key 0 on partitions 0 and 1');
  });
});

describe('partitionDisagreements', () => {
  it('lists the keys two producers put on different partitions', () => {
    const a = new Map([
      ['a', 0],
      ['b', 1],
      ['c', 2],
    ]);
    const b = new Map([
      ['a', 0],
      ['b', 2],
    ]);
    expect(partitionDisagreements(a, b)).toEqual(['b']);
    expect(partitionDisagreements(a, a)).toEqual([]);
  });
});
