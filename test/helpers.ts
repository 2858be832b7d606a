// Shared by the integration tests: temporary databases and the built CLI.

import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, afterEach, describe, inject, it } from 'vitest';
import type { FailureEvent, LineKind, MailEvent, MtaParser } from '../parsers/events.js';
import { clockFromReference } from '../parsers/syslog.js';
import { AGGREGATE_TABLES, openDatabase, type Db } from '../src/store/database.js';
import { createDatabase } from './postgres-server.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const fileDirs: string[] = [];
afterAll(() => {
  for (const dir of fileDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh directory, removed after the test (or, with `forFile`, after the test file, for beforeAll). */
export function tempDir(forFile = false): string {
  const dir = mkdtempSync(join(tmpdir(), 'maillog-test-'));
  (forFile ? fileDirs : dirs).push(dir);
  return dir;
}

export function tempDb(): { db: Db; path: string; dir: string } {
  const dir = tempDir();
  const path = join(dir, 'test.db');
  return { db: openDatabase(path), path, dir };
}

/** Tests that need PostgreSQL: without it installed, one skipped test in their place says why. */
export function describeWithPostgres(name: string, body: () => void): void {
  if (inject('postgres') === null) it.skip(`${name}: skipped, PostgreSQL is not installed (Debian package postgresql; .ci/run installs it)`, () => {});
  else describe(name, body);
}

/** The URL of a new, empty database on the run's throwaway cluster (test/global-setup.ts). */
export function freshPostgresDatabase(): Promise<string> {
  const cluster = inject('postgres');
  if (cluster === null) throw new Error('no PostgreSQL cluster for this run: call freshPostgresDatabase within describeWithPostgres');
  // Test files run in several processes at once, all on the one cluster.
  return createDatabase(cluster, `maillog_test_${randomBytes(8).toString('hex')}`);
}

export const SAMPLES = join(import.meta.dirname, '..', 'samples');
const CLI = join(import.meta.dirname, '..', 'dist', 'src', 'cli.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Run the built CLI (npm test builds it first), in an empty directory: the
 * default ./maillog.db is never one a run of `npm start` left in the project.
 */
export function cli(args: string[], options: { input?: string | Buffer; env?: Record<string, string> } = {}): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    input: options.input,
    cwd: tempDir(),
    env: { ...process.env, MAILLOG_DB: '', ...options.env },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Failures per cause and outcome, as in samples/expected. */
export function countsByCause(db: Db): Record<string, Record<string, number>> {
  const counts: Record<string, Record<string, number>> = {};
  for (const row of db.prepare('SELECT cause, outcome, count(*) AS n FROM events GROUP BY cause, outcome').all() as { cause: string; outcome: string; n: number }[]) {
    (counts[row.cause] ??= {})[row.outcome] = row.n;
  }
  return counts;
}

/** Feed lines, as one source, to a fresh parser (RFC 3164 stamps in 2026): the events and what each line was. */
export function parseLines(parser: MtaParser, lines: string[]): { events: MailEvent[]; kinds: LineKind[] } {
  parser.beginSource(clockFromReference(new Date(2026, 11, 31), 2026));
  const events: MailEvent[] = [];
  const kinds = lines.map((line, i) => parser.parseLine(line, i + 1, events));
  parser.endSource(events);
  return { events, kinds };
}

export const failuresOf = (events: MailEvent[]) => events.filter((e): e is FailureEvent => e.kind === 'failure');

interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
}

/** How a column of a daily aggregate adds up over sources: counts, bytes and seconds add, a maximum is the largest, an example any. */
function summed(column: string): string {
  if (column === 'max_seconds') return `max(${column})`;
  if (column === 'example') return `min(${column})`;
  return `sum(${column})`;
}

/** A daily aggregate's key without its source, and the SQL that reads its rows so, in key order. */
function sourcesSummedAway(db: Db | Database.Database, table: string, from = table): { key: ColumnInfo[]; columns: ColumnInfo[]; sql: string } {
  const all = db.prepare(`SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info('${table}')`).all() as ColumnInfo[];
  const columns = all.filter((c) => c.name !== 'source_id');
  const key = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
  const names = key.map((c) => c.name).join(', ');
  const select = columns.map((c) => (c.pk > 0 ? c.name : `${summed(c.name)} AS ${c.name}`)).join(', ');
  return { key, columns, sql: `SELECT ${select} FROM ${from} GROUP BY ${names} ORDER BY ${names}` };
}

/** Every daily aggregate's rows as reports read them, each table's sources summed away, in key order. */
export function aggregateRows(path: string): Record<string, unknown[]> {
  const db = openDatabase(path, { readonly: true });
  try {
    return Object.fromEntries(AGGREGATE_TABLES.map((table) => {
      // Its ids differ from one database to another: its view's texts do not.
      const from = table === 'party_rows' ? 'parties_daily' : table;
      return [from, db.prepare(sourcesSummedAway(db, table, from).sql).all()];
    }));
  } finally {
    db.close();
  }
}

/**
 * Takes a database back to what an older schema version left, for upgrade
 * tests: every later addition is undone, the oldest last. Version 10 stored
 * the events, failed messages and parties as narrow rows naming their texts by id; version 9 gave
 * every daily aggregate a source in its key, the sources whether their counts
 * are apart, and the runs their site rules file; version 8 added the count of failures without context; version 7 traffic per hour, delays and parties, and carried a message's arrival
 * time beside its size and Postfix's clients; version 6 added the MTA's own
 * problems; version 5 added the messages received and the deliveries'
 * bytes; version 4 the failed messages, the sources' time spans and the
 * deliveries' direction; version 3 the events' confidence.
 */
export function downgrade(raw: Database.Database, to: 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10): void {
  raw.exec(`DROP INDEX sources_origin_head; ALTER TABLE sources DROP COLUMN origin;
    CREATE UNIQUE INDEX sources_head ON sources (head_length, head_hash);
    CREATE TABLE carryover_v10 (mta TEXT NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, since TEXT NOT NULL,
      PRIMARY KEY (mta, kind, key)) WITHOUT ROWID;
    INSERT INTO carryover_v10 SELECT mta, kind, replace(key, char(1), char(0)), value, since FROM carryover;
    DROP TABLE carryover; ALTER TABLE carryover_v10 RENAME TO carryover`);
  if (to === 10) {
    raw.exec("UPDATE meta SET value = '10' WHERE key = 'schema_version'");
    return;
  }
  raw.exec(`CREATE TABLE events_v9 (id INTEGER PRIMARY KEY, time TEXT NOT NULL, mta TEXT NOT NULL, host TEXT NOT NULL, queue_id TEXT,
      sender TEXT, recipient TEXT, recipient_domain TEXT NOT NULL, relay TEXT, reply_code INTEGER, enhanced_status TEXT, stage TEXT,
      outcome TEXT NOT NULL, direction TEXT NOT NULL, cause TEXT NOT NULL, rule TEXT, diagnostic TEXT NOT NULL, fingerprint TEXT NOT NULL,
      source_id INTEGER NOT NULL REFERENCES sources (id), line INTEGER NOT NULL, confidence REAL);
    INSERT INTO events_v9 SELECT id, time, mta, host, queue_id, sender, recipient, recipient_domain, relay, reply_code, enhanced_status, stage,
      outcome, direction, cause, rule, diagnostic, fingerprint, source_id, line, confidence FROM events;
    CREATE TABLE messages_v9 (mta TEXT NOT NULL, host TEXT NOT NULL, queue_id TEXT NOT NULL, recipient TEXT NOT NULL,
      recipient_domain TEXT NOT NULL, direction TEXT NOT NULL, outcome TEXT NOT NULL, cause TEXT NOT NULL, attempts INTEGER NOT NULL,
      first_failure TEXT NOT NULL, last_failure TEXT NOT NULL, fate TEXT NOT NULL, PRIMARY KEY (mta, host, queue_id, recipient)) WITHOUT ROWID;
    INSERT INTO messages_v9 SELECT mta, host, queue_id, recipient, recipient_domain, direction, outcome, cause, attempts,
      first_failure, last_failure, fate FROM messages;
    DROP VIEW failed_messages; DROP VIEW events; DROP VIEW messages; DROP TABLE event_rows; DROP TABLE message_rows;
    CREATE TABLE parties_v9 (day TEXT NOT NULL, host TEXT NOT NULL, mta TEXT NOT NULL, role TEXT NOT NULL, party TEXT NOT NULL,
      count INTEGER NOT NULL, bytes INTEGER NOT NULL, source_id INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (day, host, mta, role, party, source_id)) WITHOUT ROWID;
    INSERT INTO parties_v9 SELECT day, host, mta, role, party, count, bytes, source_id FROM parties_daily;
    DROP VIEW parties_daily; DROP TABLE party_rows; ALTER TABLE parties_v9 RENAME TO parties_daily;
    DROP TABLE diagnostics; DROP TABLE strings;
    ALTER TABLE events_v9 RENAME TO events; CREATE INDEX events_time ON events (time); ALTER TABLE messages_v9 RENAME TO messages;
    CREATE VIEW failed_messages AS
      SELECT mta, host, recipient_domain, direction, outcome, cause, attempts, first_failure, last_failure, fate FROM messages
      UNION ALL
      SELECT mta, host, recipient_domain, direction, outcome, cause, 1, time, time, outcome FROM events
      WHERE outcome = 'rejected' OR queue_id IS NULL OR recipient IS NULL`);
  if (to === 9) {
    raw.exec("UPDATE meta SET value = '9' WHERE key = 'schema_version'");
    return;
  }
  for (const table of AGGREGATE_TABLES.map((t) => (t === 'party_rows' ? 'parties_daily' : t))) {
    const { key, columns, sql } = sourcesSummedAway(raw, table);
    const definitions = columns.map((c) => `${c.name} ${c.type}${c.notnull ? ' NOT NULL' : ''}${c.dflt_value === null ? '' : ` DEFAULT ${c.dflt_value}`}`);
    raw.exec(`CREATE TABLE v8 (${definitions.join(', ')}, PRIMARY KEY (${key.map((c) => c.name).join(', ')})) WITHOUT ROWID;
      INSERT INTO v8 ${sql}; DROP TABLE ${table}; ALTER TABLE v8 RENAME TO ${table}`);
  }
  raw.exec('ALTER TABLE sources DROP COLUMN counted_apart; ALTER TABLE runs DROP COLUMN rules_path; ALTER TABLE runs DROP COLUMN rules_hash');
  if (to <= 7) raw.exec('DROP TABLE without_context_daily');
  if (to <= 6) {
    raw.exec(`DROP TABLE traffic_hourly; DROP TABLE delays_daily; DROP TABLE parties_daily;
    UPDATE carryover SET kind = 'size', value = json_extract(value, '$.size') WHERE kind = 'arrival';
    DELETE FROM carryover WHERE kind = 'client'`);
  }
  if (to <= 5) raw.exec('DROP TABLE problems_daily');
  if (to <= 4) raw.exec(`DROP TABLE received_daily; ALTER TABLE deliveries_daily DROP COLUMN bytes; DELETE FROM carryover WHERE kind = 'size'`);
  if (to <= 3) {
    raw.exec(`DROP VIEW failed_messages; DROP TABLE messages;
    ALTER TABLE sources DROP COLUMN first_time; ALTER TABLE sources DROP COLUMN last_time;
    CREATE TABLE v3 (day TEXT NOT NULL, host TEXT NOT NULL, mta TEXT NOT NULL, recipient_domain TEXT NOT NULL, count INTEGER NOT NULL,
      PRIMARY KEY (day, host, mta, recipient_domain)) WITHOUT ROWID;
    INSERT INTO v3 SELECT day, host, mta, recipient_domain, sum(count) FROM deliveries_daily GROUP BY day, host, mta, recipient_domain;
    DROP TABLE deliveries_daily; ALTER TABLE v3 RENAME TO deliveries_daily`);
  }
  if (to === 2) raw.exec('ALTER TABLE events DROP COLUMN confidence');
  raw.exec(`UPDATE meta SET value = '${to}' WHERE key = 'schema_version'`);
}

/** psql on a URL: unaligned rows, never a prompt. */
export function psql(url: string, sql: string): string {
  const result = spawnSync(join(inject('postgres')!.binDir, 'psql'), ['--no-psqlrc', '--no-password', '--tuples-only', '--no-align', '--set', 'ON_ERROR_STOP=1', '--command', sql, url], {
    env: { ...process.env, PGPASSFILE: '/dev/null' },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`psql: ${result.stderr}`);
  return result.stdout.replace(/\n$/, '');
}
