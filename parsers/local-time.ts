// Stamps without a zone (RFC 3164 syslog, Exim's plain stamp, tai64nlocal)
// are local wall-clock time, in the process's time zone (`--tz` sets it).
// When daylight saving time ends, an hour of wall-clock times happens twice;
// read naively, the second pass would land an hour back, before the lines
// logged before it. So a time that would go back, and that has a second
// reading an hour later, takes that reading: the log keeps its order.

const HOUR = 3_600_000;

export class LocalClock {
  private last = -Infinity;

  /** UTC milliseconds of a local wall-clock time (month 0-11); NaN for an impossible one. */
  time(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
    let t = new Date(year, month, day, hour, minute, second).getTime();
    if (t < this.last && t + HOUR > this.last) {
      const later = new Date(t + HOUR);
      if (later.getHours() === hour && later.getMinutes() === minute) t += HOUR;
    }
    this.last = t;
    return t;
  }
}
