import { IsoSecondsParser } from './iso-seconds.parser';

describe('IsoSecondsParser', () => {
  const parser = new IsoSecondsParser();

  it('gives the same epoch seconds as Date.parse for valid UTC times', () => {
    for (const text of ['2018-04-01T00:00:31Z', '2018-09-30T23:59:59Z', '2020-02-29T12:00:00Z']) {
      expect(parser.parse(text)).toBe(Date.parse(text) / 1000);
    }
  });

  it('rejects other shapes, impossible dates and out-of-range times', () => {
    const invalid = [
      '2018-04-01 00:00:31',
      '2018-04-01T00:00:31.000Z',
      '2018-04-01T00:00:31+00:00',
      '2018-02-29T00:00:00Z',
      '2018-13-01T00:00:00Z',
      '2018-04-01T23:60:00Z',
      '',
    ];
    for (const text of invalid) expect(parser.parse(text)).toBeUndefined();
  });

  it('does not let a cached date leak into a different date', () => {
    expect(parser.parse('2018-04-01T00:00:00Z')).toBe(Date.parse('2018-04-01T00:00:00Z') / 1000);
    expect(parser.parse('2018-04-02T00:00:00Z')).toBe(Date.parse('2018-04-02T00:00:00Z') / 1000);
  });
});
