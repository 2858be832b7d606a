// `maillog status`: what the database holds and how the last runs went, for
// an administrator checking that the nightly job does its work.

import { statSync } from 'node:fs';
import { isPostgres, type Db } from '../store/database.js';
import type { Column, Row } from './breakdown.js';

/** The version of the JSON that `status --format json` writes (docs/json.md): raised only when a key changes meaning or goes. */
export const STATUS_SCHEMA = 1;

export interface Status {
  schema: typeof STATUS_SCHEMA;
  database: { path: string; bytes: number; schema_version: number | null };
  events: { count: number; first: string | null; last: string | null };
  aggregates: { first_day: string | null; last_day: string | null };
  sources: Row[];
  last_run: Row | null;
}

export const SOURCE_COLUMNS: Column[] = [
  { key: 'path', header: 'source (last read as)', numeric: false, clip: 'start' },
  { key: 'format', header: 'format', numeric: false, blank: '-' },
  { key: 'fingerprint', header: 'fingerprint', numeric: false },
  { key: 'bytes_read', header: 'bytes read', numeric: true },
  { key: 'last_ingest', header: 'last ingest (UTC)', numeric: false, show: (iso) => iso.slice(0, 16).replace('T', ' ') },
];

/**
 * The sources read, the last read first: what `status` and `sources` show. first_time and last_time are the
 * span of the failures, deliveries and messages received read from each (null when it held none).
 */
export function sourceList(db: Db): Row[] {
  return db
    .prepare(
      `SELECT path, format, substr(head_hash, 1, 12) AS fingerprint, "offset" AS bytes_read,
              lines, failures, deliveries, first_time, last_time, first_ingest, last_ingest
       FROM sources ORDER BY last_ingest DESC, id DESC`,
    )
    .all() as Row[];
}

/** The database's size: the SQLite file (its -wal aside), or all PostgreSQL holds of the database. */
function databaseBytes(db: Db, path: string): number {
  if (isPostgres(db)) return Number(db.prepare('SELECT pg_database_size(current_database())').pluck().get());
  return statSync(path).size;
}

export function status(db: Db, path: string): Status {
  const version = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get() as string | undefined;
  const events = db
    .prepare(
      `SELECT count(*) AS count, (SELECT time FROM events ORDER BY time_ms LIMIT 1) AS first, (SELECT time FROM events ORDER BY time_ms DESC LIMIT 1) AS last
       FROM event_rows`,
    )
    .get() as Status['events'];
  const aggregates = db.prepare('SELECT min(day) AS first_day, max(day) AS last_day FROM failures_daily').get() as Status['aggregates'];
  const sources = sourceList(db);
  const lastRun = (db.prepare('SELECT started, finished, files, lines, failures, deliveries, skipped, seconds FROM runs ORDER BY id DESC LIMIT 1').get() as Row | undefined) ?? null;
  return {
    schema: STATUS_SCHEMA,
    database: { path: isPostgres(db) ? db.name : path, bytes: databaseBytes(db, path), schema_version: version === undefined ? null : Number(version) },
    events,
    aggregates,
    sources,
    last_run: lastRun,
  };
}
