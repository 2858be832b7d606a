// `maillog export`: events or daily aggregates as CSV or NDJSON, streamed row
// by row so an export of millions of events runs in flat memory.

import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { Db } from './store/database.js';
import { UserError } from './errors.js';
import { andWhere, whereClause, type Filters, type Where } from './report/filters.js';
import { CSV_OPTIONS } from './report/render.js';
import { isoTime } from './store/daily-counts.js';
import { DIRECTION_CODES, MTA_CODES, OUTCOME_CODES } from './store/codes.js';
import { BoundedMap } from '../parsers/bounded-map.js';

/** The documented event schema: CSV headers and JSON keys, in this order. */
export const EVENT_FIELDS = [
  'time', 'mta', 'host', 'queue_id', 'sender', 'recipient', 'recipient_domain', 'relay', 'reply_code',
  'enhanced_status', 'stage', 'outcome', 'direction', 'cause', 'rule', 'diagnostic', 'fingerprint', 'source', 'line',
  // Added in schema version 3, last so that the columns before it keep their places.
  'confidence',
] as const;

/** Daily counts: failures by outcome and cause, and deliveries as outcome `delivered`. */
export const AGGREGATE_FIELDS = ['day', 'host', 'mta', 'recipient_domain', 'direction', 'outcome', 'cause', 'count'] as const;

export type ExportWhat = 'events' | 'aggregates';
export type ExportFormat = 'csv' | 'ndjson';

/**
 * The stored fingerprint `given` names: itself, or the one fingerprint that
 * starts with it (report --by reason and unclassified show them whole).
 */
export function resolveFingerprint(db: Db, given: string): string {
  const prefix = given.toLowerCase();
  if (!/^[0-9a-f]+$/.test(prefix)) throw new UserError(`--fingerprint ${given}: a fingerprint is hexadecimal, as report --by reason shows it`);
  // Fingerprints are lower-case hex: those that start with the prefix sort between it and the prefix followed by 'g'.
  const found = db.prepare('SELECT DISTINCT fingerprint FROM diagnostics WHERE fingerprint >= ? AND fingerprint < ? ORDER BY fingerprint LIMIT 3').pluck().all(prefix, `${prefix}g`) as string[];
  if (found.length === 0) throw new UserError(`--fingerprint ${given}: no stored failure has this fingerprint`);
  if (found.length > 1) throw new UserError(`--fingerprint ${given} is the start of ${found.length > 2 ? 'several' : 'two'} fingerprints (${found.slice(0, 2).join(', ')}${found.length > 2 ? ', …' : ''}): give more of it`);
  return found[0];
}

function query(db: Db, what: ExportWhat, filters: Filters, fingerprint?: string): { fields: readonly string[]; rows: Iterable<Record<string, unknown>> } {
  if (what === 'events') {
    const period = whereClause(filters, 'time');
    const where = fingerprint === undefined ? period : andWhere(period, 'fingerprint = ?', [fingerprint]);
    return { fields: EVENT_FIELDS, rows: storedEvents(db, where) };
  }
  const failures = whereClause(filters, 'day');
  // Deliveries have no cause or outcome: a filter on those leaves them out.
  const deliveries = filters.cause || filters.outcome ? null : whereClause(filters, 'day');
  // The aggregates are kept per source: an export sums them away, as reports do.
  const sql = `SELECT day, host, mta, recipient_domain, direction, outcome, cause, sum(count) AS count FROM failures_daily ${failures.sql}
    GROUP BY day, host, mta, recipient_domain, direction, outcome, cause
    ${deliveries ? `UNION ALL SELECT day, host, mta, recipient_domain, direction, 'delivered' AS outcome, '' AS cause, sum(count) FROM deliveries_daily ${deliveries.sql}
      GROUP BY day, host, mta, recipient_domain, direction` : ''}
    ORDER BY day, host, mta, recipient_domain, outcome, cause`;
  const params = [...failures.params, ...(deliveries?.params ?? [])];
  return { fields: AGGREGATE_FIELDS, rows: db.prepare(sql).iterate(...params) as Iterable<Record<string, unknown>> };
}

interface EventRow {
  time: number;
  mta: number;
  host: number;
  queue_id: string | null;
  sender: number | null;
  recipient: string | null;
  recipient_domain: number;
  relay: number | null;
  reply_code: number | null;
  enhanced_status: number | null;
  stage: number | null;
  outcome: number;
  direction: number;
  cause: number;
  rule: number | null;
  diagnostic: string;
  fingerprint: string;
  source: string;
  line: number;
  /** Per mille, as stored. */
  confidence: number | null;
}

const nameOf = (codes: Readonly<Record<string, number>>) => new Map(Object.entries(codes).map(([name, code]) => [code, name]));

/** Most texts an export holds by id: `strings` also holds every party address, far more than events name. */
const TEXTS_HELD = 100_000;

/** A text by its id in `strings`, looked up the first time an exported row names it. */
function textsById(db: Db): (id: number | null) => string | null {
  const lookup = db.prepare('SELECT value FROM strings WHERE id = ?').pluck();
  const held = new BoundedMap<number, string>(TEXTS_HELD);
  return (id) => {
    if (id === null) return null;
    let value = held.get(id);
    if (value === undefined) {
      value = lookup.get(id) as string;
      held.set(id, value);
    }
    return value;
  };
}

/**
 * The events the filters choose, as the view events gives them, read from the
 * narrow rows and turned into texts here: an export reads every column of
 * every row, and a lookup per column in SQL (strftime for the time) costs
 * more than the rest of the row. The filters are the view's.
 */
function* storedEvents(db: Db, where: Where): Iterable<Record<string, unknown>> {
  const text = textsById(db);
  const [mtas, directions, outcomes] = [nameOf(MTA_CODES), nameOf(DIRECTION_CODES), nameOf(OUTCOME_CODES)];
  const chosen = where.sql ? `WHERE e.id IN (SELECT id FROM events ${where.sql})` : '';
  const rows = db
    .prepare(
      `SELECT e.*, d.text AS diagnostic, d.fingerprint, s.path AS source FROM event_rows e
       JOIN diagnostics d ON d.id = e.diagnostic LEFT JOIN sources s ON s.id = e.source_id ${chosen} ORDER BY e.time, e.id`,
    )
    .iterate(...where.params) as Iterable<EventRow>;
  for (const e of rows) {
    yield {
      time: isoTime(e.time),
      mta: mtas.get(e.mta),
      host: text(e.host),
      queue_id: e.queue_id,
      sender: text(e.sender),
      recipient: e.recipient,
      recipient_domain: text(e.recipient_domain),
      relay: text(e.relay),
      reply_code: e.reply_code,
      enhanced_status: text(e.enhanced_status),
      stage: text(e.stage),
      outcome: outcomes.get(e.outcome),
      direction: directions.get(e.direction),
      cause: text(e.cause),
      rule: text(e.rule),
      diagnostic: e.diagnostic,
      fingerprint: e.fingerprint,
      source: e.source ?? null,
      line: e.line,
      confidence: e.confidence === null ? null : e.confidence / 1000,
    } satisfies Record<(typeof EVENT_FIELDS)[number], unknown>;
  }
}

/**
 * Writes the rows to `out` and returns how many there were. A pipeline, so that
 * an error on either side (a corrupt page met mid-export, a full disk) ends the
 * export as a rejected promise rather than an unhandled stream error.
 */
export async function exportRows(db: Db, what: ExportWhat, format: ExportFormat, filters: Filters, out: Writable, fingerprint?: string): Promise<number> {
  const { fields, rows } = query(db, what, filters, fingerprint);
  let n = 0;
  const counted = function* () {
    for (const row of rows) {
      n++;
      yield row;
    }
  };
  const ndjson = function* () {
    for (const row of counted()) yield `${JSON.stringify(row)}\n`;
  };
  // stdout stays open for whatever the process writes after the export.
  const end = out !== process.stdout;
  if (format === 'ndjson') await pipeline(Readable.from(ndjson()), out, { end });
  else await pipeline(Readable.from(counted()), stringify({ ...CSV_OPTIONS, header: true, columns: [...fields] }), out, { end });
  return n;
}
