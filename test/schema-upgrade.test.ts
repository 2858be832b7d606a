// A database an older maillog wrote is upgraded in place by the first command
// that opens it, reads included, and keeps every row.

import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase, SCHEMA_VERSION } from '../src/store/database.js';
import { cli, SAMPLES, tempDir } from './helpers.js';

/** A database as schema version 2 left it: events without their confidence. */
function versionTwo(): string {
  const db = join(tempDir(), 'old.db');
  expect(cli(['ingest', '--db', db, '--year', '2026', join(SAMPLES, 'postfix', 'syslog-rfc3164.log')]).status).toBe(0);
  const raw = new Database(db);
  raw.exec("ALTER TABLE events DROP COLUMN confidence; UPDATE meta SET value = '2' WHERE key = 'schema_version'");
  raw.close();
  return db;
}

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

/** A database as schema version 3 left it: deliveries counted without their direction. */
function versionThree(): { db: string; delivered: number } {
  const db = join(tempDir(), 'old.db');
  expect(cli(['ingest', '--db', db, '--year', '2026', join(SAMPLES, 'postfix', 'syslog-rfc3164.log')]).status).toBe(0);
  const raw = new Database(db);
  raw.exec(`CREATE TABLE v3 (day TEXT NOT NULL, host TEXT NOT NULL, mta TEXT NOT NULL, recipient_domain TEXT NOT NULL, count INTEGER NOT NULL,
      PRIMARY KEY (day, host, mta, recipient_domain)) WITHOUT ROWID;
    INSERT INTO v3 SELECT day, host, mta, recipient_domain, sum(count) FROM deliveries_daily GROUP BY day, host, mta, recipient_domain;
    DROP TABLE deliveries_daily; ALTER TABLE v3 RENAME TO deliveries_daily;
    UPDATE meta SET value = '3' WHERE key = 'schema_version'`);
  const delivered = raw.prepare('SELECT sum(count) FROM deliveries_daily').pluck().get() as number;
  raw.close();
  return { db, delivered };
}

describe('a version 3 database', () => {
  it('keeps every delivery, as outbound, and the next ingest tells local ones apart', () => {
    const { db, delivered } = versionThree();
    expect(delivered).toBeGreaterThan(0);
    const report = cli(['report', '--db', db, '--by', 'domain', '--format', 'json']);
    expect(report.status).toBe(0);
    const check = openDatabase(db, { readonly: true });
    expect(check.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get()).toBe(String(SCHEMA_VERSION));
    expect(check.prepare("SELECT direction, sum(count) AS n FROM deliveries_daily GROUP BY direction").all()).toEqual([{ direction: 'outbound', n: delivered }]);
    check.close();
    expect(cli(['ingest', '--db', db, '--year', '2026', join(SAMPLES, 'postfix', 'maillog_file.log')]).status).toBe(0);
    const after = openDatabase(db, { readonly: true });
    expect(after.prepare("SELECT count(*) FROM deliveries_daily WHERE direction = 'local'").pluck().get()).toBeGreaterThan(0);
    after.close();
  });
});
