// `--since` and `--until` as an administrator types them, read in the
// report's zone, into the UTC instants the database is queried with.

import { isLogTime, isRealStamp, offsetMinutes } from '../../parsers/local-time.js';
import { UserError } from '../errors.js';
import { wallClockText, zonedTime } from '../time-zone.js';

export const ACCEPTED_FORMS =
  'a date (2026-11-21), a date and time (2026-11-21T06:00, 2026-11-21 06:00:30; in the report zone unless it ends in Z or an offset such as +01:00), today, yesterday, or a time back from now (-30m, -24h, -7d, -2w)';

const DATE = /^(\d{4})-(\d\d)-(\d\d)$/;
const DATE_TIME = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,9}))?)?(Z|[+-]\d\d:?\d\d)?$/i;
const BACK = /^-(\d{1,9})([mhdw])$/;

const MINUTE = 60_000;
const UNIT: Record<string, number> = { m: MINUTE, h: 60 * MINUTE, d: 1440 * MINUTE, w: 7 * 1440 * MINUTE };

/** The first instant of a date in the zone; with `days`, of the date that many days later. */
function startOfDay(year: number, month: number, day: number, zone: string, days = 0): number {
  return zonedTime(Date.UTC(year, month, day + days), zone);
}

/** Today's date in the zone, as year, month (0-11) and day. */
function today(now: Date, zone: string): [number, number, number] {
  const [y, m, d] = wallClockText(now.getTime(), zone).slice(0, 10).split('-').map(Number);
  return [y, m - 1, d];
}

/** An offset written `+01:00` or `+0100` in milliseconds; NaN past 23:59. */
function offsetOf(text: string): number {
  if (text.toUpperCase() === 'Z') return 0;
  const digits = text.replace(':', '');
  const minutes = offsetMinutes(Number(digits.slice(1, 3)), Number(digits.slice(3, 5)));
  return (text[0] === '-' ? -minutes : minutes) * MINUTE;
}

/** A form that is right but names no real date or time (30 February, 25:00). */
class NoSuchTime extends Error {}

/**
 * One bound as UTC milliseconds. A date, today and yesterday are whole days:
 * as `--until` they include that day, so the bound is the start of the next.
 * NaN for what is none of the accepted forms.
 */
function boundary(value: string, isUntil: boolean, zone: string, now: Date): number {
  const text = value.trim();
  const date = DATE.exec(text);
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]) - 1, Number(date[3])];
    if (!isRealStamp(y, m, d, 0, 0, 0)) throw new NoSuchTime();
    return startOfDay(y, m, d, zone, isUntil ? 1 : 0);
  }
  const word = text.toLowerCase();
  if (word === 'today' || word === 'yesterday') {
    const [y, m, d] = today(now, zone);
    return startOfDay(y, m, d, zone, (word === 'yesterday' ? -1 : 0) + (isUntil ? 1 : 0));
  }
  const back = BACK.exec(text);
  if (back) return now.getTime() - Number(back[1]) * UNIT[back[2]];
  const t = DATE_TIME.exec(text);
  if (!t) return NaN;
  const [y, m, d, h, mi, s] = [Number(t[1]), Number(t[2]) - 1, Number(t[3]), Number(t[4]), Number(t[5]), Number(t[6] ?? 0)];
  if (!isRealStamp(y, m, d, h, mi, s)) throw new NoSuchTime();
  const wall = Date.UTC(y, m, d, h, mi, s, Math.floor(Number(`0.${t[7] ?? 0}`) * 1000));
  if (t[8] === undefined) return zonedTime(wall, zone);
  const offset = offsetOf(t[8]);
  if (Number.isNaN(offset)) throw new NoSuchTime();
  return wall - offset;
}

export interface Period {
  /** Inclusive, UTC ISO 8601. */
  since?: string;
  /** Exclusive, UTC ISO 8601. */
  until?: string;
}

/** `--since` and `--until` read in `zone`, relative to `now`; a UserError listing the accepted forms for anything else. */
export function parsePeriod(input: { since?: string; until?: string }, zone: string, now: Date): Period {
  const bound = (flag: 'since' | 'until'): string | undefined => {
    const value = input[flag];
    if (value === undefined) return undefined;
    let t: number;
    try {
      t = boundary(value, flag === 'until', zone, now);
    } catch (error) {
      if (error instanceof NoSuchTime) throw new UserError(`--${flag} ${value}: no such date or time`);
      throw error;
    }
    if (Number.isNaN(t)) throw new UserError(`--${flag} ${value}: not understood; give ${ACCEPTED_FORMS}`);
    if (!isLogTime(t)) throw new UserError(`--${flag} ${value}: outside the years 1970 to 9999`);
    return new Date(t).toISOString();
  };
  const period = { since: bound('since'), until: bound('until') };
  if (period.since !== undefined && period.until !== undefined && period.since >= period.until) {
    throw new UserError(`--since ${input.since} is not before --until ${input.until}: no time is in between`);
  }
  return period;
}

/** The heading line that says which period a report covers and in which zone its days and hours are. */
export function periodHeading(period: Period, zone: string): string {
  const at = (iso: string) => wallClockText(Date.parse(iso), zone);
  if (period.since !== undefined && period.until !== undefined) return `From ${at(period.since)} to ${at(period.until)} (${zone})`;
  if (period.since !== undefined) return `From ${at(period.since)} on (${zone})`;
  if (period.until !== undefined) return `Up to ${at(period.until)} (${zone})`;
  return `All stored data (times in ${zone})`;
}
