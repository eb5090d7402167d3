import { FeatureEngineError } from './feature-engine.error';
import { decodeEntry, encodeEntry } from './window-entry.codec';
import type { WindowEntry } from './window-entry.model';

const entry: WindowEntry = { time: 1522540831, seq: 0, value: 57.16, fraud: null, eventId: '0' };

describe('encodeEntry / decodeEntry', () => {
  it('encodes as time:seq:value:fraud:eventId with - for an unknown label', () => {
    expect(encodeEntry(entry)).toBe('1522540831:0:57.16:-:0');
    expect(encodeEntry({ ...entry, fraud: 1 })).toBe('1522540831:0:57.16:1:0');
    expect(encodeEntry({ ...entry, fraud: 0 })).toBe('1522540831:0:57.16:0:0');
  });

  it('round-trips values exactly, including ones with no short decimal form', () => {
    const values = [0.1 + 0.2, 1 / 3, 146, 1e-7, 123456789.123, 5e21];
    for (const value of values) {
      expect(decodeEntry(encodeEntry({ ...entry, value })).value).toBe(value);
    }
  });

  it('keeps an event id that contains colons', () => {
    const withColons = { ...entry, eventId: 'tx:2018:04:01' };

    expect(decodeEntry(encodeEntry(withColons))).toEqual(withColons);
  });

  it('decodes every label state and re-encodes to the same string', () => {
    for (const encoded of ['5:1:2.5:0:a', '5:1:2.5:1:a', '-5:-1:-2.5:-:a']) {
      expect(encodeEntry(decodeEntry(encoded))).toBe(encoded);
    }
  });

  it('rejects malformed or non-canonical strings with ENTRY_UNDECODABLE', () => {
    for (const bad of [
      '',
      '1:2:3:-',
      '1:2:x:-:id',
      '1:2:3:2:id',
      '1.5:2:3:-:id',
      '1:2:057.1:-:id',
    ]) {
      expect(() => decodeEntry(bad)).toThrow(FeatureEngineError);
    }
    expect(() => decodeEntry('1:2:3:-')).toThrow(/undecodable window entry "1:2:3:-"/);
  });

  it('refuses to encode what it could not decode', () => {
    expect(() => encodeEntry({ ...entry, value: Number.NaN })).toThrow(FeatureEngineError);
    expect(() => encodeEntry({ ...entry, time: 1.5 })).toThrow(FeatureEngineError);
    expect(() => encodeEntry({ ...entry, eventId: '' })).toThrow(FeatureEngineError);
  });
});
