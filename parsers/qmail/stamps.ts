// The stamps qmail logs carry, each turned into UTC milliseconds:
//   multilog      @4000000067409a1b2c3d4e5f   a TAI64N label
//   tai64nlocal   2026-11-22 18:46:43.123456789 (the label in local time)
//   splogger      1732301203.123456           Unix seconds and microseconds, inside a syslog line
//
// A TAI64N label is 2^62 plus the TAI second, then the nanosecond, in hex.
// daemontools (multilog, tai64n, tai64nlocal) takes TAI as UTC plus 10
// seconds, the offset of 1970, and counts no leap seconds: so does this
// conversion, and a label reads back as the same second tai64nlocal prints.

import { isLogTime, LocalClock } from '../local-time.js';

/** Seconds between the TAI64 origin 2^62 and the Unix epoch, in daemontools' convention. */
const TAI_UTC_OFFSET = 10;
const HIGH_ORIGIN = 0x40000000; // the upper 32 bits of 2^62

const LABEL = /^@([0-9a-f]{8})([0-9a-f]{8})([0-9a-f]{8})$/;
const LOCAL = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)\.(\d{9})$/;
const SPLOGGER = /^(\d{1,12})\.(\d{6})$/;

/** A multilog TAI64N label (`@` and 24 hex digits) as UTC milliseconds; NaN when it is none. */
export function tai64nTime(label: string): number {
  const m = LABEL.exec(label);
  if (!m) return NaN;
  const seconds = (parseInt(m[1], 16) - HIGH_ORIGIN) * 2 ** 32 + parseInt(m[2], 16) - TAI_UTC_OFFSET;
  const time = seconds * 1000 + Math.floor(parseInt(m[3], 16) / 1e6);
  return isLogTime(time) ? time : NaN;
}

/** Converts tai64nlocal stamps, written in the machine's local time; the conversion of a second is cached. */
export class LocalStampReader {
  private cachedSecond = '';
  private cachedTime = NaN;
  private readonly local = new LocalClock();

  time(stamp: string): number {
    const m = LOCAL.exec(stamp);
    if (!m) return NaN;
    const second = stamp.slice(0, 19);
    if (second !== this.cachedSecond) {
      const [, y, mo, d, h, mi, s] = m;
      this.cachedTime = this.local.time(+y, +mo - 1, +d, +h, +mi, +s);
      this.cachedSecond = second;
    }
    return this.cachedTime + Math.floor(Number(m[7]) / 1e6);
  }
}

/** splogger's `seconds.microseconds` as UTC milliseconds; NaN when it is none. */
export function sploggerTime(stamp: string): number {
  const m = SPLOGGER.exec(stamp);
  const time = m ? Number(m[1]) * 1000 + Math.floor(Number(m[2]) / 1000) : NaN;
  return isLogTime(time) ? time : NaN;
}
