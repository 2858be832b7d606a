// `maillog export`: events or daily aggregates as CSV or NDJSON, streamed row
// by row so an export of millions of events runs in flat memory.

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Readable, type Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Db } from './store/database.js';
import { whereClause, type Filters } from './report/filters.js';
import { CSV_OPTIONS } from './report/render.js';

/** The documented event schema: CSV headers and JSON keys, in this order. */
export const EVENT_FIELDS = [
  'time', 'mta', 'host', 'queue_id', 'sender', 'recipient', 'recipient_domain', 'relay', 'reply_code',
  'enhanced_status', 'stage', 'outcome', 'direction', 'cause', 'rule', 'diagnostic', 'fingerprint', 'source', 'line',
] as const;

/** Daily counts: failures by outcome and cause, and deliveries as outcome `delivered`. */
export const AGGREGATE_FIELDS = ['day', 'host', 'mta', 'recipient_domain', 'direction', 'outcome', 'cause', 'count'] as const;

export type ExportWhat = 'events' | 'aggregates';
export type ExportFormat = 'csv' | 'ndjson';

function query(db: Db, what: ExportWhat, filters: Filters): { fields: readonly string[]; rows: Iterable<Record<string, unknown>> } {
  if (what === 'events') {
    const where = whereClause(filters, 'time');
    const columns = EVENT_FIELDS.map((f) => (f === 'source' ? '(SELECT path FROM sources WHERE sources.id = source_id) AS source' : f));
    const sql = `SELECT ${columns.join(', ')} FROM events ${where.sql} ORDER BY time, id`;
    return { fields: EVENT_FIELDS, rows: db.prepare(sql).iterate(...where.params) as Iterable<Record<string, unknown>> };
  }
  const failures = whereClause(filters, 'day');
  // Deliveries have no cause or outcome: a filter on those leaves them out.
  const deliveries = filters.cause || filters.outcome ? null : whereClause(filters, 'day');
  const sql = `SELECT day, host, mta, recipient_domain, direction, outcome, cause, count FROM failures_daily ${failures.sql}
    ${deliveries ? `UNION ALL SELECT day, host, mta, recipient_domain, '' AS direction, 'delivered' AS outcome, '' AS cause, count FROM deliveries_daily ${deliveries.sql}` : ''}
    ORDER BY day, host, mta, recipient_domain, outcome, cause`;
  const params = [...failures.params, ...(deliveries?.params ?? [])];
  return { fields: AGGREGATE_FIELDS, rows: db.prepare(sql).iterate(...params) as Iterable<Record<string, unknown>> };
}

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

export async function exportRows(db: Db, what: ExportWhat, format: ExportFormat, filters: Filters, outPath: string | undefined): Promise<number> {
  const out: Writable = outPath ? createWriteStream(outPath) : process.stdout;
  if (outPath) await once(out, 'open');
  const { fields, rows } = query(db, what, filters);
  let n = 0;
  const counted = function* () {
    for (const row of rows) {
      n++;
      yield row;
    }
  };
  if (format === 'ndjson') {
    for (const row of counted()) await write(out, `${JSON.stringify(row)}\n`);
  } else {
    const csv = Readable.from(counted()).pipe(stringify({ ...CSV_OPTIONS, header: true, columns: [...fields] }));
    for await (const chunk of csv) await write(out, chunk as string);
  }
  if (outPath) {
    out.end();
    await once(out, 'finish');
  }
  return n;
}
