// Reports in time: the zone's days and hours, time order, --top's rows left
// out, blank rates and the coverage of the period, on the bundled samples.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/store/database.js';
import { cli, SAMPLES, tempDir } from './helpers.js';

let db: string;

beforeAll(() => {
  db = join(tempDir(true), 'maillog.db');
  const run = cli(['ingest', '--db', db, '--year', '2026', '--tz', 'UTC', join(SAMPLES, 'postfix'), join(SAMPLES, 'exim'), join(SAMPLES, 'qmail')]);
  expect(run.status).toBe(0);
});

function json(args: string[]): { rows: Record<string, unknown>[]; total: number; rows_left_out: number; coverage: { source: string }[] } {
  const run = cli(['report', '--db', db, ...args, '--format', 'json']);
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout);
}

function eventsBefore(iso: string): number {
  const check = openDatabase(db, { readonly: true });
  try {
    return Number(check.prepare('SELECT count(*) FROM events WHERE time < ?').pluck().get(iso));
  } finally {
    check.close();
  }
}

/** A database of one Postfix log written for the test (RFC 3339 stamps, so no year or zone to guess). */
function logDb(lines: string[]): string {
  const dir = tempDir();
  const log = join(dir, 'mail.log');
  writeFileSync(log, `${lines.join('\n')}\n`);
  const path = join(dir, 'm.db');
  expect(cli(['ingest', '--db', path, log]).status).toBe(0);
  return path;
}

const bounceAt = (time: string) =>
  `${time} vm postfix/smtp[844]: 50B57160055: to=<nosuchuser1@a-nouser.test>, relay=127.0.0.1[127.0.0.1]:2501, delay=0.06, delays=0.02/0.02/0/0.01, dsn=5.1.1, status=bounced (host 127.0.0.1[127.0.0.1] said: 550 5.1.1 <nosuchuser1@a-nouser.test>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command))`;

describe('--by day and --by hour', () => {
  it('list hours of the day oldest first, whatever their counts', () => {
    // The samples run from 18:00 (qmail) to 21:27 UTC (Exim); most failures are in the 21st hour.
    // The 19th has no traffic: a row of zeros, so a gap in the mail shows.
    const { rows } = json(['--by', 'hour', '--tz', 'UTC']);
    expect(rows.map((r) => r.hour)).toEqual(['18', '19', '20', '21']);
    expect(rows[1]).toMatchObject({ received: 0, delivered: 0, count: 0 });
    expect(Math.max(...rows.map((r) => Number(r.count)))).toBe(rows[3].count);
  });

  it('count the days of the report zone, in time order, from the events when the zone is not UTC', () => {
    // Moscow is UTC+3: what happened from 21:00 UTC on is the next day there.
    // Attempts, to compare with the events stored: each failure line once.
    const { rows, total } = json(['--by', 'day', '--tz', 'Europe/Moscow', '--count', 'attempts']);
    const early = eventsBefore('2026-11-22T21:00:00Z');
    expect(rows).toEqual([
      expect.objectContaining({ day: '2026-11-22', count: early }),
      expect.objectContaining({ day: '2026-11-23', count: total - early }),
    ]);
    expect(total - early).toBeGreaterThan(early);
    expect(json(['--by', 'day', '--tz', 'UTC', '--count', 'attempts']).rows).toEqual([expect.objectContaining({ day: '2026-11-22', count: total })]);
  });

  it('stay in time order under --top, which keeps the rows with the most deliveries and failure lines', () => {
    const all = json(['--by', 'hour', '--tz', 'UTC']).rows;
    // 18: 21 delivered and 105 failure lines, 20: 47 and 78; 21 the most.
    const load = (r: Record<string, unknown>) => ['delivered', 'deferred', 'bounced', 'expired', 'rejected'].reduce((sum, k) => sum + Number(r[k]), 0);
    const busiest = [...all].sort((x, y) => load(y) - load(x)).slice(0, 2);
    const { rows, rows_left_out } = json(['--by', 'hour', '--tz', 'UTC', '--top', '2']);
    expect(rows).toEqual(all.filter((r) => busiest.includes(r)));
    expect(rows.map((r) => r.hour)).toEqual(['18', '21']);
    expect(rows_left_out).toBe(2);
  });
});

describe('--tz', () => {
  it('moves a failure at 23:30 UTC into the next day east of Greenwich, for --by day and for --since', () => {
    const path = logDb([bounceAt('2026-11-22T23:30:00+00:00')]);
    const report = (args: string[]) => JSON.parse(cli(['report', '--db', path, ...args, '--format', 'json']).stdout) as { rows: { day: string }[]; total: number };
    expect(report(['--by', 'day', '--tz', 'UTC']).rows.map((r) => r.day)).toEqual(['2026-11-22']);
    expect(report(['--by', 'day', '--tz', 'Europe/Paris']).rows.map((r) => r.day)).toEqual(['2026-11-23']);
    expect(report(['--since', '2026-11-23', '--tz', 'Europe/Paris']).total).toBe(1);
    expect(report(['--since', '2026-11-23', '--tz', 'UTC']).total).toBe(0);
    expect(report(['--since', '2026-11-23', '--until', '2026-11-23', '--tz', 'Asia/Tokyo']).total).toBe(1);
  });

  it('is stated with the period in the heading of the text report', () => {
    const run = cli(['report', '--db', db, '--since', '2026-11-22', '--until', '2026-11-22', '--tz', 'Europe/Paris']);
    expect(run.stdout.split('\n')[0]).toBe('From 2026-11-22 00:00 to 2026-11-23 00:00 (Europe/Paris)');
  });

  it('gives the unclassified reasons the dates of the zone', () => {
    // Every failure of the samples is from 18:00 UTC on: the next morning in Tokyo.
    const dates = (zone: string) => cli(['unclassified', '--db', db, '--tz', zone]).stdout.match(/\d{4}-\d\d-\d\d/g);
    expect(new Set(dates('UTC'))).toEqual(new Set(['2026-11-22']));
    expect(new Set(dates('Asia/Tokyo'))).toEqual(new Set(['2026-11-23']));
  });

  it('applies to export and unclassified as to report', () => {
    const path = logDb([bounceAt('2026-11-22T23:30:00+00:00')]);
    expect(cli(['export', '--db', path, '--since', '2026-11-23', '--tz', 'Europe/Paris']).stdout.split('\r\n').filter((l) => l !== '')).toHaveLength(2);
    expect(cli(['export', '--db', path, '--since', '2026-11-23', '--tz', 'UTC']).stdout.split('\r\n').filter((l) => l !== '')).toHaveLength(1);
    expect(cli(['unclassified', '--db', path, '--since', 'yesterday', '--tz', 'Nowhere/Land']).stderr).toBe(
      'maillog: --tz Nowhere/Land: not an IANA time zone name (e.g. Europe/Paris, America/New_York, UTC)\n',
    );
  });
});

describe('--since and --until on the command line', () => {
  it('take relative forms that look like flags', () => {
    const run = cli(['report', '--db', db, '--since', '-7d', '--until', 'today', '--format', 'json']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).filters.since).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('refuse "Nov 21" in one line that shows the accepted forms, with no stack', () => {
    const run = cli(['report', '--db', db, '--since', 'Nov 21']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^maillog: --since Nov 21: not understood; give a date \(2026-11-21\), .* today, yesterday, or a time back from now \(-30m, -24h, -7d, -2w\)\n$/);
  });
});

describe('--top', () => {
  it('says how many rows it left out: a line in text, a field in JSON, nothing extra in CSV', () => {
    const all = json(['--by', 'domain']).rows.length;
    expect(json(['--by', 'domain']).rows_left_out).toBe(0);
    expect(json(['--by', 'domain', '--top', '3']).rows_left_out).toBe(all - 3);
    const text = cli(['report', '--db', db, '--by', 'domain', '--top', '3']).stdout;
    expect(text).toContain(`\n… and ${all - 3} more\n`);
    const csv = cli(['report', '--db', db, '--by', 'domain', '--top', '3', '--format', 'csv']).stdout;
    expect(csv.trimEnd().split('\r\n')).toHaveLength(4);
    expect(csv).not.toContain('more');
  });
});

describe('the failure rate', () => {
  it('of a domain with only deferrals and no deliveries is blank, not 0.0%', () => {
    const path = logDb([
      '2026-11-22T21:22:16.377861+00:00 vm postfix/smtp[844]: 50B57160056: to=<a@slow.test>, relay=none, delay=30, delays=0.02/0/30/0, dsn=4.4.1, status=deferred (connect to mx.slow.test[192.0.2.7]:25: Connection timed out)',
      bounceAt('2026-11-22T21:22:17+00:00'),
    ]);
    const report = (format: string) => cli(['report', '--db', path, '--by', 'domain', '--format', format]).stdout;
    const rows = (JSON.parse(report('json')) as { rows: { domain: string; failure_rate: number | null }[] }).rows;
    expect(rows.find((r) => r.domain === 'slow.test')?.failure_rate).toBeNull();
    expect(rows.find((r) => r.domain === 'a-nouser.test')?.failure_rate).toBe(1);
    // In text the share of failures and the delays no row has are left out, so the domain keeps its width.
    expect(report('table')).toMatch(/^slow\.test\s+1\s+0\s+0$/m);
    expect(report('csv')).toContain('\r\nslow.test,1,0.5,0,0,,,,\r\n');
  });
});

describe('the parse coverage', () => {
  it('names only the sources that hold data in the report’s period', () => {
    const sources = (args: string[]) => json(args).coverage.map((c) => c.source.replace(`${SAMPLES}/`, ''));
    const all = sources([]);
    expect(all).toHaveLength(11);
    // qmail's samples run from 18:00 to 18:09 UTC, Postfix's long queue ids from 20:02; the rest from 21:19.
    const late = sources(['--since', '2026-11-22T21:00Z']);
    expect(late).not.toContain('qmail/qmail-send.multilog');
    expect(late).not.toContain('postfix/maillog_file-long-ids.log');
    expect(late).toContain('postfix/maillog_file.log');
    const early = sources(['--until', '2026-11-22T19:00Z']);
    expect(early.filter((s) => !s.startsWith('qmail/'))).toEqual(['exim/rejectlog']);
    expect(sources(['--since', '2026-11-23', '--tz', 'UTC'])).toEqual(['exim/rejectlog']);
  });
});
