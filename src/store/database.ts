// Opening the database: path resolution, schema application, version check.

import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import Database from 'better-sqlite3';
import { UserError } from '../errors.js';
import { packageFile } from '../package.js';
import { queuedMessagesFromEvents } from './messages.js';
import { DIRECTION_CODES, MTA_CODES, OUTCOME_CODES, ROLE_CODES } from './codes.js';
import { textHash } from './interned.js';
import { isPostgresUrl } from './postgres/url.js';
import { openPostgres } from './postgres/open.js';

/** A prepared statement, as better-sqlite3 has it; PostgreSQL's (store/postgres/connection.ts) behaves the same. */
export interface Statement {
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  iterate(...params: unknown[]): IterableIterator<unknown>;
  pluck(toggle?: boolean): Statement;
  raw(toggle?: boolean): Statement;
}

/** The database the store and the reports use: an SQLite file, or PostgreSQL (engine 'postgres'). */
export interface Db {
  prepare(sql: string): Statement;
  exec(sql: string): unknown;
  transaction<R>(fn: () => R): { (): R; immediate(): R };
  pragma(source: string, options?: { simple?: boolean }): unknown;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  function(name: string, options: { deterministic?: boolean }, fn: (...args: any[]) => unknown): unknown;
  close(): unknown;
  readonly name: string;
  readonly inTransaction: boolean;
  readonly engine?: 'postgres';
}

export const isPostgres = (db: Db): boolean => db.engine === 'postgres';

/** How long a writer waits for another to finish before giving up. */
const BUSY_TIMEOUT_MS = 10_000;

/** The schema version this program writes; schema.sql describes exactly this version. */
export const SCHEMA_VERSION = 11;

/**
 * What each older version lacks that schema.sql's CREATE ... IF NOT EXISTS
 * cannot add, by the version it upgrades from: 2 → 3 gives events their
 * confidence; 3 → 4 gives sources the time span of what was read from them,
 * as far as the stored failures tell (deliveries were counted by day only),
 * and deliveries a direction, in their key, so that table is rebuilt and its
 * old rows, which could not tell, are outbound; 4 → 5 gives deliveries their
 * bytes, unknown (0) for what was read before (received_daily is new: schema.sql
 * creates it); 5 → 6 adds problems_daily, and 6 → 7 traffic_hourly,
 * delays_daily and parties_daily, which schema.sql creates, empty for what
 * was read before; 7 → 8 adds without_context_daily, filled below; 8 → 9
 * gives every daily aggregate a source in its key: each table is set aside
 * here, created again by schema.sql and filled below (its rows are source 0,
 * read before sources were counted apart), and runs record their site rules;
 * 9 → 10 moves the events, failed messages and parties into narrow rows
 * (narrowEvents); 10 → 11 keys sources and the carried state by the host
 * whose logs they are (their origin), so that many hosts can share a
 * database: the carried state moves in its fill, after fill 3 has read it.
 */
const UPGRADES: Record<number, string | ((db: Db) => void)> = {
  2: 'ALTER TABLE events ADD COLUMN confidence REAL',
  3: `ALTER TABLE sources ADD COLUMN first_time TEXT;
      ALTER TABLE sources ADD COLUMN last_time TEXT;
      UPDATE sources SET first_time = (SELECT min(time) FROM events WHERE source_id = sources.id),
                         last_time = (SELECT max(time) FROM events WHERE source_id = sources.id);
      ALTER TABLE deliveries_daily RENAME TO deliveries_daily_v3;
      CREATE TABLE deliveries_daily (day TEXT NOT NULL, host TEXT NOT NULL, mta TEXT NOT NULL, direction TEXT NOT NULL,
        recipient_domain TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (day, host, mta, direction, recipient_domain)) WITHOUT ROWID;
      INSERT INTO deliveries_daily SELECT day, host, mta, 'outbound', recipient_domain, count FROM deliveries_daily_v3;
      DROP TABLE deliveries_daily_v3;`,
  4: 'ALTER TABLE deliveries_daily ADD COLUMN bytes INTEGER NOT NULL DEFAULT 0',
  // A table a version before 7 lacks is created by schema.sql as it is now: only those there are set aside.
  8: (db) => {
    for (const table of presentTables(db, AGGREGATE_TABLES)) db.exec(`ALTER TABLE ${table} RENAME TO ${table}_v8`);
    db.exec('ALTER TABLE sources ADD COLUMN counted_apart INTEGER NOT NULL DEFAULT 0; ALTER TABLE runs ADD COLUMN rules_path TEXT; ALTER TABLE runs ADD COLUMN rules_hash TEXT');
  },
  9: narrowEvents,
  10: addOrigin,
};

/** Version 11's column of sources, which schema.sql indexes: an upgrade that applies schema.sql on the way (9 → 10) adds it first. */
function addOrigin(db: Db): void {
  const has = db.prepare("SELECT count(*) FROM pragma_table_info('sources') WHERE name = 'origin'").pluck().get() === 1;
  if (!has) db.exec("ALTER TABLE sources ADD COLUMN origin TEXT NOT NULL DEFAULT ''");
}

/** The SQL function of textHash, registered only while the rows are moved: no index or view names it. */
const TEXT_HASH = 'maillog_text_hash';

/**
 * Schema version 10 stores each failure, failed message and party count as a
 * narrow row naming its texts by id (schema.sql). The views that take the old
 * tables' names need the new tables, so schema.sql is applied here already
 * (it is idempotent), and the rows are moved before the fills of older
 * versions read them. failed_messages goes first: renaming the tables would
 * point it at the old rows. schema.sql makes it again. A version before 4 has
 * no failed messages: fill 3 makes them; one before 7 no parties; one before
 * 9 parties of source 0.
 */
function narrowEvents(db: Db): void {
  const hasMessages = presentTables(db, ['messages']).length > 0;
  const hasParties = presentTables(db, ['parties_daily']).length > 0;
  addOrigin(db);
  db.exec('DROP VIEW IF EXISTS failed_messages; ALTER TABLE events RENAME TO events_v9');
  if (hasMessages) db.exec('ALTER TABLE messages RENAME TO messages_v9');
  if (hasParties) db.exec('ALTER TABLE parties_daily RENAME TO parties_daily_v9');
  db.exec(schemaText());
  db.function(TEXT_HASH, { deterministic: true }, (text) => textHash(String(text)));
  const texts = ['host', 'sender', 'recipient_domain', 'relay', 'enhanced_status', 'stage', 'cause', 'rule'];
  const messageTexts = ['host', 'recipient_domain', 'cause'];
  const selects = [...texts.map((c) => `SELECT ${c} AS v FROM events_v9`), ...(hasMessages ? messageTexts.map((c) => `SELECT ${c} FROM messages_v9`) : [])];
  const idOf = (column: string) => `(SELECT id FROM strings WHERE value = ${column})`;
  const codeOf = (column: string, codes: Readonly<Record<string, number>>) => `CASE ${column} ${Object.entries(codes).map(([name, code]) => `WHEN '${name}' THEN ${code}`).join(' ')} END`;
  const codes = `${codeOf('mta', MTA_CODES)}, ${codeOf('direction', DIRECTION_CODES)}, ${codeOf('outcome', OUTCOME_CODES)}`;
  const ms = (column: string) => `CAST(round((julianday(${column}) - 2440587.5) * 86400000) AS INTEGER)`;
  db.exec(`INSERT OR IGNORE INTO strings (value) SELECT v FROM (${selects.join(' UNION ')}) WHERE v IS NOT NULL ORDER BY v;
    INSERT INTO diagnostics (hash, fingerprint, text) SELECT ${TEXT_HASH}(diagnostic), fingerprint, diagnostic FROM events_v9
      WHERE id IN (SELECT max(id) FROM events_v9 GROUP BY diagnostic) ORDER BY id DESC;
    INSERT INTO event_rows (id, time, mta, direction, outcome, ${texts.join(', ')}, queue_id, recipient, reply_code, diagnostic, source_id, line, confidence)
      SELECT id, ${ms('time')}, ${codes}, ${texts.map(idOf).join(', ')},
        queue_id, recipient, reply_code, (SELECT id FROM diagnostics WHERE hash = ${TEXT_HASH}(diagnostic) AND text = diagnostic), source_id, line, CAST(round(confidence * 1000) AS INTEGER)
      FROM events_v9;
    DROP TABLE events_v9`);
  if (hasParties) {
    const countedApart = db.prepare("SELECT count(*) FROM pragma_table_info('parties_daily_v9') WHERE name = 'source_id'").pluck().get() === 1;
    db.exec(`INSERT OR IGNORE INTO strings (value) SELECT host FROM parties_daily_v9 UNION SELECT party FROM parties_daily_v9;
      INSERT INTO party_rows (day, host, mta, role, party, count, bytes, source_id)
        SELECT CAST(julianday(day) - 2440587.5 AS INTEGER), ${idOf('host')}, ${codeOf('mta', MTA_CODES)}, ${codeOf('role', ROLE_CODES)}, ${idOf('party')},
          count, bytes, ${countedApart ? 'source_id' : 0} FROM parties_daily_v9;
      DROP TABLE parties_daily_v9`);
  }
  if (!hasMessages) return;
  db.exec(`INSERT INTO message_rows (mta, direction, outcome, fate, ${messageTexts.join(', ')}, queue_id, recipient, attempts, first_failure, last_failure)
      SELECT ${codes}, ${codeOf('fate', OUTCOME_CODES)}, ${messageTexts.map(idOf).join(', ')}, queue_id, recipient, attempts,
        ${ms('first_failure')}, ${ms('last_failure')} FROM messages_v9;
    DROP TABLE messages_v9`);
}

/** The daily aggregates as stored: each has a source in its key (schema version 9). parties_daily is party_rows since version 10. */
export const AGGREGATE_TABLES = [
  'failures_daily',
  'without_context_daily',
  'deliveries_daily',
  'received_daily',
  'problems_daily',
  'traffic_hourly',
  'delays_daily',
  'party_rows',
] as const;

function presentTables(db: Db, names: readonly string[]): string[] {
  const present = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
  return names.filter((name) => present.has(name));
}

/**
 * What each older version's rows need in tables schema.sql has just created,
 * by the version it upgrades from: 3 → 4 rebuilds the failed messages from
 * the events still kept (store/messages.ts says how); 7 → 8 counts the
 * failures without context among the events still kept (older days, whose
 * events are pruned, count none); 8 → 9 moves each aggregate's rows into
 * its new table as source 0's; 10 → 11 files what was read before under
 * this machine's host name (it read them, as it is the one upgrading), and
 * keys carried deferrals without NUL, which PostgreSQL's texts cannot hold.
 */
const FILLS: Record<number, string | ((db: Db) => void)> = {
  3: queuedMessagesFromEvents,
  7: `INSERT INTO without_context_daily (day, host, mta, direction, outcome, count)
      SELECT substr(time, 1, 10), host, mta, direction, outcome, count(*) FROM events
      WHERE direction <> 'inbound' AND (sender IS NULL OR recipient IS NULL)
      GROUP BY substr(time, 1, 10), host, mta, direction, outcome`,
  8: (db) => {
    for (const old of presentTables(db, AGGREGATE_TABLES.map((table) => `${table}_v8`))) {
      const columns = (db.prepare(`SELECT name FROM pragma_table_info('${old}')`).pluck().all() as string[]).join(', ');
      db.exec(`INSERT INTO ${old.slice(0, -'_v8'.length)} (${columns}, source_id) SELECT ${columns}, 0 FROM ${old}; DROP TABLE ${old}`);
    }
  },
  10: (db) => {
    db.prepare('UPDATE sources SET origin = ?').run(hostname());
    db.exec('ALTER TABLE carryover RENAME TO carryover_v10');
    db.exec(schemaText());
    db.prepare(`INSERT INTO carryover (origin, mta, kind, key, value, since)
      SELECT ?, mta, kind, replace(key, char(0), char(1)), value, since FROM carryover_v10`).run(hostname());
    db.exec('DROP TABLE carryover_v10');
  },
};

function runStep(db: Db, step: string | ((db: Db) => void) | undefined): void {
  if (typeof step === 'function') step(db);
  else if (step) db.exec(step);
}

/** `--db`, else `MAILLOG_DB`, else `./maillog.db`; an SQLite path may be written `sqlite:path`. */
export function databasePath(flag: string | undefined): string {
  return (flag || process.env.MAILLOG_DB || 'maillog.db').replace(/^sqlite:/, '');
}

function schemaText(file = 'schema.sql'): string {
  return readFileSync(packageFile(file), 'utf8');
}

export interface OpenOptions {
  /** Reports never write and never create a database. */
  readonly?: boolean;
  /** A command that changes what is stored, but only ingest creates a database. */
  existing?: boolean;
  /** How long to wait for another run's write lock, in milliseconds. */
  waitMs?: number;
}

export function openDatabase(path: string, options: OpenOptions = {}): Db {
  if (isPostgresUrl(path)) return openPostgres(path, options, schemaText('schema.postgres.sql'), SCHEMA_VERSION);
  if ((options.readonly || options.existing) && !existsSync(path)) {
    throw new UserError(`no database at ${path}: run 'maillog ingest' first, or name one with --db`);
  }
  if (!options.readonly) createPrivately(path);
  let db: Db | undefined;
  try {
    // A read opens the file for writing too, and then refuses to write: a
    // read-only connection to a WAL database creates its -wal and -shm files
    // and, unable to write, cannot remove them as the last one to close
    // does. Without write access SQLite opens it read-only all the same.
    db = new Database(path, { fileMustExist: options.readonly ?? false });
    if (options.readonly) db.pragma('query_only = ON');
    db.pragma(`busy_timeout = ${options.waitMs ?? BUSY_TIMEOUT_MS}`);
    if (!options.readonly) {
      // Before the first write: the pragmas below already change another program's file.
      refuseForeign(db, path);
      // Large pages suit rows of a few hundred bytes written in bulk; it only takes on a new database.
      db.pragma('page_size = 16384');
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      // 16 MiB: a 200 MB ingest runs as fast as with 64 MiB (4.8-5.4 s either way) and peaks 55 MB lower.
      db.pragma('cache_size = -16384');
    }
    migrate(db, options.readonly ?? false);
  } catch (error) {
    db?.close();
    if (error instanceof OlderSchema) {
      openDatabase(path, { waitMs: options.waitMs }).close();
      return openDatabase(path, options);
    }
    if (error instanceof UserError) throw error;
    throw storageError(error, path, 'nothing was written') ?? new UserError(`cannot use database ${path}: ${(error as Error).message}`);
  }
  return db;
}

/**
 * A new database holds mail addresses: it is created 0640 less what the umask
 * takes away, not world-readable. SQLite gives its -wal and -shm files the
 * database's mode. An existing file keeps its mode.
 */
function createPrivately(path: string): void {
  try {
    closeSync(openSync(path, 'wx', 0o640));
  } catch {
    // It exists, or cannot be created: SQLite opens it or says why in its own words.
  }
}

/** A file with tables but no maillog schema version belongs to another program: adding ours would damage it. */
function refuseForeign(db: Db, path: string): void {
  if (storedVersion(db) !== null) return;
  const names = db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite!_%' ESCAPE '!' ORDER BY name").pluck().all() as string[];
  if (names.length === 0) return;
  const shown = names.length > 10 ? [...names.slice(0, 10), `and ${names.length - 10} more`] : names;
  throw new UserError(`${path} is an SQLite database of another program (tables: ${shown.join(', ')}); maillog will not write into it`);
}

/** A full disk or a failed write, said so the user can act, with what it left unchanged; null for any other error. */
export function storageError(error: unknown, path: string, unchanged: string): UserError | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (code === 'SQLITE_FULL') return new UserError(`the disk holding ${path} is full; ${unchanged} (free space and run again)`);
  if (code.startsWith('SQLITE_IOERR')) return new UserError(`${path}: ${(error as Error).message}; ${unchanged}`);
  return null;
}

function storedVersion(db: Db): number | null {
  const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get();
  if (!hasMeta) return null;
  const row = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string } | undefined;
  return row ? Number(row.value) : null;
}

/** A read of a database an older maillog wrote: it is upgraded first, as a write would. */
class OlderSchema extends Error {}

function migrate(db: Db, readonly: boolean): void {
  const version = storedVersion(db);
  if (version !== null && version > SCHEMA_VERSION) {
    throw new UserError(`database schema version ${version} is newer than this maillog understands (${SCHEMA_VERSION}); upgrade maillog`);
  }
  if (readonly) {
    if (version === null) throw new UserError('not a maillog database (no schema version)');
    if (version < SCHEMA_VERSION) throw new OlderSchema();
    return;
  }
  if (version === SCHEMA_VERSION) return; // nothing to write: a running ingest is no obstacle
  // The upgrades from the stored version, then the idempotent schema, in one
  // transaction. IMMEDIATE: wait for the write lock (busy_timeout) rather than
  // fail on upgrading a read.
  db.transaction(() => {
    for (let from = version ?? SCHEMA_VERSION; from < SCHEMA_VERSION; from++) runStep(db, UPGRADES[from]);
    db.exec(schemaText());
    for (let from = version ?? SCHEMA_VERSION; from < SCHEMA_VERSION; from++) runStep(db, FILLS[from]);
    db.prepare("INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(String(SCHEMA_VERSION));
  }).immediate();
}
