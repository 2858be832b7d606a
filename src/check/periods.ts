// The two spans `maillog check` compares: the period (the last complete day
// of the report zone, or --since/--until) and the baseline, the days just
// before it.

import { UserError } from '../errors.js';
import { parsePeriod } from '../report/dates.js';
import { offsetAt, zonedTime } from '../time-zone.js';

const DAY = 86_400_000;

export interface Window {
  /** Inclusive, UTC ISO 8601. */
  since: string;
  /** Exclusive, UTC ISO 8601. */
  until: string;
}

export interface CheckWindows {
  period: Window;
  baseline: Window;
}

/** The instant `days` days of the zone's calendar before `iso` (a day of 23 or 25 hours where summer time starts or ends). */
function daysBefore(iso: string, days: number, zone: string): string {
  const t = Date.parse(iso);
  return new Date(zonedTime(t + offsetAt(t, zone) - days * DAY, zone)).toISOString();
}

/**
 * The period: yesterday in the zone by default; a day up to --until when
 * only that is given; up to now when only --since is. The baseline: the
 * `baselineDays` days before the period.
 */
export function checkWindows(input: { since?: string; until?: string }, zone: string, baselineDays: number, now: Date): CheckWindows {
  const given = input.since === undefined && input.until === undefined ? { since: 'yesterday', until: 'yesterday' } : input;
  const read = parsePeriod(given, zone, now);
  const until = read.until ?? now.toISOString();
  const since = read.since ?? daysBefore(until, 1, zone);
  // Only --since alone can do this (parsePeriod checks a pair): a period up to now that starts later.
  if (since >= until) throw new UserError(`--since ${input.since} is not before now: the period is empty`);
  return { period: { since, until }, baseline: { since: daysBefore(since, baselineDays, zone), until: since } };
}

/** The baseline cut to the stored data: days before the first thing the database holds are not days of no mail. */
export function withinData(baseline: Window, dataStart: string | null, zone: string): Window {
  if (dataStart === null || dataStart <= baseline.since) return baseline;
  if (dataStart >= baseline.until) return { since: baseline.until, until: baseline.until };
  // From the start of the zone's day that holds the first data, so the baseline stays whole days.
  const t = Date.parse(dataStart);
  const wall = t + offsetAt(t, zone);
  const dayStart = new Date(zonedTime(wall - (((wall % DAY) + DAY) % DAY), zone)).toISOString();
  return { since: dayStart > baseline.since ? dayStart : baseline.since, until: baseline.until };
}

/** A window's length in days (a fraction for a period of hours). */
export function lengthInDays(w: Window): number {
  return (Date.parse(w.until) - Date.parse(w.since)) / DAY;
}
