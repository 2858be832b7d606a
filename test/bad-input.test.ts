// Bad input is counted and skipped, never a crash, and the good lines around it still count.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/store/database.js';
import { ingest } from '../src/ingest.js';
import { cli, SAMPLES, tempDb, tempDir } from './helpers.js';

const SAMPLE = join(SAMPLES, 'postfix', 'maillog_file.log');
const options = { format: 'auto' as const, year: 2026 };
const sampleLines = () => readFileSync(SAMPLE, 'utf8').split('\n').filter((l) => l !== '');

async function failuresOf(path: string) {
  const { db } = tempDb();
  const { sources } = await ingest(db, [path], options);
  return { report: sources[0], events: db.prepare('SELECT count(*) FROM events').pluck().get() as number, db };
}

describe('bad lines', () => {
  it('counts binary junk and invalid UTF-8 as skipped and keeps every good line', async () => {
    const dir = tempDir();
    const lines = sampleLines();
    const junk = Buffer.concat([Buffer.from([0x00, 0x01, 0xff, 0xfe, 0x89, 0x50]), Buffer.from('\n')]);
    const latin1 = Buffer.from('Nov 22 19:50:09 mail1 postfix/smtp[1]: caf\xe9\n', 'latin1');
    const path = join(dir, 'mail.log');
    writeFileSync(path, Buffer.concat([Buffer.from(lines.slice(0, 50).join('\n') + '\n'), junk, latin1, Buffer.from(lines.slice(50).join('\n') + '\n')]));
    const { report, events } = await failuresOf(path);
    const clean = await failuresOf(SAMPLE);
    expect(report.skipped.binary).toBe(2);
    expect(events).toBe(clean.events);
    expect(report.recognised).toBe(clean.report.recognised);
  });

  it('skips a line of several megabytes without losing the line count', async () => {
    const dir = tempDir();
    const lines = sampleLines();
    const path = join(dir, 'mail.log');
    const huge = `Nov 22 19:50:09 mail1 postfix/smtp[1]: ${'x'.repeat(3 * 1024 * 1024)}`;
    writeFileSync(path, [...lines.slice(0, 10), huge, ...lines.slice(10)].join('\n') + '\n');
    const { report, events, db } = await failuresOf(path);
    expect(report.skipped.enormous).toBe(1);
    expect(events).toBe((await failuresOf(SAMPLE)).events);
    const first = db.prepare('SELECT line, recipient FROM events ORDER BY line LIMIT 1').get() as { line: number; recipient: string };
    expect([...lines.slice(0, 10), huge, ...lines.slice(10)][first.line - 1]).toContain(`to=<${first.recipient}>`);
  });

  it('counts cut Postfix lines as malformed', async () => {
    const dir = tempDir();
    const path = join(dir, 'mail.log');
    const status = sampleLines().find((l) => l.includes('status=bounced'))!;
    writeFileSync(path, `${status.slice(0, status.indexOf(' (host'))} (host 127.0.0.1[127.0.0.1] said: 550\n`);
    const { report, events } = await failuresOf(path);
    expect(report.skipped.malformed).toBe(1);
    expect(events).toBe(0);
  });

  it('counts lines of other programs sharing the log as foreign, not as errors', async () => {
    const dir = tempDir();
    const path = join(dir, 'mail.log');
    writeFileSync(
      path,
      [
        'Nov 22 19:50:01 mail1 dovecot: imap-login: Login: user=<alice@example.net>, method=PLAIN, rip=192.0.2.7, lip=192.0.2.1, mpid=4242, TLS',
        'Nov 22 19:50:02 mail1 opendkim[812]: 7E7DC160014: DKIM-Signature field added (s=mail, d=example.net)',
        'Nov 22 19:50:03 mail1 amavis[2211]: (02211-01) Passed CLEAN {RelayedInbound}, [192.0.2.9]:41234 <a@example.org> -> <b@example.net>',
        'Nov 22 19:50:04 mail1 CRON[3001]: (root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)',
        ...sampleLines().slice(0, 5),
      ].join('\n') + '\n',
    );
    const { report } = await failuresOf(path);
    expect(report.foreign).toBe(4);
    expect(report.skipped).toEqual({ malformed: 0, binary: 0, enormous: 0 });
    expect(report.recognised).toBe(5);
  });
});

describe('bad files', () => {
  it('keeps the lines before the break of a truncated gzip and reports it', async () => {
    const dir = tempDir();
    const path = join(dir, 'mail.log.2.gz');
    const gz = gzipSync(readFileSync(SAMPLE));
    writeFileSync(path, gz.subarray(0, Math.floor(gz.length * 0.6)));
    const { report, events } = await failuresOf(path);
    expect(report.problem).toBe('truncated gzip');
    expect(report.recognised).toBeGreaterThan(50);
    expect(events).toBeGreaterThan(0);

    const run = cli(['ingest', '--db', join(dir, 'cli.db'), '--year', '2026', path]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/mail\.log\.2\.gz: truncated gzip; the \d+ lines before it were ingested/);
  });

  it('reads the rest of a gzip that was cut short once it is whole, losing no line at the break', () => {
    const dir = tempDir();
    const db = join(dir, 'm.db');
    const path = join(dir, 'mail.log.2.gz');
    const gz = gzipSync(readFileSync(SAMPLE));
    writeFileSync(path, gz.subarray(0, Math.floor(gz.length * 0.6)));
    expect(cli(['ingest', '--db', db, '--year', '2026', path]).status).toBe(1);
    writeFileSync(path, gz);
    const whole = cli(['ingest', '--db', db, '--year', '2026', path]);
    expect(whole.status).toBe(0);
    const check = openDatabase(db, { readonly: true });
    const lines = check.prepare('SELECT lines, lines_recognised AS recognised, lines_skipped AS skipped FROM sources').get();
    check.close();
    expect(lines).toEqual({ lines: sampleLines().length, recognised: sampleLines().length, skipped: 0 });
  });

  it('ingests an empty file without complaint', async () => {
    const dir = tempDir();
    const path = join(dir, 'empty.log');
    writeFileSync(path, '');
    const { report, events } = await failuresOf(path);
    expect(report.lines).toBe(0);
    expect(events).toBe(0);
  });

  it('reads stdin when the file is -', () => {
    const dir = tempDir();
    const run = cli(['ingest', '--db', join(dir, 'x.db'), '--year', '2026', '-'], { input: readFileSync(SAMPLE) });
    expect(run.status).toBe(0);
    const lines = sampleLines().length;
    expect(run.stderr).toContain(`${lines} lines (${lines} recognised`);
  });
});

describe('errors are one line and exit 2', () => {
  const oneLine = (stderr: string) => stderr.trimEnd().split('\n');

  it('for a missing file, before anything is written', () => {
    const dir = tempDir();
    const run = cli(['ingest', '--db', join(dir, 'x.db'), SAMPLE, join(dir, 'nope.log')]);
    expect(run.status).toBe(2);
    expect(oneLine(run.stderr)).toEqual([`maillog: cannot read ${join(dir, 'nope.log')}: no such file`]);
    const report = cli(['report', '--db', join(dir, 'x.db')]);
    expect(report.stdout).toContain('Outbound: nothing failed in this period.\n\nLocal: nothing failed in this period.\n\nInbound: nothing refused in this period.\n\n0 failed messages in all.');
  });

  it('for a database that cannot be created', () => {
    const run = cli(['ingest', '--db', '/nonexistent-dir/x.db', SAMPLE]);
    expect(run.status).toBe(2);
    expect(oneLine(run.stderr)).toHaveLength(1);
    expect(run.stderr).toMatch(/^maillog: cannot use database \/nonexistent-dir\/x\.db/);
  });

  it('for a file that is not a database', () => {
    const dir = tempDir();
    const path = join(dir, 'x.db');
    writeFileSync(path, 'this is not sqlite\n'.repeat(200));
    const run = cli(['report', '--db', path]);
    expect(run.status).toBe(2);
    expect(oneLine(run.stderr)).toHaveLength(1);
    expect(run.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('for a report on a database that does not exist', () => {
    const dir = tempDir();
    const run = cli(['report', '--db', join(dir, 'none.db')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^maillog: no database at /);
  });

  it('for an unknown --by, listing the valid ones', () => {
    const run = cli(['report', '--by', 'colour']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("maillog: unknown --by 'colour'; valid: cause, domain, day, hour, host, mta, outcome, direction, code, reason, sender-domain, fate, delay, sender, recipient, relay, client\n");
  });

  it('for an unknown --cause, listing the valid ones', () => {
    const run = cli(['report', '--cause', 'user-unknown']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^maillog: unknown cause 'user-unknown'; valid causes: recipient-unknown, recipient-antispam, .*unclassified\n$/);
  });

  it('for a --year that is no year, before any line is read as malformed', () => {
    const dir = tempDir();
    const run = cli(['ingest', '--db', join(dir, 'x.db'), '--year', 'abc', SAMPLE]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('maillog: --year takes a year such as 2026\n');
  });

  it('for a value outside the choices, on one line that names them', () => {
    const run = cli(['report', '--format', 'xml']);
    expect(run.status).toBe(2);
    expect(oneLine(run.stderr)).toHaveLength(1);
    expect(run.stderr).toContain('"text", "csv", "json"');
  });

  it('for an unknown flag', () => {
    const run = cli(['report', '--colour']);
    expect(run.status).toBe(2);
    expect(oneLine(run.stderr)).toHaveLength(1);
  });
});
