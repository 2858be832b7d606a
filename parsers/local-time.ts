// Stamps without a zone (RFC 3164 syslog, Exim's plain stamp, tai64nlocal)
// are local wall-clock time, in the process's time zone (`--tz` sets it).
// When daylight saving time ends, an hour of wall-clock times happens twice.
// Which pass a stamp of that hour belongs to is decided by the line before
// it: of the two readings, the one nearer to it. Two processes logging in the
// same second can write their lines a second out of order; that small step
// back must not be taken for the fold (nor, once past the fold, for a return
// to the first pass), while the fold itself is a step back of an hour.

const HOUR = 3_600_000;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/**
 * Whether a calendar date and time of day exist (month 0-11; second 60 is a
 * leap second). Date would roll an impossible one over (30 February into
 * March, year 0 into 1900); no mail log predates 1970.
 */
export function isRealStamp(year: number, month: number, day: number, hour: number, minute: number, second: number): boolean {
  return (
    year >= 1970 && year <= 9999 && month >= 0 && month <= 11 && day >= 1 && day <= daysIn(year, month) && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 60
  );
}

/** A UTC offset of hours and minutes in minutes; NaN beyond what RFC 3339 allows (23:59). */
export function offsetMinutes(hours: number, minutes: number): number {
  return hours <= 23 && minutes <= 59 ? hours * 60 + minutes : NaN;
}

const YEAR_10000 = Date.UTC(10000, 0, 1);

/** Whether UTC milliseconds fall in the years a log can be of, 1970 to 9999 (a stamp counted from the epoch can name any). */
export function isLogTime(time: number): boolean {
  return time >= 0 && time < YEAR_10000;
}

/** UTC milliseconds of a UTC stamp (month 0-11); NaN for an impossible one. */
export function utcTime(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  return isRealStamp(year, month, day, hour, minute, second) ? Date.UTC(year, month, day, hour, minute, second) : NaN;
}

export class LocalClock {
  private last = -Infinity;

  /** UTC milliseconds of a local wall-clock time (month 0-11); NaN for an impossible one. */
  time(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
    if (!isRealStamp(year, month, day, hour, minute, second)) return NaN;
    const t = this.reading(new Date(year, month, day, hour, minute, second).getTime(), hour, minute);
    this.last = t;
    return t;
  }

  /** `first` is Date's reading, the earlier one; the hour after it is the other when the wall clock shows the same there. */
  private reading(first: number, hour: number, minute: number): number {
    const second = first + HOUR;
    const later = new Date(second);
    if (later.getHours() !== hour || later.getMinutes() !== minute) return first;
    return Math.abs(second - this.last) < Math.abs(first - this.last) ? second : first;
  }
}
