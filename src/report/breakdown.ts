// `maillog report`: failed messages (or failure attempts) grouped by one or
// two dimensions. Messages are counted from the failed messages; attempts
// that the daily aggregates can answer are answered from them (they survive
// event pruning); the others read the events. Days and hours are the report
// zone's; the aggregates' days are UTC days, so they answer by day only in UTC.

import { causeText, isCauseId, type CauseId } from '../classify/causes.js';
import { remoteReply } from '../classify/remote-reply.js';
import { UserError } from '../errors.js';
import { codeTitle } from '../reference/lookup.js';
import { isPostgres, type Db } from '../store/database.js';
import { isUtc, localHourOf } from '../time-zone.js';
import { andWhere, onDayBoundaries, periodAndHost, whereClause, type Filters, type Where } from './filters.js';

export const DIMENSIONS = ['cause', 'domain', 'day', 'hour', 'host', 'mta', 'outcome', 'direction', 'code', 'reason', 'sender-domain', 'fate'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** `--by day --by cause` and `--by day,cause` alike: the values given, in order. */
export function byValues(by: string[]): string[] {
  return by.flatMap((b) => b.split(',')).map((b) => b.trim()).filter((b) => b !== '');
}

/** `views`: the values --by also takes alone (traffic, delays, parties), named in the error for an unknown one. */
export function parseDimensions(by: string[], views: readonly string[] = []): Dimension[] {
  const dims = byValues(by);
  for (const d of dims) {
    if (!(DIMENSIONS as readonly string[]).includes(d)) {
      throw new UserError(`unknown --by '${d}'; valid: ${[...DIMENSIONS, ...views].join(', ')}`);
    }
  }
  if (dims.length === 0) return ['cause'];
  if (dims.length > 2) throw new UserError('--by takes one or two dimensions');
  if (dims.length === 2 && dims[0] === dims[1]) throw new UserError(`--by ${dims[0]} given twice`);
  return dims as Dimension[];
}

/**
 * messages: each failed message once (queue id and recipient on one host; an
 * SMTP-time reject is a message of its own), under its last failure.
 * attempts: each failure line, every retry of a deferral included.
 */
export const COUNT_MODES = ['messages', 'attempts'] as const;
export type CountMode = (typeof COUNT_MODES)[number];

/** Dimensions whose values are domain names, shortened in the middle in text tables. */
const DOMAIN_DIMENSIONS: ReadonlySet<Dimension> = new Set(['domain', 'sender-domain']);

/** Dimensions shown in time order (oldest first, hours 00 to 23) whatever their counts. */
const TIME_DIMENSIONS: ReadonlySet<Dimension> = new Set(['day', 'hour']);

/** The SQL function that gives the report zone's `YYYY-MM-DDTHH` of a stored UTC time, registered per connection. */
const LOCAL_HOUR = 'maillog_local_hour';

/** Days and hours are read from a table's time column, in the report's zone; this marks where. */
const TIME = 'time';

/** The columns every counting source has under the same names. */
const SHARED_COLUMN = {
  cause: 'cause',
  domain: 'recipient_domain',
  host: 'host',
  mta: 'mta',
  outcome: 'outcome',
  direction: 'direction',
} as const;

const EVENT_COLUMN: Record<Exclude<Dimension, 'fate'>, string> = {
  ...SHARED_COLUMN,
  day: TIME,
  hour: TIME,
  code: "trim(coalesce(CAST(reply_code AS TEXT), '') || ' ' || coalesce(enhanced_status, ''))",
  reason: 'fingerprint',
  'sender-domain': senderDomain("coalesce(sender, '')"),
};

/** SQL for the lower-cased domain of an address column; an address with no `@` is its own. */
export function senderDomain(address: string): string {
  return `CASE WHEN instr(${address}, '@') > 0 THEN lower(substr(${address}, instr(${address}, '@') + 1)) ELSE ${address} END`;
}

/** What the failed messages (schema.sql's failed_messages) answer themselves. */
const MESSAGE_COLUMN: Partial<Record<Dimension, string>> = { ...SHARED_COLUMN, day: TIME, hour: TIME, fate: 'fate' };

/** Between the parts of a key made in SQL: no host, queue id or address holds it, and PostgreSQL's texts cannot hold NUL. */
const KEY_SEPARATOR = "'\u0001'";

/** A failed message's identity in the events, for the dimensions only events hold: a message counts under each code or reason it failed with. */
export const EVENT_MESSAGE = `CASE WHEN outcome = 'rejected' OR queue_id IS NULL OR recipient IS NULL THEN 'e' || id ELSE ${['mta', 'host', 'queue_id', 'recipient'].join(` || ${KEY_SEPARATOR} || `)} END`;

const AGGREGATE_COLUMN: Partial<Record<Dimension, string>> = { ...SHARED_COLUMN, day: 'day' };

export type Cell = string | number | null;
export type Row = Record<string, Cell>;

export interface Column {
  key: string;
  header: string;
  numeric: boolean;
  /** Where a text too wide for the table loses characters: paths keep their file name, domains their start and registered domain (report/render.ts). */
  clip?: 'end' | 'start' | 'domain';
  /** Shown in text tables for an empty value. */
  blank?: string;
  /** Left out of text tables (CSV and JSON keep it). */
  tableHidden?: boolean;
  /** How text tables show the value, where it differs from CSV and JSON. */
  show?: (value: string) => string;
  /** Left out of a text table in which every row has it blank. */
  hiddenWhenBlank?: boolean;
  /** A text table clips the column no narrower than this (8 unless said). */
  minWidth?: number;
}

/** The remote reply without the MTA's wrapper, as the rules see it (classify/remote-reply.ts). */
export function replyOnly(diagnostic: string): string {
  return remoteReply(diagnostic).reply;
}

export interface Breakdown {
  by: Dimension[];
  columns: Column[];
  rows: Row[];
  count: CountMode;
  /** Failed messages or failures matching the filters, before --top. */
  total: number;
  /** Rows --top left out. */
  leftOut: number;
}

/** Where the rows are counted from, and how. */
function countingSource(by: Dimension[], filters: Filters, count: CountMode) {
  if (count === 'attempts') {
    if (by.includes('fate')) throw new UserError('--by fate counts messages: leave out --count attempts');
    // The daily aggregates are UTC days: they answer days only in UTC.
    const fromAggregates = onDayBoundaries(filters) && by.every((d) => AGGREGATE_COLUMN[d] !== undefined) && (isUtc(filters.zone) || !by.includes('day'));
    if (fromAggregates) return { table: 'failures_daily', time: 'day', n: 'coalesce(sum(count), 0)', columns: AGGREGATE_COLUMN, permanent: "coalesce(sum(CASE WHEN outcome != 'deferred' THEN count END), 0)" } as const;
    return { table: 'events', time: 'time', n: 'count(*)', columns: EVENT_COLUMN, permanent: "count(CASE WHEN outcome != 'deferred' THEN 1 END)" } as const;
  }
  if (by.every((d) => MESSAGE_COLUMN[d] !== undefined)) {
    return { table: 'failed_messages', time: 'last_failure', n: 'count(*)', columns: MESSAGE_COLUMN, permanent: "count(CASE WHEN outcome != 'deferred' THEN 1 END)" } as const;
  }
  if (by.includes('fate')) throw new UserError(`--by fate goes with ${Object.keys(MESSAGE_COLUMN).filter((d) => d !== 'fate').join(', ')}`);
  return { table: 'events', time: 'time', n: `count(DISTINCT ${EVENT_MESSAGE})`, columns: EVENT_COLUMN, permanent: '' } as const;
}

function keyName(d: Dimension): string {
  return d === 'reason' ? 'fingerprint' : d.replace('-', '_');
}

/** `--by domain` alone: the destinations of our outbound mail, with deliveries and the failure rate. */
export function isDestinationView(by: Dimension[]): boolean {
  return by.length === 1 && by[0] === 'domain';
}

/** The where clause, leaving out recipient domains of this site. */
function withoutDomains(where: Where, domains: readonly string[]): Where {
  if (domains.length === 0) return where;
  return andWhere(where, `recipient_domain NOT IN (${domains.map(() => '?').join(', ')})`, domains);
}

/** A dimension's column in the counting source; days and hours in the zone (in UTC the stored text has them, at no cost per row). */
function columnOf(d: Dimension, column: string, timeColumn: string, zone: string, postgres: boolean): string {
  if (column !== TIME) return column;
  // The zone is a name checked against the zone database (time-zone.ts), quoted all the same.
  const pgLocal = () => `to_char(CAST(${timeColumn} AS timestamptz) AT TIME ZONE '${zone.replace(/'/g, "''")}', 'YYYY-MM-DD"T"HH24')`;
  const local = isUtc(zone) ? timeColumn : postgres ? pgLocal() : `${LOCAL_HOUR}(${timeColumn})`;
  return d === 'day' ? `substr(${local}, 1, 10)` : `substr(${local}, 12, 2)`;
}

/**
 * Failed messages (or attempts) grouped by `by`. `--by domain` alone is about
 * outbound mail: only outbound failures count, and `ownDomains` (this site's
 * mail domains) are left out.
 */
export function breakdown(
  db: Db,
  by: Dimension[],
  requested: Filters,
  top: number | undefined,
  counted: CountMode = 'messages',
  ownDomains: readonly string[] = [],
): Breakdown {
  const destinations = isDestinationView(by);
  if (destinations && requested.direction !== undefined && requested.direction !== 'outbound') {
    throw new UserError(`--by domain lists the destinations of outbound mail; --direction ${requested.direction} does not apply (use --by cause,domain)`);
  }
  const filters: Filters = destinations ? { ...requested, direction: 'outbound' } : requested;
  const source = countingSource(by, filters, counted);
  const { table, n: count } = source;
  const where = withoutDomains(whereClause(filters, source.time), destinations ? ownDomains : []);
  if (!isUtc(filters.zone) && !isPostgres(db)) {
    const local = localHourOf(filters.zone);
    db.function(LOCAL_HOUR, { deterministic: true }, (time) => local(String(time)));
  }
  const keys = by.map((d, i) => `${columnOf(d, (source.columns as Partial<Record<Dimension, string>>)[d]!, source.time, filters.zone, isPostgres(db))} AS k${i}`);
  const extras: string[] = [];
  if (by.includes('reason')) extras.push('min(cause) AS cause_of_reason', 'min(diagnostic) AS example');
  if (destinations) extras.push(`${source.permanent} AS permanent`);
  const groups = by.map((_, i) => `k${i}`).join(', ');
  const grouped = `SELECT ${[...keys, `${count} AS n`, ...extras].join(', ')} FROM ${table} ${where.sql} GROUP BY ${groups}`;
  // --top keeps the rows with the most failures; days and hours are then shown in time order.
  const timeOrder = by.flatMap((d, i) => (TIME_DIMENSIONS.has(d) ? [`k${i}`] : []));
  const byCount = `n DESC, ${groups}`;
  const kept = top === undefined ? grouped : `SELECT * FROM (${grouped} ORDER BY ${byCount} LIMIT ?)`;
  const sql = `${kept} ORDER BY ${[...timeOrder, byCount].join(', ')}`;
  const params = top !== undefined ? [...where.params, top] : where.params;
  const raw = db.prepare(sql).all(...params) as Record<string, Cell>[];
  const total = Number(db.prepare(`SELECT ${count} AS n FROM ${table} ${where.sql}`).pluck().get(...where.params));
  const rowCount = top === undefined ? raw.length : Number(db.prepare(`SELECT count(*) FROM (${grouped})`).pluck().get(...where.params));

  const columns: Column[] = by.map((d) => ({ key: keyName(d), header: d === 'reason' ? 'fingerprint' : d, numeric: false, blank: '(none)', ...(DOMAIN_DIMENSIONS.has(d) ? { clip: 'domain' as const } : {}) }));
  columns.push({ key: 'count', header: counted === 'messages' ? 'messages' : 'failures', numeric: true }, { key: 'share', header: 'share', numeric: true });
  const rows: Row[] = raw.map((r) => {
    const row: Row = {};
    by.forEach((d, i) => (row[keyName(d)] = r[`k${i}`]));
    row.count = Number(r.n);
    row.share = total > 0 ? Number(r.n) / total : 0;
    return row;
  });

  if (by.includes('code')) {
    columns.push({ key: 'code_title', header: 'what the code says', numeric: false });
    for (const row of rows) row.code_title = codeTitle(String(row.code ?? ''));
  }
  if (by.length === 1 && by[0] === 'cause') {
    // Text tables show the advice below the table, where it has room to be read.
    columns.push({ key: 'title', header: 'what it means', numeric: false }, { key: 'advice', header: 'what to do', numeric: false, tableHidden: true });
    for (const row of rows) {
      const text = isCauseId(String(row.cause)) ? causeText(row.cause as CauseId, filters.direction) : { title: '', advice: '' };
      row.title = text.title;
      row.advice = text.advice;
    }
  }
  if (by.includes('reason')) {
    columns.push({ key: 'cause', header: 'cause', numeric: false }, { key: 'example', header: 'example', numeric: false, show: replyOnly });
    raw.forEach((r, i) => {
      rows[i].cause = r.cause_of_reason;
      rows[i].example = r.example;
    });
  }
  if (destinations) addDeliveries(db, filters, raw, rows, columns);
  return { by, columns, rows, count: counted, total, leftOut: rowCount - raw.length };
}

/**
 * Outbound deliveries and the failure rate per recipient domain: permanent failures
 * over permanent failures plus deliveries. Each side counts messages: a
 * delivery is one recipient's message, and a message bounces or expires once.
 */
function addDeliveries(db: Db, filters: Filters, raw: Record<string, Cell>[], rows: Row[], columns: Column[]): void {
  const where = whereClause({ ...periodAndHost(filters), direction: 'outbound' }, 'day');
  const delivered = db.prepare(`SELECT recipient_domain AS domain, sum(count) AS n FROM deliveries_daily ${where.sql} GROUP BY recipient_domain`).all(...where.params) as { domain: string; n: number }[];
  const byDomain = new Map(delivered.map((d) => [d.domain, d.n]));
  // A clipped domain names no destination: in text the domain keeps its width, and the share (kept in CSV and JSON) makes room.
  for (const c of columns) {
    if (c.key === 'domain') c.minWidth = 24;
    if (c.key === 'share') c.tableHidden = true;
  }
  columns.push(
    { key: 'permanent', header: 'permanent', numeric: true },
    { key: 'delivered', header: 'delivered', numeric: true },
    { key: 'failure_rate', header: 'fail rate', numeric: true },
  );
  raw.forEach((r, i) => {
    const permanent = Number(r.permanent);
    const ok = byDomain.get(String(r.k0)) ?? 0;
    rows[i].permanent = permanent;
    rows[i].delivered = ok;
    // 0 out of 0 is no rate at all: a blank, not 0.0%.
    rows[i].failure_rate = permanent + ok > 0 ? permanent / (permanent + ok) : null;
  });
}
