import { nightUtc, weekendUtc } from './calendar.features';

const at = (iso: string): number => Date.parse(iso) / 1000;

describe('nightUtc', () => {
  it('flags 00:00:00 through 06:59:59 UTC as night', () => {
    expect(nightUtc(at('2018-04-02T00:00:00Z'))).toBe(1);
    expect(nightUtc(at('2018-04-02T06:59:59Z'))).toBe(1);
  });

  it('flags 07:00:00 through 23:59:59 UTC as day', () => {
    expect(nightUtc(at('2018-04-02T07:00:00Z'))).toBe(0);
    expect(nightUtc(at('2018-04-02T23:59:59Z'))).toBe(0);
  });

  it('uses UTC, not the local time zone, and handles times before 1970', () => {
    expect(nightUtc(at('1969-12-31T06:30:00Z'))).toBe(1);
    expect(nightUtc(at('1969-12-31T07:00:00Z'))).toBe(0);
  });
});

describe('weekendUtc', () => {
  it('switches to weekend at Saturday 00:00:00 UTC', () => {
    expect(weekendUtc(at('2018-04-06T23:59:59Z'))).toBe(0); // Friday
    expect(weekendUtc(at('2018-04-07T00:00:00Z'))).toBe(1); // Saturday
  });

  it('stays weekend through Sunday 23:59:59 and ends at Monday 00:00:00 UTC', () => {
    expect(weekendUtc(at('2018-04-08T23:59:59Z'))).toBe(1); // Sunday
    expect(weekendUtc(at('2018-04-09T00:00:00Z'))).toBe(0); // Monday
  });

  it('agrees with Date#getUTCDay on every hour of four weeks around the epoch', () => {
    for (let t = -14 * 86_400; t < 14 * 86_400; t += 3_600) {
      const day = new Date(t * 1000).getUTCDay();
      expect(weekendUtc(t)).toBe(day === 0 || day === 6 ? 1 : 0);
    }
  });
});
