// IANA time zones, for reading logs (ingest --tz) and for the days and hours
// of reports (report --tz). Intl knows the zones' rules; the wall clock of a
// zone at a UTC instant is read from it, and the reverse is found from that.

import { UserError } from './errors.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The zone the system runs in, as Intl reports it (UTC when TZ names none). */
export function systemTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** An IANA zone name given to `--tz`, in its canonical spelling (Etc/UTC, GMT and Zulu are UTC); a UserError otherwise. */
export function checkTimeZone(zone: string): string {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    throw new UserError(`--tz ${zone}: not an IANA time zone name (e.g. Europe/Paris, America/New_York, UTC)`);
  }
}

export function isUtc(zone: string): boolean {
  return zone === 'UTC';
}

// Building a formatter costs far more than using one; a run uses one or two zones.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(zone, f);
  }
  return f;
}

/** The zone's wall clock at a UTC instant, written as milliseconds of the same date and time in UTC. */
function wallClock(utc: number, zone: string): number {
  const p: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(new Date(utc))) p[part.type] = Number(part.value);
  const millis = ((utc % 1000) + 1000) % 1000;
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) + millis;
}

/** The zone's offset from UTC at a UTC instant, in milliseconds (east positive). */
export function offsetAt(utc: number, zone: string): number {
  return wallClock(utc, zone) - utc;
}

/**
 * The UTC instant at which the zone's wall clock shows `wall` (a date and time
 * written as UTC milliseconds). Of the two instants of an hour that happens
 * twice when daylight saving time ends, the earlier; a time in the hour
 * skipped when it starts reads as that far past the skip, as Date does.
 */
export function zonedTime(wall: number, zone: string): number {
  const before = wall - offsetAt(wall - DAY, zone);
  const after = wall - offsetAt(wall + DAY, zone);
  const readings = [before, after].filter((t) => wallClock(t, zone) === wall);
  return readings.length ? Math.min(...readings) : before;
}

/** The zone's wall clock at a UTC instant, as `YYYY-MM-DD HH:MM`. */
export function wallClockText(utc: number, zone: string): string {
  return new Date(wallClock(utc, zone)).toISOString().slice(0, 16).replace('T', ' ');
}

// Distinct UTC hours held; events cluster in time, so a report meets few.
const HOURS_HELD = 50_000;

/**
 * The zone's wall clock of stored UTC times (`2026-11-22T18:46:43.123Z`) as
 * `YYYY-MM-DDTHH`, for grouping a report's events by the zone's days and
 * hours. An offset changes at most once in an hour, so it is looked up once
 * per UTC hour, and per event only in an hour where it changes.
 */
export function localHourOf(zone: string): (iso: string) => string {
  const offsets = new Map<string, number>();
  return (iso) => {
    const hour = iso.slice(0, 13);
    let offset = offsets.get(hour);
    if (offset === undefined) {
      const start = Date.parse(`${hour}:00:00Z`);
      const first = offsetAt(start, zone);
      offset = first === offsetAt(start + HOUR - 1, zone) ? first : NaN;
      if (offsets.size >= HOURS_HELD) offsets.clear();
      offsets.set(hour, offset);
    }
    const time = Date.parse(iso);
    return new Date(time + (Number.isNaN(offset) ? offsetAt(time, zone) : offset)).toISOString().slice(0, 13);
  };
}
