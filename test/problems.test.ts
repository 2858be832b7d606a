// The MTA's own warnings and errors in the default report: counted by masked
// shape, so a broken configuration shows as one line however often it is hit.

import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, SAMPLES, tempDir } from './helpers.js';

// Real Postfix shapes (msg_warn/msg_fatal texts of smtpd, cleanup, postfix-script, master).
const POSTFIX = [
  'Nov 23 03:10:01 mx1 postfix/smtpd[4101]: warning: hostname mail.example.com does not resolve to address 192.0.2.1',
  'Nov 23 03:10:02 mx1 postfix/smtpd[4101]: connect from unknown[192.0.2.1]',
  'Nov 23 03:12:44 mx1 postfix/smtpd[4102]: warning: hostname mail.example.com does not resolve to address 198.51.100.23',
  'Nov 23 03:15:09 mx1 postfix/smtpd[4107]: warning: hostname mail.example.com does not resolve to address 203.0.113.9: Name or service not known',
  'Nov 23 03:20:00 mx1 postfix/trivial-rewrite[4120]: warning: database /etc/postfix/virtual.db is older than source file /etc/postfix/virtual',
  'Nov 23 03:21:00 mx1 postfix/trivial-rewrite[4121]: warning: database /etc/postfix/virtual.db is older than source file /etc/postfix/virtual',
  'Nov 23 03:30:00 mx1 postfix/postfix-script[4200]: fatal: open /etc/postfix/main.cf: No such file or directory',
];

type Problem = { severity: string; mta: string; program: string; count: number; example: string };

function ingested(lines: string[]): { db: string; log: string } {
  const dir = tempDir();
  const log = join(dir, 'maillog');
  writeFileSync(log, `${lines.join('\n')}\n`);
  const db = join(dir, 'problems.db');
  expect(cli(['ingest', '--db', db, '--year', '2026', log]).status).toBe(0);
  return { db, log };
}

const problemsOf = (db: string, ...args: string[]) =>
  (JSON.parse(cli(['report', '--db', db, '--format', 'json', ...args]).stdout) as { mta_problems?: Problem[] }).mta_problems;

describe('MTA warnings and errors in the report', () => {
  it('counts warnings that differ only in an address as one shape, the most frequent first', () => {
    const { db } = ingested(POSTFIX);
    expect(problemsOf(db)).toEqual([
      { severity: 'warning', mta: 'postfix', program: 'smtpd', count: 2, example: 'hostname mail.example.com does not resolve to address 192.0.2.1' },
      { severity: 'warning', mta: 'postfix', program: 'trivial-rewrite', count: 2, example: 'database /etc/postfix/virtual.db is older than source file /etc/postfix/virtual' },
      { severity: 'fatal', mta: 'postfix', program: 'postfix-script', count: 1, example: 'open /etc/postfix/main.cf: No such file or directory' },
      // The resolver's reason makes it another shape.
      { severity: 'warning', mta: 'postfix', program: 'smtpd', count: 1, example: 'hostname mail.example.com does not resolve to address 203.0.113.9: Name or service not known' },
    ]);
  });

  it('ends the text report with them, before the parse coverage', () => {
    const { db } = ingested(POSTFIX);
    const out = cli(['report', '--db', db]).stdout;
    const section = out.slice(out.indexOf('MTA warnings and errors'), out.indexOf('Parse coverage:'));
    expect(section).toBe(
      [
        'MTA warnings and errors (lines, severity, program: first example)',
        '2  warning  smtpd: hostname mail.example.com does not resolve to address',
        '            192.0.2.1',
        '2  warning  trivial-rewrite: database /etc/postfix/virtual.db is older than',
        '            source file /etc/postfix/virtual',
        '1  fatal    postfix-script: open /etc/postfix/main.cf: No such file or directory',
        '1  warning  smtpd: hostname mail.example.com does not resolve to address',
        '            203.0.113.9: Name or service not known',
        '',
        '',
      ].join('\n'),
    );
  });

  it('leaves the section out when the period has none', () => {
    const { db } = ingested(POSTFIX);
    expect(problemsOf(db, '--since', '2026-11-24')).toEqual([]);
    expect(cli(['report', '--db', db, '--since', '2026-11-24']).stdout).not.toContain('MTA warnings and errors');
  });

  it('counts a line once however often its file is ingested, and the lines added to it since', () => {
    const { db, log } = ingested(POSTFIX);
    expect(cli(['ingest', '--db', db, '--year', '2026', log]).status).toBe(0);
    expect(problemsOf(db)!.map((p) => p.count)).toEqual([2, 2, 1, 1]);
    appendFileSync(log, 'Nov 23 04:00:00 mx1 postfix/smtpd[4301]: warning: hostname mail.example.com does not resolve to address 192.0.2.77\n');
    expect(cli(['ingest', '--db', db, '--year', '2026', log]).status).toBe(0);
    expect(problemsOf(db)![0]).toMatchObject({ program: 'smtpd', count: 3 });
  });

  it('shows the Postfix, Exim and qmail shapes of real logs', () => {
    const dir = tempDir();
    // Exim writes a lock timeout to its main log as well as its panic log.
    const exim = join(dir, 'mainlog');
    writeFileSync(exim, `${readFileSync(join(SAMPLES, 'exim', 'mainlog'), 'utf8')}2026-11-22 21:40:08 Failed to get write lock for /var/spool/exim4/db/retry.lockfile: timed out\n`);
    const db = join(dir, 'all.db');
    expect(cli(['ingest', '--db', db, '--year', '2026', join(SAMPLES, 'postfix', 'syslog-rfc3164.log'), join(SAMPLES, 'qmail', 'qmail-send.multilog'), exim]).status).toBe(0);
    expect(problemsOf(db)!.map((p) => [p.severity, p.mta, p.program, p.count, p.example])).toEqual([
      ['error', 'exim', 'exim', 1, 'Failed to get write lock for /var/spool/exim4/db/retry.lockfile: timed out'],
      ['warning', 'postfix', 'cleanup', 1, 'mail_stream_cleanup: close error'],
      ['warning', 'postfix', 'cleanup', 1, 'queue file size limit exceeded'],
      ['warning', 'qmail', 'qmail-send', 1, 'trouble opening remote/0/30099; will try again later'],
      ['warning', 'postfix', 'smtpd', 1, 'queue file size limit exceeded'],
    ]);
  });

  it('is left out of a report narrowed by cause, as the summary is', () => {
    const { db } = ingested(POSTFIX);
    expect(problemsOf(db, '--cause', 'recipient-unknown')).toBeUndefined();
  });
});
