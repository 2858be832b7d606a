// Traffic per day and per hour of the day, from the hourly counts ingest
// keeps (schema.sql's traffic_hourly): messages received, recipients
// delivered, and failure lines (each deferral retry counts). The table's
// hours are UTC hours; each is shown in the report zone's hour it starts in,
// which is exact in a zone with a whole-hour offset.

import type { Db } from '../store/database.js';
import { isUtc, localHourOf } from '../time-zone.js';
import type { Breakdown, Column, Dimension, Row } from './breakdown.js';
import { renderBarTable } from './bars.js';
import { andWhere, whereClause, type Filters } from './filters.js';
import { wrapText } from './render.js';

export type TrafficUnit = 'day' | 'hour';

/** What traffic_hourly counts, in the order a morning reads them. */
const KINDS = ['received', 'delivered', 'deferred', 'bounced', 'expired', 'rejected'] as const;
const FAILURE_KINDS = ['deferred', 'bounced', 'expired', 'rejected'] as const;

/** Short text headers, so that seven numbers and a bar fit 80 columns; CSV and JSON use the keys. */
const HEADER: Record<(typeof KINDS)[number], string> = { received: 'recv', delivered: 'deliv', deferred: 'defer', bounced: 'bounce', expired: 'expire', rejected: 'reject' };

const DAY_MS = 86_400_000;

/**
 * The period's traffic per day or per hour of the day (hours summed over the
 * period's days), in time order from the first to the last unit with
 * traffic, the units between with nothing included as zeros. An hour counts
 * when it starts in the period. `--direction` narrows the deliveries and
 * failures; a message received has no direction yet, so `received` is then
 * null.
 */
export function traffic(db: Db, filters: Filters, unit: TrafficUnit): Row[] {
  let where = whereClause({ zone: filters.zone, host: filters.host, direction: filters.direction }, 'day');
  const start = "(hour || ':00:00.000Z')";
  if (filters.since !== undefined) where = andWhere(where, `${start} >= ?`, [filters.since]);
  if (filters.until !== undefined) where = andWhere(where, `${start} < ?`, [filters.until]);
  const counts = db.prepare(`SELECT hour, kind, sum(count) AS n FROM traffic_hourly ${where.sql} GROUP BY hour, kind`).all(...where.params) as { hour: string; kind: string; n: number }[];
  const toLocal = isUtc(filters.zone) ? null : localHourOf(filters.zone);
  const local = (hour: string) => (toLocal ? toLocal(`${hour}:00:00.000Z`) : hour);
  const byUnit = new Map<string, Row>();
  for (const { hour, kind, n } of counts) {
    const at = local(hour);
    const key = unit === 'day' ? at.slice(0, 10) : at.slice(11, 13);
    const row = byUnit.get(key) ?? emptyRow(unit, key, filters);
    row[kind] = Number(row[kind] ?? 0) + n;
    byUnit.set(key, row);
  }
  if (byUnit.size === 0) return [];
  const keys = [...byUnit.keys()].sort();
  return unitsBetween(unit, keys).map((key) => byUnit.get(key) ?? emptyRow(unit, key, filters));
}

function emptyRow(unit: TrafficUnit, key: string, filters: Filters): Row {
  const row: Row = { [unit]: key };
  for (const kind of KINDS) row[kind] = kind === 'received' && filters.direction !== undefined ? null : 0;
  return row;
}

/** Days listed with the days between them filled in; a longer span (a stamp of 1970 among this year's) lists only the days with traffic. */
const MAX_FILLED_DAYS = 366;

/** Every day or hour of the day from the first of `keys` (sorted) to the last, both included. */
export function unitsBetween(unit: TrafficUnit, keys: string[]): string[] {
  const [first, last] = [keys[0], keys[keys.length - 1]];
  const units: string[] = [];
  if (unit === 'hour') {
    for (let h = Number(first); h <= Number(last); h++) units.push(String(h).padStart(2, '0'));
    return units;
  }
  const [from, to] = [Date.parse(`${first}T00:00:00Z`), Date.parse(`${last}T00:00:00Z`)];
  if ((to - from) / DAY_MS >= MAX_FILLED_DAYS) return keys;
  for (let t = from; t <= to; t += DAY_MS) units.push(new Date(t).toISOString().slice(0, 10));
  return units;
}

/** Failure lines of a row: deferrals (each retry), bounces, expiries and refusals. */
export function failuresOf(row: Row): number {
  return FAILURE_KINDS.reduce((sum, kind) => sum + Number(row[kind] ?? 0), 0);
}

export function trafficColumns(unit: TrafficUnit): Column[] {
  return [{ key: unit, header: unit, numeric: false }, ...KINDS.map((kind) => ({ key: kind, header: HEADER[kind], numeric: true }))];
}

/** `--by day` or `--by hour` alone, unnarrowed by cause, domain or outcome (which traffic does not have): a traffic view. */
export function isTrafficView(by: Dimension[], filters: Filters): boolean {
  const unnarrowed = filters.cause === undefined && filters.domain === undefined && filters.outcome === undefined;
  return unnarrowed && by.length === 1 && (by[0] === 'day' || by[0] === 'hour');
}

/** The busiest `top` rows (by deliveries and failures), still in time order, and how many were left out. */
export function busiest(rows: Row[], top: number | undefined): { rows: Row[]; leftOut: number } {
  if (top === undefined || rows.length <= top) return { rows, leftOut: 0 };
  const load = (r: Row) => Number(r.delivered) + failuresOf(r);
  const kept = new Set([...rows].sort((a, b) => load(b) - load(a)).slice(0, top));
  return { rows: rows.filter((r) => kept.has(r)), leftOut: rows.length - top };
}

export const BAR_LEGEND = '#: delivered, x: failure lines (deferred, bounced, expired, rejected)';

/** A traffic table with its bars: `#` for deliveries, `x` for failure lines. */
export function renderTraffic(columns: Column[], rows: Row[]): string {
  return renderBarTable(columns, rows, (r) => [
    [Number(r.delivered), '#'],
    [failuresOf(r), 'x'],
  ]);
}

export interface TrafficBlock {
  days: Row[];
  hours: Row[];
}

/** The default report's block: per day, and per hour of the day. */
export function trafficBlock(db: Db, filters: Filters): TrafficBlock {
  return { days: traffic(db, filters, 'day'), hours: traffic(db, filters, 'hour') };
}

/** The text block, empty when the period has no traffic; per day only when it spans more than one. */
export function renderTrafficBlock(block: TrafficBlock): string {
  if (block.hours.length === 0) return '';
  const days = block.days.length > 1 ? `${renderTraffic(trafficColumns('day'), block.days)}\n` : '';
  return `Traffic (${BAR_LEGEND})\n\n${days}${renderTraffic(trafficColumns('hour'), block.hours)}`;
}

/**
 * `--by day` or `--by hour` alone: the traffic of each unit beside the
 * failed messages (or failures) the failure breakdown counts there, so the
 * numbers those views always gave stay under the same keys.
 */
export function trafficView(db: Db, filters: Filters, unit: TrafficUnit, failed: Breakdown, top: number | undefined): { columns: Column[]; rows: Row[]; leftOut: number } {
  const rows = traffic(db, filters, unit);
  const byKey = new Map(failed.rows.map((r) => [String(r[unit]), r]));
  const known = new Set(rows.map((r) => String(r[unit])));
  // Failed messages whose hours the hourly counts lack (a database from before them) still show.
  for (const key of byKey.keys()) if (!known.has(key)) rows.push(emptyRow(unit, key, filters));
  rows.sort((a, b) => String(a[unit]).localeCompare(String(b[unit])));
  for (const row of rows) {
    row.count = byKey.get(String(row[unit]))?.count ?? 0;
    row.share = byKey.get(String(row[unit]))?.share ?? 0;
  }
  const countColumn = failed.columns.find((c) => c.key === 'count')!;
  const columns: Column[] = [...trafficColumns(unit), { ...countColumn, header: failed.count === 'messages' ? 'failed' : 'failures' }, { key: 'share', header: 'share', numeric: true, tableHidden: true }];
  return { columns, ...busiest(rows, top) };
}

/** The text heading of a traffic view: what each column counts. */
export function trafficViewHeading(unit: TrafficUnit, zone: string, failedHeader: string): string {
  const what = unit === 'hour' ? `Traffic per hour of the day (${zone}), summed over the period's days.` : `Traffic per day (${zone}).`;
  return `${wrapText(`${what} recv, deliv: messages received and delivered; defer, bounce, expire, reject: failure lines (each retry counts), from the hourly counts; ${failedHeader}: as the failure breakdown by ${unit} counts them.`, '')}\n${BAR_LEGEND}\n\n`;
}
