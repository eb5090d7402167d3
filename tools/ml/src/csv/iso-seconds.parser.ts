const SHAPE = 'dddd-dd-ddTdd:dd:ddZ';

/**
 * Parses ISO-8601 UTC times in whole seconds, `YYYY-MM-DDTHH:MM:SSZ` (the reference's form), to
 * epoch seconds, or returns undefined for anything else. It reads character codes instead of
 * running a regex, and remembers the last date: consecutive rows share a date, and Date.parse
 * per row would be a measurable share of a backfill.
 */
export class IsoSecondsParser {
  private lastDate = '';
  private lastDayStart: number | undefined;

  parse(text: string): number | undefined {
    if (!hasShape(text)) return undefined;
    const hours = digitsAt(text, 11);
    const minutes = digitsAt(text, 14);
    const seconds = digitsAt(text, 17);
    if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
    const dayStart = this.dayStart(text);
    return dayStart === undefined ? undefined : dayStart + hours * 3_600 + minutes * 60 + seconds;
  }

  /** The day's start in epoch seconds; undefined for an impossible date such as 2018-02-30. */
  private dayStart(text: string): number | undefined {
    if (text.startsWith(this.lastDate) && this.lastDate !== '') return this.lastDayStart;
    const date = text.slice(0, 10);
    const millis = Date.parse(`${date}T00:00:00Z`);
    const valid = !Number.isNaN(millis) && new Date(millis).toISOString().startsWith(date);
    this.lastDate = date;
    this.lastDayStart = valid ? millis / 1000 : undefined;
    return this.lastDayStart;
  }
}

function hasShape(text: string): boolean {
  if (text.length !== SHAPE.length) return false;
  for (let i = 0; i < SHAPE.length; i++) {
    const code = text.charCodeAt(i);
    const expected = SHAPE.charCodeAt(i);
    const ok = expected === 100 /* d */ ? code >= 48 && code <= 57 : code === expected;
    if (!ok) return false;
  }
  return true;
}

const digitsAt = (text: string, at: number): number =>
  (text.charCodeAt(at) - 48) * 10 + (text.charCodeAt(at + 1) - 48);
