// A file read by mistake is forgotten, events, daily counts and failed
// messages, and read again: the database is then what reading it right the
// first time gives.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { aggregateRows, cli, SAMPLES, tempDir } from './helpers.js';

const POSTFIX = join(SAMPLES, 'postfix', 'syslog-rfc3164.log');
const EXIM = join(SAMPLES, 'exim', 'mainlog');

const ok = (args: string[]) => {
  const run = cli(args);
  expect(run.stderr).not.toMatch(/^maillog:/m);
  expect(run.status).toBe(0);
  return run;
};

/** What every report and export reads, and every aggregate row (sources summed away). */
function everything(db: string) {
  return {
    report: ok(['report', '--db', db, '--tz', 'UTC', '--format', 'json']).stdout,
    fates: ok(['report', '--db', db, '--tz', 'UTC', '--by', 'fate', '--format', 'json']).stdout,
    events: ok(['export', '--db', db, '--format', 'ndjson']).stdout,
    aggregates: ok(['export', '--db', db, '--what', 'aggregates', '--format', 'ndjson']).stdout,
    rows: aggregateRows(db),
  };
}

describe('forget', () => {
  it('after a read with the wrong --tz, leaves what one right read gives', () => {
    const dir = tempDir();
    const [mistaken, fresh] = [join(dir, 'mistaken.db'), join(dir, 'fresh.db')];
    ok(['ingest', '--db', mistaken, '--year', '2026', '--tz', 'Asia/Tokyo', POSTFIX]);
    ok(['ingest', '--db', mistaken, '--year', '2026', '--tz', 'UTC', EXIM]);
    expect(cli(['ingest', '--db', mistaken, '--year', '2026', '--tz', 'UTC', POSTFIX]).stderr).toContain('nothing new in 1 file');

    const forget = ok(['forget', '--db', mistaken, POSTFIX]);
    expect(forget.stdout).toMatch(new RegExp(`^forgot ${POSTFIX} \\(a50dbd9f8899, postfix, 551 lines\\): 78 failure events and \\d+ rows of daily counts\\n$`));
    ok(['ingest', '--db', mistaken, '--year', '2026', '--tz', 'UTC', POSTFIX]);

    ok(['ingest', '--db', fresh, '--year', '2026', '--tz', 'UTC', EXIM]);
    ok(['ingest', '--db', fresh, '--year', '2026', '--tz', 'UTC', POSTFIX]);
    expect(everything(mistaken)).toEqual(everything(fresh));
  });

  it('after a read with the wrong --format, which recorded nothing, the right read gives the same as on a new database', () => {
    const dir = tempDir();
    const [mistaken, fresh] = [join(dir, 'mistaken.db'), join(dir, 'fresh.db')];
    expect(cli(['ingest', '--db', mistaken, '--year', '2026', '--format', 'exim', POSTFIX]).status).toBe(1);
    ok(['ingest', '--db', mistaken, '--year', '2026', '--format', 'postfix', POSTFIX]);
    ok(['ingest', '--db', fresh, '--year', '2026', '--format', 'postfix', POSTFIX]);
    expect(everything(mistaken)).toEqual(everything(fresh));
  });

  it('takes a message failing in two files back to what the kept file says, and both read again give what they gave', () => {
    const dir = tempDir();
    const lines = readFileSync(POSTFIX, 'utf8').split('\n');
    // B32E816005C is deferred twice in the first file, then four times more and expired in the second.
    const split = lines.findIndex((l) => l.includes('B32E816005C: to=<someone@m2-servfail.test>, relay=none, delay=58,'));
    const [first, second] = [join(dir, 'mail.log.1'), join(dir, 'mail.log')];
    writeFileSync(first, `${lines.slice(0, split).join('\n')}\n`);
    writeFileSync(second, lines.slice(split).join('\n'));
    const [db, fresh] = [join(dir, 'm.db'), join(dir, 'fresh.db')];
    for (const path of [db, fresh]) ok(['ingest', '--db', path, '--year', '2026', first, second]);
    const fates = (path: string) =>
      (JSON.parse(ok(['report', '--db', path, '--by', 'fate', '--domain', 'm2-servfail.test', '--format', 'json']).stdout) as { rows: unknown[] }).rows;
    expect(fates(db)).toMatchObject([{ fate: 'expired', count: 1 }]);

    ok(['forget', '--db', db, second]);
    expect(fates(db)).toMatchObject([{ fate: 'pending', count: 1 }]);
    const attempts = JSON.parse(ok(['report', '--db', db, '--count', 'attempts', '--domain', 'm2-servfail.test', '--format', 'json']).stdout) as { total: number };
    expect(attempts.total).toBe(2);
    // Read again alone, its failures are back; what it continued from the first file (the senders and sizes
    // of messages received there) was used up by its first reading, which is why both are forgotten below.
    ok(['ingest', '--db', db, '--year', '2026', second]);
    expect(fates(db)).toEqual(fates(fresh));
    expect(aggregateRows(db).failures_daily).toEqual(aggregateRows(fresh).failures_daily);

    ok(['forget', '--db', db, first, second]);
    ok(['ingest', '--db', db, '--year', '2026', first, second]);
    expect(everything(db)).toEqual(everything(fresh));
  });

  it('with --dry-run says what it would delete and changes nothing', () => {
    const db = join(tempDir(), 'm.db');
    ok(['ingest', '--db', db, '--year', '2026', POSTFIX, EXIM]);
    const before = everything(db);
    const run = ok(['forget', '--db', db, '--dry-run', 'bc929d59']);
    expect(run.stdout).toMatch(new RegExp(`^would forget ${EXIM} \\(bc929d59edce, exim, 370 lines\\): \\d+ failure events and \\d+ rows of daily counts\\n$`));
    expect(everything(db)).toEqual(before);
  });

  it('with --since forgets the sources first read from then on', () => {
    const db = join(tempDir(), 'm.db');
    ok(['ingest', '--db', db, '--year', '2026', POSTFIX]);
    const since = new Date().toISOString();
    ok(['ingest', '--db', db, EXIM]);
    const run = ok(['forget', '--db', db, '--since', since]);
    expect(run.stdout).toMatch(/^forgot \S+mainlog \(bc929d59edce/);
    expect(run.stdout.split('\n')).toHaveLength(2);
    expect(ok(['sources', '--db', db]).stdout).toMatch(/^a50dbd9f8899  postfix  \S+syslog-rfc3164\.log\n {14}551 lines from 2026-11-22 \d\d:\d\d to \d\d:\d\d; read /);
  });

  it('refuses an unknown source in one line with exit 2, and changes nothing', () => {
    const db = join(tempDir(), 'm.db');
    ok(['ingest', '--db', db, '--year', '2026', POSTFIX]);
    const before = everything(db);
    const unknown = cli(['forget', '--db', db, '/var/log/mail.log']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe("maillog: no source was read as /var/log/mail.log, and no fingerprint starts with it ('maillog sources' lists them)\n");
    const none = cli(['forget', '--db', db]);
    expect(none.stderr).toBe('maillog: name the sources to forget, or give --since\n');
    expect(none.status).toBe(2);
    expect(everything(db)).toEqual(before);
  });

  it('refuses a name that several sources were read as, naming their fingerprints', () => {
    const dir = tempDir();
    const [db, log] = [join(dir, 'm.db'), join(dir, 'mail.log')];
    // Two contents read under one name: the name alone does not say which is meant.
    writeFileSync(log, readFileSync(POSTFIX));
    ok(['ingest', '--db', db, '--year', '2026', log]);
    writeFileSync(log, readFileSync(EXIM));
    ok(['ingest', '--db', db, log]);
    const run = cli(['forget', '--db', db, log]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`maillog: ${log} names 2 sources: a50dbd9f8899 (${log}), bc929d59edce (${log}); give the fingerprint of one\n`);
  });

  it('keeps no diagnostic or address of the forgotten file, and those another file shares', () => {
    const db = join(tempDir(), 'forget.db');
    ok(['ingest', '--db', db, '--year', '2026', '--tz', 'UTC', POSTFIX]);
    ok(['ingest', '--db', db, '--year', '2026', '--tz', 'UTC', EXIM]);
    const texts = () => {
      const check = new Database(db, { readonly: true });
      try {
        return {
          diagnostics: check.prepare('SELECT text FROM diagnostics ORDER BY text').pluck().all(),
          addresses: check.prepare('SELECT value FROM strings WHERE value LIKE \'%@%\' ORDER BY value').pluck().all(),
          exim: check.prepare("SELECT DISTINCT diagnostic FROM events WHERE mta = 'exim' ORDER BY diagnostic").pluck().all(),
          // The addresses its events and its senders' and recipients' counts name.
          eximAddresses: check
            .prepare("SELECT a FROM (SELECT sender AS a FROM events WHERE mta = 'exim' UNION SELECT party FROM parties_daily WHERE mta = 'exim') WHERE a LIKE '%@%' ORDER BY a")
            .pluck()
            .all(),
        };
      } finally {
        check.close();
      }
    };
    const before = texts();
    expect(before.diagnostics.length).toBeGreaterThan(before.exim.length);
    ok(['forget', '--db', db, POSTFIX]);
    const after = texts();
    expect(after.diagnostics).toEqual(before.exim);
    expect(after.addresses).toEqual(before.eximAddresses);
  });
});
