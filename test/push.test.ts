// push sends a host's SQLite database to the central PostgreSQL one: what it
// has not sent, in one transaction, with the result of ingesting there directly.

import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openDatabase, type Db } from '../src/store/database.js';
import { push } from '../src/store/push.js';
import { cli, describeWithPostgres, freshPostgresDatabase, SAMPLES, tempDir } from './helpers.js';

const SAMPLE_FILES = ['postfix', 'exim', 'qmail'].flatMap((dir) => readdirSync(join(SAMPLES, dir)).map((file) => join(SAMPLES, dir, file)));
const INGEST = ['--host', 'mx1', '--year', '2026', '--tz', 'UTC'];

function ok(args: string[]): string {
  const run = cli(args);
  expect(run.stderr).not.toMatch(/^maillog:/m);
  expect(run.status).toBe(0);
  return run.stdout;
}

/** What reports read: the same for two databases holding the same data, whatever their ids. */
function reports(db: string): Record<string, string> {
  return {
    byHostCause: ok(['report', '--db', db, '--by', 'host,cause', '--format', 'csv', '--since', '2000-01-01', '--tz', 'UTC']),
    aggregates: ok(['export', '--db', db, '--what', 'aggregates', '--format', 'csv']),
    events: ok(['export', '--db', db, '--what', 'events', '--format', 'csv']),
  };
}

const TEXTS = ['strings', 'diagnostics'];
const ROWS = ['sources', 'event_rows', 'message_rows', 'failures_daily', 'deliveries_daily', 'party_rows', 'runs'];

/** Tables' rows, in a stable order: what a push that changes nothing leaves as it was. */
function contents(url: string, tables = [...TEXTS, ...ROWS]): Record<string, unknown[]> {
  const db = openDatabase(url, { readonly: true });
  try {
    return Object.fromEntries(tables.map((table) => [table, db.prepare(`SELECT * FROM ${table}`).all().map((row) => JSON.stringify(row)).sort()]));
  } finally {
    db.close();
  }
}

/** The first `bytes` of a file and the rest of its line. */
function firstPart(file: string, bytes: number): Buffer {
  const whole = readFileSync(file);
  return whole.subarray(0, whole.indexOf('\n', bytes) + 1);
}

describeWithPostgres('push', () => {
  it('gives the central database what ingesting the same logs there directly gives', async () => {
    const [pushed, direct] = [await freshPostgresDatabase(), await freshPostgresDatabase()];
    const local = join(tempDir(), 'local.db');
    ok(['ingest', '--db', local, ...INGEST, ...SAMPLE_FILES]);
    const run = cli(['push', '--from', local, '--to', pushed]);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(new RegExp(`^pushed ${SAMPLE_FILES.length} sources \\(0 unchanged skipped\\): [1-9]\\d* failure events, [1-9]\\d* daily count rows\\n$`));
    ok(['ingest', '--db', direct, ...INGEST, ...SAMPLE_FILES]);
    const expected = reports(direct);
    expect(expected.byHostCause.trim().split('\n').length).toBeGreaterThan(10);
    expect(reports(pushed)).toEqual(expected);
  });

  it('adds and changes nothing when pushed again', async () => {
    const central = await freshPostgresDatabase();
    const local = join(tempDir(), 'local.db');
    ok(['ingest', '--db', local, ...INGEST, ...SAMPLE_FILES]);
    ok(['push', '--from', local, '--to', central]);
    const before = contents(central);
    const again = cli(['push', '--from', local, '--to', central]);
    expect(again.stderr).toBe(`pushed 0 sources (${SAMPLE_FILES.length} unchanged skipped): 0 failure events, 0 daily count rows\n`);
    expect(contents(central)).toEqual(before);
  });

  // A source is known by a hash of its first 4096 bytes: a log shorter than that gets a new one as it grows.
  it.each([
    ['half of it', 36_000],
    ['less than its head', 2_000],
  ])('sends a log grown since the last push (%s pushed) whole, as if ingested at once', async (_, bytes) => {
    const [pushed, direct] = [await freshPostgresDatabase(), await freshPostgresDatabase()];
    const dir = tempDir();
    const [log, local] = [join(dir, 'mail.log'), join(dir, 'local.db')];
    const sample = join(SAMPLES, 'postfix', 'syslog-rfc3164.log');
    writeFileSync(log, firstPart(sample, bytes));
    ok(['ingest', '--db', local, ...INGEST, log]);
    ok(['push', '--from', local, '--to', pushed]);
    writeFileSync(log, readFileSync(sample));
    ok(['ingest', '--db', local, ...INGEST, log]);
    expect(cli(['push', '--from', local, '--to', pushed]).stderr).toMatch(/^pushed 1 source \(0 unchanged skipped\)/);
    ok(['ingest', '--db', direct, ...INGEST, log]);
    expect(reports(pushed)).toEqual(reports(direct));
  });

  it('leaves the central database as it was when stopped half-way, and the next push completes it', async () => {
    const [pushed, direct] = [await freshPostgresDatabase(), await freshPostgresDatabase()];
    const dir = tempDir();
    const local = join(dir, 'local.db');
    ok(['ingest', '--db', local, ...INGEST, SAMPLE_FILES[0]!]);
    ok(['push', '--from', local, '--to', pushed]);
    ok(['ingest', '--db', local, ...INGEST, ...SAMPLE_FILES.slice(1)]);
    // Texts are committed as they are stored, outside the push, as ingest's are: unused, they go at the next prune.
    const before = contents(pushed, ROWS);
    const [from, to] = [openDatabase(local, { readonly: true }), openDatabase(pushed)];
    try {
      expect(() => push(from, failingAfter(to, 200))).toThrow('stopped half-way');
    } finally {
      to.close();
      from.close();
    }
    expect(contents(pushed, ROWS)).toEqual(before);
    ok(['push', '--from', local, '--to', pushed]);
    ok(['ingest', '--db', direct, ...INGEST, ...SAMPLE_FILES]);
    expect(reports(pushed)).toEqual(reports(direct));
  });

  it('says in one line why it cannot push, and exits 2', async () => {
    const dir = tempDir();
    const local = join(dir, 'local.db');
    ok(['ingest', '--db', local, ...INGEST, SAMPLE_FILES[0]!]);
    const central = await freshPostgresDatabase();
    const refused = `postgres://maillog@localhost/maillog?host=${dir}`;
    for (const [args, message] of [
      [['--from', join(dir, 'none.db'), '--to', central], /^maillog: no database at .*none\.db/],
      [['--from', local, '--to', join(dir, 'central.db')], /^maillog: --to .*central\.db: not a PostgreSQL URL/],
      [['--from', local, '--to', refused], /^maillog: cannot connect to .*: connection refused/],
    ] as const) {
      const run = cli(['push', ...args]);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(run.status).toBe(2);
    }
  });
});

/** The central database, whose statements fail after `n` of them: a push stopped half-way. */
function failingAfter(db: Db, n: number): Db {
  let left = n;
  return new Proxy(db, {
    get(target, property, receiver) {
      if (property !== 'prepare') return Reflect.get(target, property, receiver) as unknown;
      return (sql: string) => {
        const statement = target.prepare(sql);
        return new Proxy(statement, {
          get(s, name, r) {
            const value = Reflect.get(s, name, r) as unknown;
            if (name !== 'run' || typeof value !== 'function') return typeof value === 'function' ? value.bind(s) : value;
            return (...params: unknown[]) => {
              if (--left < 0) throw new Error('stopped half-way');
              return (value as (...p: unknown[]) => unknown).apply(s, params);
            };
          },
        });
      };
    },
  });
}
