// A database an older maillog wrote is upgraded in place by the first command
// that opens it, reads included, and keeps every row.

import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostname } from 'node:os';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase, SCHEMA_VERSION } from '../src/store/database.js';
import { aggregateRows, cli, downgrade, SAMPLES, tempDir } from './helpers.js';

/** A database of these logs as an older schema version left it (test/helpers.ts says what each version lacks). */
function olderDatabase(version: 2 | 3 | 4 | 5 | 6 | 7 | 8, args: string[]): string {
  const db = join(tempDir(), 'old.db');
  expect(cli(['ingest', '--db', db, '--year', '2026', ...args]).status).toBe(0);
  const raw = new Database(db);
  downgrade(raw, version);
  raw.close();
  return db;
}

/** Version 2: events without their confidence, and none of the later additions. */
const versionTwo = () => olderDatabase(2, [join(SAMPLES, 'postfix', 'syslog-rfc3164.log')]);

describe('a version 2 database', () => {
  it('is upgraded by a report, which then answers with every event', () => {
    const db = versionTwo();
    const report = cli(['report', '--db', db, '--format', 'json']);
    expect(report.status).toBe(0);
    expect((JSON.parse(report.stdout) as { total: number }).total).toBeGreaterThan(0);
    const check = openDatabase(db, { readonly: true });
    expect(check.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get()).toBe(String(SCHEMA_VERSION));
    expect(check.prepare('SELECT count(*) FROM events WHERE confidence IS NULL').pluck().get()).toBe(check.prepare('SELECT count(*) FROM events').pluck().get());
    check.close();
  });

  it('exports its old events with an empty confidence, and reclassify fills it in', () => {
    const db = versionTwo();
    const before = cli(['export', '--db', db, '--format', 'ndjson']).stdout.trim().split('\n').map((l) => JSON.parse(l) as { confidence: number | null });
    expect(before.every((e) => e.confidence === null)).toBe(true);
    expect(cli(['reclassify', '--db', db]).status).toBe(0);
    const after = cli(['export', '--db', db, '--format', 'ndjson']).stdout.trim().split('\n').map((l) => JSON.parse(l) as { confidence: number | null; cause: string });
    expect(after).toHaveLength(before.length);
    expect(after.every((e) => typeof e.confidence === 'number' && (e.cause === 'unclassified' ? e.confidence === 0 : e.confidence >= 0.75))).toBe(true);
  });
});

/** Version 3: sources without their time span, no failed messages. */
const versionThree = () => olderDatabase(3, ['--tz', 'UTC', join(SAMPLES, 'qmail', 'qmail-send.multilog'), join(SAMPLES, 'postfix', 'maillog_file.log')]);

describe('a version 3 database', () => {
  it('gets its sources’ time spans from the stored failures, so a report names only the sources of its period', () => {
    const db = versionThree();
    const sources = (args: string[]) =>
      (JSON.parse(cli(['report', '--db', db, ...args, '--format', 'json']).stdout) as { coverage: { source: string }[] }).coverage.map((c) => c.source);
    expect(sources(['--since', '2026-11-22T21:00Z'])).toEqual([join(SAMPLES, 'postfix', 'maillog_file.log')]);
    const check = openDatabase(db, { readonly: true });
    expect(check.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get()).toBe(String(SCHEMA_VERSION));
    expect(check.prepare('SELECT min(first_time) FROM sources').pluck().get()).toBe(check.prepare('SELECT min(time) FROM events').pluck().get());
    check.close();
  });

  it('keeps every delivery, as outbound, and the next ingest tells local ones apart', () => {
    const db = versionThree();
    const raw = new Database(db, { readonly: true });
    const delivered = raw.prepare('SELECT sum(count) FROM deliveries_daily').pluck().get() as number;
    raw.close();
    expect(delivered).toBeGreaterThan(0);
    const report = cli(['report', '--db', db, '--by', 'domain', '--format', 'json']);
    expect(report.status).toBe(0);
    const check = openDatabase(db, { readonly: true });
    expect(check.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get()).toBe(String(SCHEMA_VERSION));
    expect(check.prepare('SELECT direction, sum(count) AS n FROM deliveries_daily GROUP BY direction').all()).toEqual([{ direction: 'outbound', n: delivered }]);
    check.close();
    expect(cli(['ingest', '--db', db, '--year', '2026', join(SAMPLES, 'postfix', 'syslog-rfc3164.log')]).status).toBe(0);
    const after = openDatabase(db, { readonly: true });
    expect(after.prepare("SELECT count(*) FROM deliveries_daily WHERE direction = 'local'").pluck().get()).toBeGreaterThan(0);
    after.close();
  });
});

describe('a version 4 database', () => {
  it('keeps its deliveries, with no bytes, and counts what the next ingest receives', () => {
    const db = olderDatabase(4, [join(SAMPLES, 'exim', 'mainlog')]);
    const summaryOf = () => (JSON.parse(cli(['report', '--db', db, '--format', 'json']).stdout) as { summary: Record<string, number> }).summary;
    expect(summaryOf()).toMatchObject({ received: 0, received_bytes: 0, delivered: 55, delivered_bytes: 0 });
    const check = openDatabase(db, { readonly: true });
    expect(check.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get()).toBe(String(SCHEMA_VERSION));
    check.close();
    expect(cli(['ingest', '--db', db, '--year', '2026', join(SAMPLES, 'qmail', 'qmail-send.multilog')]).status).toBe(0);
    expect(summaryOf().received).toBeGreaterThan(0);
  });
});

describe('a version 5 database', () => {
  it('keeps what it holds and counts the MTA problems the next ingest reads', () => {
    const db = olderDatabase(5, [join(SAMPLES, 'exim', 'mainlog')]);
    const reportOf = () => JSON.parse(cli(['report', '--db', db, '--format', 'json']).stdout) as { summary: Record<string, number>; mta_problems: unknown[] };
    expect(reportOf()).toMatchObject({ summary: { delivered: 55 }, mta_problems: [] });
    const check = openDatabase(db, { readonly: true });
    expect(check.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get()).toBe(String(SCHEMA_VERSION));
    check.close();
    expect(cli(['ingest', '--db', db, '--year', '2026', join(SAMPLES, 'qmail', 'qmail-send.multilog')]).status).toBe(0);
    expect(reportOf().mta_problems).toEqual([
      { severity: 'warning', mta: 'qmail', program: 'qmail-send', count: 1, example: 'trouble opening remote/0/30099; will try again later' },
    ]);
  });
});

describe('a version 6 database', () => {
  const tables = (db: string) => {
    const check = openDatabase(db, { readonly: true });
    try {
      return check.prepare("SELECT (SELECT count(*) FROM traffic_hourly) + (SELECT count(*) FROM delays_daily) + (SELECT count(*) FROM parties_daily) AS n").pluck().get();
    } finally {
      check.close();
    }
  };

  it('keeps what it holds, with no traffic, delays or parties for it, and counts those of the next ingest', () => {
    const db = olderDatabase(6, [join(SAMPLES, 'exim', 'mainlog')]);
    expect(cli(['report', '--db', db, '--format', 'json']).status).toBe(0);
    expect(tables(db)).toBe(0);
    expect(cli(['ingest', '--db', db, '--year', '2026', join(SAMPLES, 'qmail', 'qmail-send.multilog')]).status).toBe(0);
    const check = openDatabase(db, { readonly: true });
    expect(check.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get()).toBe(String(SCHEMA_VERSION));
    expect(check.prepare("SELECT mta, sum(count) AS n FROM traffic_hourly WHERE kind = 'delivered' GROUP BY mta").all()).toEqual([{ mta: 'qmail', n: 7 }]);
    expect(check.prepare('SELECT sum(count) AS n FROM deliveries_daily').pluck().get()).toBe(55 + 7);
    check.close();
  });

  it('gives the sizes version 6 carried to the deliveries of the next night, with no delay', () => {
    const dir = tempDir();
    const lines = readFileSync(join(SAMPLES, 'qmail', 'qmail-send.multilog'), 'utf8').split('\n');
    // Message 30017 is received and deferred in the first night, delivered in the second.
    const half = lines.findIndex((l) => l.endsWith('starting delivery 6: msg 30017 to remote grey@greylist.example'));
    writeFileSync(join(dir, 'current.1'), `${lines.slice(0, half).join('\n')}\n`);
    writeFileSync(join(dir, 'current'), lines.slice(half).join('\n'));
    const db = join(dir, 'old.db');
    expect(cli(['ingest', '--db', db, join(dir, 'current.1')]).status).toBe(0);
    const raw = new Database(db);
    downgrade(raw, 6);
    expect(raw.prepare("SELECT value FROM carryover WHERE kind = 'size' AND key = '30017'").pluck().get()).toBe('2392');
    raw.close();
    expect(cli(['ingest', '--db', db, join(dir, 'current')]).status).toBe(0);
    const check = openDatabase(db, { readonly: true });
    expect(check.prepare("SELECT sum(count) AS n, sum(bytes) AS bytes FROM parties_daily WHERE role = 'relay' AND party = '[192.0.2.23]'").get()).toEqual({ n: 1, bytes: 2392 });
    // Every delivery of the second night has its delay but that one: version 6 did not carry its arrival time.
    expect(check.prepare('SELECT (SELECT sum(count) FROM deliveries_daily) - (SELECT sum(count) FROM delays_daily)').pluck().get()).toBe(1);
    check.close();
  });
});

describe('a version 8 database', () => {
  const POSTFIX = join(SAMPLES, 'postfix', 'syslog-rfc3164.log');

  it('keeps every daily count, as read before sources were counted apart, and reports as before', () => {
    const args = ['--tz', 'UTC', POSTFIX, join(SAMPLES, 'exim', 'mainlog')];
    const db = olderDatabase(8, args);
    const current = join(tempDir(), 'current.db');
    expect(cli(['ingest', '--db', current, '--year', '2026', ...args]).status).toBe(0);
    const report = (path: string) => cli(['report', '--db', path, '--tz', 'UTC', '--format', 'json']).stdout;
    expect(report(db)).toBe(report(current));
    expect(aggregateRows(db)).toEqual(aggregateRows(current));
    const check = openDatabase(db, { readonly: true });
    expect(check.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get()).toBe(String(SCHEMA_VERSION));
    expect(check.prepare('SELECT DISTINCT source_id FROM failures_daily').pluck().all()).toEqual([0]);
    check.close();
  });

  it('refuses to forget a source read then, and forgets one read since', () => {
    const db = olderDatabase(8, [POSTFIX]);
    const refused = cli(['forget', '--db', db, POSTFIX]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe(
      `maillog: ${POSTFIX} was read before each file's daily counts were kept apart (schema version 9): its counts cannot be taken out of the aggregates, so it cannot be forgotten\n`,
    );
    const before = aggregateRows(db);
    expect(cli(['ingest', '--db', db, join(SAMPLES, 'qmail', 'qmail-send.multilog')]).status).toBe(0);
    expect(cli(['forget', '--db', db, join(SAMPLES, 'qmail', 'qmail-send.multilog')]).status).toBe(0);
    expect(aggregateRows(db)).toEqual(before);
  });
});

describe('a version 9 database', () => {
  it('moves its events and failed messages into narrow rows, and exports and reports them as before', () => {
    const args = ['--tz', 'UTC', join(SAMPLES, 'postfix', 'syslog-rfc3164.log'), join(SAMPLES, 'exim', 'mainlog'), join(SAMPLES, 'qmail', 'qmail-send.multilog')];
    const current = join(tempDir(), 'current.db');
    expect(cli(['ingest', '--db', current, '--year', '2026', ...args]).status).toBe(0);
    const db = join(tempDir(), 'old.db');
    copyFileSync(current, db);
    const raw = new Database(db);
    downgrade(raw, 9);
    expect(raw.prepare("SELECT type FROM sqlite_master WHERE name = 'events'").pluck().get()).toBe('table');
    raw.close();
    const exported = (path: string, format: string) => cli(['export', '--db', path, '--format', format]).stdout;
    const csv = exported(current, 'csv');
    expect(csv.split('\n').length).toBeGreaterThan(100);
    expect(exported(db, 'csv')).toBe(csv);
    expect(exported(db, 'ndjson')).toBe(exported(current, 'ndjson'));
    const report = (path: string) => cli(['report', '--db', path, '--tz', 'UTC', '--by', 'reason', '--format', 'json']).stdout;
    expect(report(db)).toBe(report(current));
    const check = openDatabase(db, { readonly: true });
    expect(check.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get()).toBe(String(SCHEMA_VERSION));
    expect(check.prepare("SELECT type FROM sqlite_master WHERE name = 'events'").pluck().get()).toBe('view');
    const messages = 'SELECT * FROM messages ORDER BY mta, host, queue_id, recipient';
    expect(check.prepare(messages).all()).toEqual(new Database(current, { readonly: true }).prepare(messages).all());
    expect(check.prepare("SELECT count(*) FROM messages WHERE fate = 'delivered'").pluck().get()).toBeGreaterThan(0);
    expect(check.prepare('SELECT count(*) FROM failed_messages').pluck().get()).toBeGreaterThan(0);
    check.close();
  });
});

describe('a version 10 database', () => {
  it("files its sources and carried state under this machine's name, so the next run resumes where it stopped", () => {
    const log = join(SAMPLES, 'postfix', 'syslog-rfc3164.log');
    const lines = readFileSync(log, 'utf8').split('\n');
    const dir = tempDir();
    const growing = join(dir, 'mail.log');
    writeFileSync(growing, `${lines.slice(0, 200).join('\n')}\n`);
    const db = join(dir, 'old.db');
    expect(cli(['ingest', '--db', db, '--year', '2026', growing]).status).toBe(0);
    const raw = new Database(db);
    downgrade(raw, 10);
    expect(raw.prepare('SELECT count(*) FROM carryover').pluck().get()).toBeGreaterThan(0);
    raw.close();
    writeFileSync(growing, lines.join('\n'));
    expect(cli(['ingest', '--db', db, '--year', '2026', growing]).status).toBe(0);
    const whole = join(dir, 'whole.db');
    expect(cli(['ingest', '--db', whole, '--year', '2026', growing]).status).toBe(0);
    const upgraded = new Database(db, { readonly: true });
    expect(upgraded.prepare('SELECT DISTINCT origin FROM sources').pluck().all()).toEqual([hostname()]);
    upgraded.close();
    // Delays' sums in floating point differ in the last digits when read in two parts: the failures and messages do not.
    const read = (path: string) => ['export', 'report'].map((command) => cli([command, '--db', path, '--tz', 'UTC', '--format', 'csv']).stdout);
    expect(read(db)).toEqual(read(whole));
  });
});
