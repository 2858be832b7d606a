// Exim's own stamp at the start of a main log or reject log line:
//   2026-11-22 18:46:43[.123][ +0100][ [pid]] entry
// (log_selector +millisec, log_timezone, +pid). It is read by position, not
// by a regular expression: every line has one, and a match with its ten
// captures, joined again into a cache key, took a fifth of the time an Exim
// line took to parse. Lines of the same second, as most are, compare their
// stamp in place with the one before and build no string at all.

import { detach } from '../detach.js';
import { LocalClock, offsetMinutes, utcTime } from '../local-time.js';

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The number the ASCII digits from `start` to `end` write (all known to be digits). */
function digits(s: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) n = n * 10 + s.charCodeAt(i) - 48;
  return n;
}

/** Whether `line` has ASCII digits at each of `positions`. */
function digitsAt(line: string, positions: readonly number[]): boolean {
  for (const i of positions) if (!isDigit(line.charCodeAt(i))) return false;
  return true;
}

/** Whether `line` has ASCII digits from `start` to `end`. */
function allDigits(line: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isDigit(line.charCodeAt(i))) return false;
  return true;
}

// YYYY-MM-DD hh:mm:ss: where its digits are and what is between them.
const STAMP_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];
const SECOND_LENGTH = 19;

/** Reads the stamps of one log; keeps the last second's conversion. */
export class NativeStampReader {
  /** Where the entry starts in the line last read with a stamp. */
  entryAt = 0;
  private cachedSecond = '';
  private cachedZone = '';
  private cachedTime = NaN;
  private readonly local = new LocalClock();

  /** UTC milliseconds of the line's stamp (NaN for a date no calendar has); null when the line starts with none. */
  read(line: string): number | null {
    if (line.charCodeAt(4) !== 45 || line.charCodeAt(7) !== 45 || line.charCodeAt(10) !== 32 || line.charCodeAt(13) !== 58 || line.charCodeAt(16) !== 58) return null;
    if (!digitsAt(line, STAMP_DIGITS)) return null;
    let at = SECOND_LENGTH;
    let millis = 0;
    if (line.charCodeAt(at) === 46 /* . */) {
      // Three digits and a space, or this is no stamp.
      if (!allDigits(line, at + 1, at + 4) || line.charCodeAt(at + 4) !== 32) return null;
      millis = digits(line, at + 1, at + 4);
      at += 4;
    }
    if (line.charCodeAt(at) !== 32) return null;
    // Each optional part counts only when a space follows it, as the entry or the next part starts after one.
    let zoneAt = -1;
    const sign = line.charCodeAt(at + 1);
    if ((sign === 43 || sign === 45) && allDigits(line, at + 2, at + 6) && line.charCodeAt(at + 6) === 32) {
      zoneAt = at + 1;
      at += 6;
    }
    if (line.charCodeAt(at + 1) === 91 /* [ */ && isDigit(line.charCodeAt(at + 2))) {
      let close = at + 3;
      while (isDigit(line.charCodeAt(close))) close++;
      if (line.charCodeAt(close) === 93 /* ] */ && line.charCodeAt(close + 1) === 32) at = close + 1;
    }
    this.entryAt = at + 1;
    return this.secondTime(line, zoneAt) + millis;
  }

  /** The time of the stamp's second and zone, converted once per second. */
  private secondTime(line: string, zoneAt: number): number {
    const zoneLength = zoneAt === -1 ? 0 : 5;
    if (this.cachedSecond !== '' && this.cachedZone.length === zoneLength && line.startsWith(this.cachedSecond) && (zoneAt === -1 || line.startsWith(this.cachedZone, zoneAt))) {
      return this.cachedTime;
    }
    const [y, mo, d, h, mi, s] = [digits(line, 0, 4), digits(line, 5, 7), digits(line, 8, 10), digits(line, 11, 13), digits(line, 14, 16), digits(line, 17, 19)];
    if (zoneAt === -1) {
      // No zone in the stamp: Exim wrote local time.
      this.cachedTime = this.local.time(y, mo - 1, d, h, mi, s);
    } else {
      const offset = (line.charCodeAt(zoneAt) === 45 ? -1 : 1) * offsetMinutes(digits(line, zoneAt + 1, zoneAt + 3), digits(line, zoneAt + 3, zoneAt + 5));
      this.cachedTime = utcTime(y, mo - 1, d, h, mi, s) - offset * 60_000;
    }
    this.cachedSecond = detach(line.slice(0, SECOND_LENGTH));
    this.cachedZone = zoneAt === -1 ? '' : detach(line.slice(zoneAt, zoneAt + 5));
    return this.cachedTime;
  }
}
