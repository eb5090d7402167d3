import { formatUtcDay, parseUtcDay, utcDay } from './utc-day.calendar';

describe('UTC days', () => {
  it('numbers calendar days from 1970-01-01 and formats them back', () => {
    expect(parseUtcDay('1970-01-02')).toBe(1);
    expect(formatUtcDay(parseUtcDay('2018-07-25'))).toBe('2018-07-25');
    expect(parseUtcDay('2018-08-08') - parseUtcDay('2018-07-25')).toBe(14);
  });

  it('puts the last second of a day on that day', () => {
    const start = Date.parse('2018-04-01T00:00:00Z') / 1000;
    expect(utcDay(start + 86_399)).toBe(utcDay(start));
    expect(utcDay(start + 86_400)).toBe(utcDay(start) + 1);
  });

  it('refuses malformed and impossible dates', () => {
    expect(() => parseUtcDay('2018-7-25')).toThrow(/YYYY-MM-DD/);
    expect(() => parseUtcDay('2018-02-30')).toThrow(/YYYY-MM-DD/);
  });
});
