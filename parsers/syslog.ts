// The prefix syslog-style writers put in front of a program's message:
//   RFC 3164            Nov 22 18:46:43 mail1 postfix/smtp[1234]: ...
//   Postfix maillog_file Nov 02 18:46:43 mail1 postfix/smtp[1234]: ...   (zero-padded day)
//   RFC 3339 (rsyslog)  2026-11-22T18:46:43.123456+01:00 mail1 postfix/smtp[1234]: ...
//   journalctl short-iso 2026-11-22T18:46:43+0100 mail1 postfix/smtp[1234]: ...
//   RFC 5424            <22>1 2026-11-22T18:46:43.123+01:00 mail1 postfix/smtp 1234 - - ...
// Stamps repeat for every line of the same second, so the last conversion is cached.

import type { StampClock } from './events.js';
import { LocalClock, offsetMinutes, utcTime } from './local-time.js';

export interface SyslogRecord {
  /** Milliseconds since the epoch, UTC. */
  time: number;
  host: string;
  /** The tag without its `[pid]`, e.g. `postfix/smtp`, `postfix-out/smtp`. */
  program: string;
  message: string;
}

const MONTHS: Record<string, number> = {
  Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11,
};

// `<PRI>1 ` then the stamp, host, app name, procid and msgid.
const PROTOCOL_HEAD = /^<\d{1,3}>1 (\S+) (\S+) (\S+) \S+ \S+ /;

const ISO_STAMP = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(Z|[+-]\d\d:?\d\d)?$/;
const BSD_TIME = /^(\d\d):(\d\d):(\d\d)(\.\d+)?$/;

/** `.123456` → 123; '' → 0. */
function fractionMs(fraction: string): number {
  return fraction.length > 1 ? Math.floor(Number(fraction) * 1000) : 0;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Reads syslog prefixes of one source; keeps the per-source stamp cache. */
export class SyslogPrefixReader {
  private cachedStamp = '';
  private cachedTime = NaN;
  private readonly local = new LocalClock();

  constructor(private readonly clock: StampClock) {}

  parse(line: string): SyslogRecord | null {
    if (line.charCodeAt(0) === 60 /* < */) return this.parseProtocol(line);
    let stampEnd: number;
    let time: number;
    if (isDigit(line.charCodeAt(0))) {
      stampEnd = line.indexOf(' ');
      if (stampEnd < 19) return null;
      time = this.isoTime(line.slice(0, stampEnd));
    } else {
      // "Mmm dd hh:mm:ss" with an optional fraction after the seconds; the day
      // space-padded, zero-padded, or (as some relays and pasted logs write it)
      // not padded at all: "Mar 7 02:09:33".
      if (line.charCodeAt(3) !== 32) return null;
      const unpadded = line.charCodeAt(5) === 32 && isDigit(line.charCodeAt(4));
      if (!unpadded && line.charCodeAt(6) !== 32) return null;
      stampEnd = line.indexOf(' ', unpadded ? 6 : 7);
      if (stampEnd < (unpadded ? 14 : 15)) return null;
      time = this.bsdTime(unpadded ? `${line.slice(0, 4)} ${line.slice(4, stampEnd)}` : line.slice(0, stampEnd));
    }
    if (Number.isNaN(time)) return null;

    const hostEnd = line.indexOf(' ', stampEnd + 1);
    if (hostEnd <= stampEnd + 1) return null;
    const tagEnd = line.indexOf(': ', hostEnd + 1);
    if (tagEnd <= hostEnd + 1) return null;
    const space = line.indexOf(' ', hostEnd + 1);
    if (space !== -1 && space < tagEnd) return null; // a tag has no spaces: this is no tagged message
    const bracket = line.indexOf('[', hostEnd + 1);
    const programEnd = bracket !== -1 && bracket < tagEnd ? bracket : tagEnd;
    return {
      time,
      host: line.slice(stampEnd + 1, hostEnd),
      program: line.slice(hostEnd + 1, programEnd),
      message: line.slice(tagEnd + 2),
    };
  }

  /**
   * RFC 5424, as rsyslog's RSYSLOG_SyslogProtocol23Format and syslog-ng's
   * syslog() destination write it: `<PRI>1 STAMP HOST APP PROCID MSGID SD MSG`,
   * each field `-` when it has no value, the structured data `-` or one or
   * more `[id k="v"...]` (where `\]` does not close one).
   */
  private parseProtocol(line: string): SyslogRecord | null {
    const head = PROTOCOL_HEAD.exec(line);
    if (!head) return null;
    const [whole, stamp, host, app] = head;
    const time = this.isoTime(stamp);
    if (Number.isNaN(time) || app === '-') return null;
    let at = whole.length;
    if (line.charCodeAt(at) === 45 /* - */) at++;
    else {
      while (line.charCodeAt(at) === 91 /* [ */) {
        let i = at + 1;
        while (i < line.length && line.charCodeAt(i) !== 93 /* ] */) i += line.charCodeAt(i) === 92 /* \ */ ? 2 : 1;
        if (i >= line.length) return null;
        at = i + 1;
      }
      if (at === whole.length) return null;
    }
    if (at < line.length && line.charCodeAt(at) !== 32) return null;
    let message = line.slice(at + 1);
    if (message.charCodeAt(0) === 0xfeff) message = message.slice(1); // the BOM that marks a UTF-8 MSG
    return { time, host: host === '-' ? '' : host, program: app, message };
  }

  private isoTime(stamp: string): number {
    // The cache key is the stamp without its fraction: the second and the zone.
    let zoneStart = 19;
    if (stamp.charCodeAt(19) === 46) {
      zoneStart = 20;
      while (isDigit(stamp.charCodeAt(zoneStart))) zoneStart++;
    }
    const second = stamp.slice(0, 19) + stamp.slice(zoneStart);
    if (second !== this.cachedStamp) {
      const m = ISO_STAMP.exec(second);
      if (!m) return NaN;
      const [, y, mo, d, h, mi, s, zone] = m;
      if (zone === undefined) {
        this.cachedTime = this.local.time(+y, +mo - 1, +d, +h, +mi, +s);
      } else {
        const utc = utcTime(+y, +mo - 1, +d, +h, +mi, +s);
        this.cachedTime = zone === 'Z' ? utc : utc - zoneOffsetMinutes(zone) * 60_000;
      }
      this.cachedStamp = second;
    }
    return this.cachedTime + fractionMs(stamp.slice(19, zoneStart));
  }

  private bsdTime(stamp: string): number {
    const dot = stamp.indexOf('.', 15);
    const second = dot === -1 ? stamp : stamp.slice(0, dot);
    if (second !== this.cachedStamp) {
      const month = MONTHS[stamp.slice(0, 3)];
      const day = Number(stamp.slice(4, 6).trim());
      const t = BSD_TIME.exec(second.slice(7));
      if (month === undefined || !t || !(day >= 1 && day <= 31)) return NaN;
      this.cachedTime = this.local.time(this.clock.yearFor(month), month, day, +t[1], +t[2], +t[3]);
      this.cachedStamp = second;
    }
    return this.cachedTime + (dot === -1 ? 0 : fractionMs(stamp.slice(dot)));
  }
}

/** `+01:00`, `-0500` in minutes; NaN for an offset no clock has (`+99:99`). */
function zoneOffsetMinutes(zone: string): number {
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * offsetMinutes(Number(digits.slice(0, 2)), Number(digits.slice(2, 4)));
}

/**
 * Year for RFC 3164 stamps: the year of a reference date (the file's modification
 * time), less one for months after the reference month, so a log that runs from
 * December into January gets both years right. A fixed year (`--year`) is the
 * year of the first line; a month more than half a year before the one of the
 * line before starts the next year.
 */
export function clockFromReference(reference: Date, fixedYear?: number): StampClock {
  if (fixedYear !== undefined) {
    let year = fixedYear;
    let previous = -1;
    return {
      yearFor: (month) => {
        if (month < previous - 6) year++;
        previous = month;
        return year;
      },
    };
  }
  const year = reference.getFullYear();
  const month = reference.getMonth();
  return { yearFor: (m) => (m > month ? year - 1 : year) };
}
