// Nightly operation: rotation and truncation, files in any order, retention,
// time zones, the write lock, status, and runs killed at any moment.

import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openDatabase, SCHEMA_VERSION } from '../src/store/database.js';
import { aggregateRows, cli, SAMPLES, tempDir } from './helpers.js';

const SAMPLE = join(SAMPLES, 'postfix', 'syslog-rfc3164.log');
const CLI = join(import.meta.dirname, '..', 'dist', 'src', 'cli.js');

function query<T>(path: string, sql: string, ...params: unknown[]): T {
  const db = openDatabase(path, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T;
  } finally {
    db.close();
  }
}

const one = (path: string, sql: string) => Object.values(query<Record<string, unknown>[]>(path, sql)[0])[0];

/** Everything a run leaves behind that must not depend on how many runs it took. */
function counts(path: string) {
  return {
    events: query(path, 'SELECT cause, outcome, count(*) AS n FROM events GROUP BY cause, outcome ORDER BY cause, outcome'),
    ...aggregateRows(path),
    sources: query(path, 'SELECT head_hash, offset, lines, failures, deliveries FROM sources ORDER BY head_hash'),
  };
}

describe('rotation and truncation', () => {
  it('reads a file truncated in place and written again from its start', () => {
    const dir = tempDir();
    const db = join(dir, 'm.db');
    const log = join(dir, 'mail.log');
    const lines = readFileSync(SAMPLE, 'utf8').split('\n');
    writeFileSync(log, `${lines.slice(0, 200).join('\n')}\n`);
    expect(cli(['ingest', '--db', db, '--year', '2026', log]).status).toBe(0);
    // The same first lines, then others: shorter than what was read before.
    writeFileSync(log, `${lines.slice(0, 100).join('\n')}\n${lines.slice(300, 320).join('\n')}\n`);
    const again = cli(['ingest', '--db', db, '--year', '2026', log]);
    expect(again.stderr).toContain(`${log}: shorter than what was read of it before (truncated in place, as by copytruncate): read again from its start`);
    expect(again.stderr).toMatch(/ingested 1 file: 120 lines/);
  });

  it('knows the copy copytruncate left as the file it read, and reads the new content of the truncated one', () => {
    const dir = tempDir();
    const db = join(dir, 'm.db');
    const log = join(dir, 'mail.log');
    const lines = readFileSync(SAMPLE, 'utf8').split('\n');
    writeFileSync(log, `${lines.slice(0, 300).join('\n')}\n`);
    expect(cli(['ingest', '--db', db, '--year', '2026', log]).status).toBe(0);
    writeFileSync(`${log}.1`, readFileSync(log));
    truncateSync(log, 0);
    appendFileSync(log, `${lines.slice(300).join('\n')}`);
    const run = cli(['ingest', '--db', db, '--year', '2026', `${log}.1`, log]);
    expect(run.stderr).toContain(`${log}.1: nothing new since the last run`);
    expect(one(db, 'SELECT sum(lines) FROM sources')).toBe(lines.length - 1);
  });
});

describe('across nights', () => {
  const QMGR = (day: string, id: string) => `Nov ${day} mail1 postfix/qmgr[100]: ${id}: from=<alice@example.net>, size=1234, nrcpt=1 (queue active)`;
  const DEFERRED = (day: string, id: string) =>
    `Nov ${day} mail1 postfix/smtp[101]: ${id}: to=<bob@example.org>, relay=none, delay=5, delays=0/0/5/0, dsn=4.4.1, status=deferred (connect to mx.example.org[192.0.2.7]:25: Connection refused)`;
  const BOUNCED = (day: string, id: string) =>
    `Nov ${day} mail1 postfix/smtp[101]: ${id}: to=<bob@example.org>, relay=mx.example.org[192.0.2.7]:25, delay=183, delays=0/0/0.1/0, dsn=5.1.1, status=bounced (host mx.example.org[192.0.2.7] said: 550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown (in reply to RCPT TO command))`;
  const EXPIRED = (day: string, id: string) => `Nov ${day} mail1 postfix/qmgr[100]: ${id}: from=<alice@example.net>, status=expired, returned to sender`;

  function night(dir: string, db: string, name: string, lines: string[]) {
    const log = join(dir, name);
    writeFileSync(log, `${lines.join('\n')}\n`);
    expect(cli(['ingest', '--db', db, '--year', '2026', log]).status).toBe(0);
  }

  it('completes a message received before midnight with the bounce logged in the next night’s file', () => {
    const dir = tempDir();
    const db = join(dir, 'm.db');
    night(dir, db, 'mail.log.1', [QMGR('21 23:59:58', '4F1A2B3C4D')]);
    night(dir, db, 'mail.log', [BOUNCED('22 00:03:01', '4F1A2B3C4D')]);
    expect(query(db, 'SELECT sender, recipient, cause FROM events')).toEqual([{ sender: 'alice@example.net', recipient: 'bob@example.org', cause: 'recipient-unknown' }]);
  });

  it('gives an expiry the reason of a deferral logged on an earlier night', () => {
    const dir = tempDir();
    const db = join(dir, 'm.db');
    night(dir, db, 'mail.log.2', [QMGR('17 10:00:00', '5A6B7C8D9E'), DEFERRED('17 10:00:05', '5A6B7C8D9E')]);
    night(dir, db, 'mail.log.1', [DEFERRED('19 10:00:05', '5A6B7C8D9E')]);
    night(dir, db, 'mail.log', [EXPIRED('22 10:00:06', '5A6B7C8D9E')]);
    const expired = query<{ cause: string; diagnostic: string }[]>(db, "SELECT cause, diagnostic FROM events WHERE outcome = 'expired'");
    expect(expired).toEqual([{ cause: 'recipient-server-down', diagnostic: 'connect to mx.example.org[192.0.2.7]:25: Connection refused' }]);
  });

  it('forgets what it has carried for more than a week', () => {
    const dir = tempDir();
    const db = join(dir, 'm.db');
    night(dir, db, 'mail.log.1', [QMGR('21 23:59:58', '4F1A2B3C4D')]);
    const holder = openDatabase(db);
    holder.prepare('UPDATE carryover SET since = ?').run(new Date(Date.now() - 8 * 86_400_000).toISOString());
    holder.close();
    night(dir, db, 'mail.log', [BOUNCED('22 00:03:01', '4F1A2B3C4D')]);
    expect(query(db, 'SELECT sender FROM events')).toEqual([{ sender: null }]);
    expect(one(db, 'SELECT count(*) FROM carryover')).toBe(0);
  });
});

describe('files in any order', () => {
  it('reads the oldest content first, whatever the names and modification times say', () => {
    const dir = tempDir();
    const db = join(dir, 'm.db');
    const [older, newer] = [join(dir, 'mail.log.2.gz'), join(dir, 'mail.log')];
    writeFileSync(older, gzipSync('Nov 21 23:59:58 mail1 postfix/qmgr[100]: 4F1A2B3C4D: from=<alice@example.net>, size=1234, nrcpt=1 (queue active)\n'));
    writeFileSync(
      newer,
      'Nov 22 00:03:01 mail1 postfix/smtp[101]: 4F1A2B3C4D: to=<bob@example.org>, relay=mx.example.org[192.0.2.7]:25, delay=183, delays=0/0/0.1/0, dsn=5.1.1, status=bounced (host mx.example.org[192.0.2.7] said: 550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown (in reply to RCPT TO command))\n',
    );
    // Compressed after the newer file was last written, as logrotate's delayed compression does.
    utimesSync(newer, new Date('2026-11-22T06:00:00Z'), new Date('2026-11-22T06:00:00Z'));
    utimesSync(older, new Date('2026-11-22T06:25:00Z'), new Date('2026-11-22T06:25:00Z'));
    expect(cli(['ingest', '--db', db, newer, older]).status).toBe(0);
    expect(query(db, 'SELECT sender, recipient, cause FROM events')).toEqual([{ sender: 'alice@example.net', recipient: 'bob@example.org', cause: 'recipient-unknown' }]);
  });
});

describe('journald', () => {
  it('takes journalctl’s own markers for no program’s line, not for junk', () => {
    const input = `-- Boot 3f2a9d0c8b7e4f6a --\n${readFileSync(join(SAMPLES, 'postfix', 'journal-short-iso.log'), 'utf8')}-- No entries --\n`;
    const run = cli(['ingest', '--db', join(tempDir(), 'm.db'), '-'], { input });
    expect(run.stderr).toMatch(/ingested 1 file: \d+ lines \(\d+ recognised, 2 other programs, 0 skipped\)/);
  });
});

describe('retention', () => {
  it('deletes events older than --keep-events and keeps their daily counts', () => {
    const db = join(tempDir(), 'm.db');
    const run = cli(['ingest', '--db', db, '--year', '2025', '--keep-events', '90d', SAMPLE]);
    expect(run.status).toBe(0);
    const aggregated = one(db, 'SELECT sum(count) FROM failures_daily');
    expect(run.stderr).toContain(`deleted ${aggregated} events older than 90 days (--keep-events); their daily counts remain`);
    expect(one(db, 'SELECT count(*) FROM events')).toBe(0);
    // Failed messages go with their events: the attempts are what the daily aggregates keep.
    expect(JSON.parse(cli(['report', '--db', db, '--format', 'json', '--count', 'attempts']).stdout).total).toBe(aggregated);
  });

  it('refuses a retention it cannot read', () => {
    const run = cli(['ingest', '--db', join(tempDir(), 'm.db'), '--keep-events', 'forever', SAMPLE]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('maillog: --keep-events forever: give a number of days or weeks, such as 90d or 12w\n');
  });
});

describe('time zones', () => {
  const times = (db: string) => query<{ time: string }[]>(db, 'SELECT time FROM events ORDER BY line').map((r) => r.time);

  it('reads stamps without a zone in the --tz zone and stores UTC', () => {
    const dir = tempDir();
    const [utc, ny] = [join(dir, 'utc.db'), join(dir, 'ny.db')];
    cli(['ingest', '--db', utc, '--year', '2026', '--tz', 'UTC', SAMPLE]);
    cli(['ingest', '--db', ny, '--year', '2026', '--tz', 'America/New_York', SAMPLE]);
    const [a, b] = [times(utc), times(ny)];
    expect(a.length).toBeGreaterThan(0);
    expect(b.map((t) => Date.parse(t) - 5 * 3_600_000)).toEqual(a.map((t) => Date.parse(t))); // November: UTC-5
  });

  it('keeps the order of a log through the hour that ends daylight saving time', () => {
    const dir = tempDir();
    const db = join(dir, 'm.db');
    const log = join(dir, 'mail.log');
    const line = (stamp: string, id: string) =>
      `Nov  1 ${stamp} mail1 postfix/smtp[101]: ${id}: to=<x@example.org>, relay=none, delay=1, delays=0/0/1/0, dsn=4.4.1, status=deferred (connect to example.org[192.0.2.7]:25: Connection refused)`;
    // 01:00 to 01:59 happens twice in New York on 1 November 2026: at -04:00, then at -05:00.
    writeFileSync(log, ['00:59:59', '01:30:00', '01:59:59', '01:00:10', '01:30:00', '02:00:00'].map((s, i) => line(s, `4F1A2B3C4${i}`)).join('\n') + '\n');
    expect(cli(['ingest', '--db', db, '--year', '2026', '--tz', 'America/New_York', log]).status).toBe(0);
    expect(times(db)).toEqual([
      '2026-11-01T04:59:59.000Z',
      '2026-11-01T05:30:00.000Z',
      '2026-11-01T05:59:59.000Z',
      '2026-11-01T06:00:10.000Z',
      '2026-11-01T06:30:00.000Z',
      '2026-11-01T07:00:00.000Z',
    ]);
  });

  it('refuses a zone that is no IANA name', () => {
    const run = cli(['ingest', '--db', join(tempDir(), 'm.db'), '--tz', 'Mars/Olympus', SAMPLE]);
    expect(run.stderr).toBe('maillog: --tz Mars/Olympus: not an IANA time zone name (e.g. Europe/Paris, America/New_York, UTC)\n');
  });
});

describe('a second ingest while one runs', () => {
  it('waits --wait seconds for the write lock, then exits with a clear message, while reports still read', () => {
    const db = join(tempDir(), 'm.db');
    expect(cli(['ingest', '--db', db, '--year', '2026', SAMPLE]).status).toBe(0);
    const holder = openDatabase(db);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const started = Date.now();
      const run = cli(['ingest', '--db', db, '--wait', '1', join(SAMPLES, 'exim', 'mainlog')]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
      expect(run.status).toBe(2);
      expect(run.stderr).toBe('maillog: the database is being written by another run; waited 1 s, try again later\n');
      expect(cli(['report', '--db', db, '--format', 'json']).status).toBe(0);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  });
});

describe('exit codes', () => {
  it('are documented in --help', () => {
    const help = (args: string[]) => cli(args).stdout.replace(/\s+/g, ' ');
    expect(help(['--help'])).toContain('Exit codes: 0 success; 1 finished, but some input could not be read, or none of a new file was recognised; 2 usage or fatal error; 3 check reported findings.');
    // Each command lists the codes it can end with.
    expect(help(['ingest', '--help'])).toContain('Exit codes: 0 success; 1 finished, but some input could not be read, or none of a new file was recognised; 2 usage or fatal error.');
  });
});

describe('status', () => {
  it('shows the database, each source and the last run', () => {
    const db = join(tempDir(), 'm.db');
    cli(['ingest', '--db', db, '--year', '2026', SAMPLE]);
    const text = cli(['status', '--db', db]).stdout;
    expect(text).toMatch(new RegExp(`^database: +${db.replace(/[.]/g, '\\.')} \\([\\d.]+ MB, schema version ${SCHEMA_VERSION}\\)$`, 'm'));
    expect(text).toMatch(/^last run: +\S+ to \S+: 1 file, \d+ lines, \d+ failures, \d+ deliveries, 0 skipped, [\d.]+ s$/m);
    const json = JSON.parse(cli(['status', '--db', db, '--format', 'json']).stdout) as { sources: { path: string; bytes_read: number; fingerprint: string }[] };
    expect(json.sources).toEqual([expect.objectContaining({ path: SAMPLE, bytes_read: readFileSync(SAMPLE).length, fingerprint: expect.stringMatching(/^[0-9a-f]{12}$/) })]);
  });

  it('writes JSON of schema 1 with snake_case keys throughout', () => {
    const db = join(tempDir(), 'm.db');
    cli(['ingest', '--db', db, '--year', '2026', SAMPLE]);
    const json = JSON.parse(cli(['status', '--db', db, '--format', 'json']).stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ schema: 1, database: { schema_version: SCHEMA_VERSION }, aggregates: { first_day: '2026-11-22', last_day: '2026-11-22' }, last_run: { files: 1 } });
    const keys = (value: unknown): string[] =>
      value && typeof value === 'object' ? Object.entries(value).flatMap(([k, v]) => [...(Array.isArray(value) ? [] : [k]), ...keys(v)]) : [];
    expect(keys(json).filter((k) => !/^[a-z][a-z0-9_]*$/.test(k))).toEqual([]);
  });
});

describe('runs killed with SIGKILL', () => {
  it('leave the database so that running again gives exactly what one uninterrupted run gives', async () => {
    const dir = tempDir();
    const big = join(dir, 'big.log');
    writeFileSync(big, readFileSync(join(SAMPLES, 'postfix', 'maillog_file.log'), 'utf8').repeat(300));
    const args = (db: string) => ['ingest', '--db', db, '--year', '2026', SAMPLE, big];
    const clean = join(dir, 'clean.db');
    const started = Date.now();
    expect(cli(args(clean)).status).toBe(0);
    const duration = Date.now() - started;
    const expected = counts(clean);

    // Kill points spread over the time a whole run takes here: from start-up to the last commit.
    let killedMidRun = 0;
    for (const [i, fraction] of [0.1, 0.3, 0.5, 0.7, 0.85].entries()) {
      const delay = Math.round(duration * fraction);
      const db = join(dir, `killed-${i}.db`);
      const child = spawn(process.execPath, [CLI, ...args(db)], { stdio: 'ignore' });
      const exited = new Promise<[number | null, string | null]>((resolve) => child.once('exit', (...a) => resolve(a)));
      await new Promise((resolve) => setTimeout(resolve, delay));
      child.kill('SIGKILL'); // a no-op if the run has finished already
      const [, signal] = await exited;
      if (signal === 'SIGKILL') killedMidRun++;
      expect(cli(args(db)).status).toBe(0);
      expect(counts(db)).toEqual(expected);
    }
    expect(killedMidRun).toBeGreaterThanOrEqual(3);
  }, 120_000);
});

