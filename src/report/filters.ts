// Filters shared by report and export, turned into parameterised SQL.

import { UserError } from '../errors.js';
import { isCauseId, CAUSE_IDS, type CauseId } from '../classify/causes.js';
import type { Direction, Outcome } from '../../parsers/events.js';
import { checkTimeZone, systemTimeZone } from '../time-zone.js';
import { parsePeriod } from './dates.js';

export const OUTCOMES: readonly Outcome[] = ['bounced', 'deferred', 'expired', 'rejected'];

/** In the order the default report shows them: what we could not deliver comes first. */
export const DIRECTIONS: readonly Direction[] = ['outbound', 'local', 'inbound'];

export function isDirection(value: string): value is Direction {
  return (DIRECTIONS as readonly string[]).includes(value);
}

export interface Filters {
  /** Inclusive lower bound, UTC ISO 8601. */
  since?: string;
  /** Exclusive upper bound, UTC ISO 8601 (a date given to --until is the start of the next day). */
  until?: string;
  /** The IANA zone whose days and hours the report shows and `--since`/`--until` are read in. */
  zone: string;
  cause?: CauseId;
  domain?: string;
  outcome?: Outcome;
  host?: string;
  direction?: Direction;
}

export interface FilterInput {
  since?: string;
  until?: string;
  cause?: string;
  domain?: string;
  outcome?: string;
  host?: string;
  tz?: string;
  direction?: string;
}

export function parseFilters(input: FilterInput, now = new Date()): Filters {
  if (input.cause !== undefined && !isCauseId(input.cause)) {
    throw new UserError(`unknown cause '${input.cause}'; valid causes: ${CAUSE_IDS.join(', ')}`);
  }
  if (input.outcome !== undefined && !(OUTCOMES as readonly string[]).includes(input.outcome)) {
    throw new UserError(`unknown outcome '${input.outcome}'; valid outcomes: ${OUTCOMES.join(', ')}`);
  }
  if (input.direction !== undefined && !isDirection(input.direction)) {
    throw new UserError(`unknown direction '${input.direction}'; valid directions: ${DIRECTIONS.join(', ')}`);
  }
  const zone = input.tz === undefined ? systemTimeZone() : checkTimeZone(input.tz);
  return {
    ...parsePeriod(input, zone, now),
    zone,
    cause: input.cause as CauseId | undefined,
    domain: input.domain?.toLowerCase(),
    outcome: input.outcome as Outcome | undefined,
    host: input.host,
    direction: input.direction as Direction | undefined,
  };
}

/** The period and host of a report, without the filters a message's traffic cannot have (cause, domain, outcome, direction). */
export function periodAndHost(f: Filters): Filters {
  return { since: f.since, until: f.until, zone: f.zone, host: f.host };
}

/** True when the bounds fall on whole UTC days, so daily aggregates can answer. */
export function onDayBoundaries(f: Filters): boolean {
  return [f.since, f.until].every((b) => b === undefined || b.endsWith('T00:00:00.000Z'));
}

export interface Where {
  sql: string;
  params: (string | number)[];
}

/**
 * WHERE clause over a table with the given time column: `time` for events
 * and `last_failure` for failed messages, compared as the milliseconds they
 * are stored as (time_ms, which the index orders, and last_failure_ms), `day`
 * (YYYY-MM-DD) for the daily aggregates.
 */
export function whereClause(f: Filters, timeColumn: 'time' | 'last_failure' | 'day', skip: ReadonlySet<keyof Filters> = new Set()): Where {
  const parts: string[] = [];
  const params: (string | number)[] = [];
  const column = timeColumn === 'day' ? timeColumn : `${timeColumn}_ms`;
  const asTime = (iso: string) => (timeColumn === 'day' ? iso.slice(0, 10) : Date.parse(iso));
  if (f.since !== undefined) {
    parts.push(`${column} >= ?`);
    params.push(asTime(f.since));
  }
  if (f.until !== undefined) {
    parts.push(`${column} < ?`);
    params.push(asTime(f.until));
  }
  const equal: [keyof Filters, string][] = [
    ['cause', 'cause'],
    ['domain', 'recipient_domain'],
    ['outcome', 'outcome'],
    ['host', 'host'],
    ['direction', 'direction'],
  ];
  for (const [key, column] of equal) {
    const value = f[key];
    if (value !== undefined && !skip.has(key)) {
      parts.push(`${column} = ?`);
      params.push(value);
    }
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/** A where clause with one more condition. */
export function andWhere(where: Where, condition: string, params: readonly (string | number)[] = []): Where {
  return { sql: where.sql ? `${where.sql} AND ${condition}` : `WHERE ${condition}`, params: [...where.params, ...params] };
}
