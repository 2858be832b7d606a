// The summary block of the default report agrees with pflogsumm and eximstats
// where they count the same thing (docs/summary.md says where they differ).

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatBytes } from '../src/report/summary.js';
import { PostfixParser } from '../parsers/postfix/parser.js';
import { cli, parseLines, SAMPLES, tempDir } from './helpers.js';

function ingested(...files: string[]): string {
  const db = join(tempDir(), 'summary.db');
  expect(cli(['ingest', '--db', db, '--year', '2026', '--tz', 'UTC', ...files.map((f) => join(SAMPLES, f))]).status).toBe(0);
  return db;
}

const summaryOf = (db: string, ...args: string[]) =>
  (JSON.parse(cli(['report', '--db', db, '--format', 'json', ...args]).stdout) as { summary?: Record<string, number> }).summary;

describe('the summary of the default report', () => {
  it('counts the Postfix sample as pflogsumm does', () => {
    // f=samples/postfix/syslog-rfc3164.log
    // received, bytes: grep 'queue active' $f | awk '{print $6, $8}' | sort -u -k1,1 | sed 's/size=//; s/,//g' | awk '{s+=$2} END {print NR, s}'  → 89 111730
    // delivered:       grep -c 'status=sent' $f                                                    → 55
    // deferred:        grep 'status=deferred' $f | grep -oE ' [0-9A-F]+: to=<[^>]*>' | sort -u | wc -l  → 8
    // attempts:        grep -c 'status=deferred' $f                                                → 29
    // bounced:         grep -c 'status=bounced' $f                                                 → 39
    // expired:         grep -c 'status=expired' $f  (qmgr's "returned to sender", one per recipient) → 4
    // rejected:        grep -c 'reject: ' $f  (smtpd's NOQUEUE rejects and cleanup's header reject)  → 6
    // delivered bytes: each status=sent recipient's message size from its qmgr line                → 101716
    expect(summaryOf(ingested('postfix/syslog-rfc3164.log'))).toEqual({
      received: 89,
      received_bytes: 111730,
      delivered: 55,
      delivered_bytes: 101716,
      deferred: 8,
      deferred_attempts: 29,
      bounced: 39,
      expired: 4,
      rejected: 6,
    });
  });

  it('counts the Exim sample as eximstats does', () => {
    // e=samples/exim/mainlog r=samples/exim/rejectlog
    // received, bytes: grep -c ' <= ' $e; grep ' <= ' $e | grep -oE ' S=[0-9]+' | cut -d= -f2 | paste -sd+ | bc  → 89 98385
    // delivered:       grep -cE ' (=>|->|\*>) ' $e                                                  → 55
    // deferred:        grep ' == ' $e | awk '{print $4, $6}' | sort -u | wc -l                       → 8
    // attempts:        grep -c ' == ' $e                                                             → 29
    // bounced+expired: grep -c ' \*\* ' $e  → 43: 5 of them gave up after the retry rules (expired)
    // rejected:        grep -c 'rejected' $r  (the main log repeats them: counted once)              → 7
    expect(summaryOf(ingested('exim/mainlog', 'exim/rejectlog'))).toEqual({
      received: 89,
      received_bytes: 98385,
      delivered: 55,
      delivered_bytes: 86004,
      deferred: 8,
      deferred_attempts: 29,
      bounced: 38,
      expired: 5,
      rejected: 7,
    });
  });

  it('counts qmail messages from their info lines, with their bytes', () => {
    // grep -c 'info msg' samples/qmail/qmail-send.multilog; the sum of their "bytes N"
    const db = ingested('qmail/qmail-send.multilog');
    expect(summaryOf(db)).toMatchObject({ received: 30, received_bytes: 70095 });
  });

  it('counts a Postfix message retried by qmgr as received once, and a reused queue id anew', () => {
    const qmgr = (time: string, size: number) => `Nov 22 ${time} mail1 postfix/qmgr[792]: 54CE716005A: from=<s@example.net>, size=${size}, nrcpt=1 (queue active)`;
    const { events } = parseLines(new PostfixParser(), [
      qmgr('21:22:16', 299),
      qmgr('21:32:16', 299),
      'Nov 22 21:32:17 mail1 postfix/smtp[851]: 54CE716005A: to=<r@example.org>, relay=mx.example.org[192.0.2.7]:25, delay=601, delays=600/0/0.5/0.5, dsn=2.0.0, status=sent (250 2.0.0 Ok)',
      'Nov 22 21:32:17 mail1 postfix/qmgr[792]: 54CE716005A: removed',
      qmgr('22:00:00', 1200),
    ]);
    expect(events.map((e) => (e.kind === 'failure' ? e.kind : `${e.kind} ${e.size}`))).toEqual(['received 299', 'delivered 299', 'received 1200']);
  });

  it('carries a message size from one ingest to the next, so a retry the next night is not received again', () => {
    const lines = readFileSync(join(SAMPLES, 'postfix', 'syslog-rfc3164.log'), 'utf8').split('\n');
    const dir = tempDir();
    const half = lines.findIndex((l) => l.startsWith('Nov 22 21:22:44 vm postfix/qmgr[792]: B32E816005C: from=')); // qmgr's first retry
    writeFileSync(join(dir, 'mail.log.1'), `${lines.slice(0, half).join('\n')}\n`);
    writeFileSync(join(dir, 'mail.log'), lines.slice(half).join('\n'));
    const db = join(dir, 'summary.db');
    for (const file of ['mail.log.1', 'mail.log']) expect(cli(['ingest', '--db', db, '--year', '2026', join(dir, file)]).status).toBe(0);
    expect(summaryOf(db)).toMatchObject({ received: 89, received_bytes: 111730, delivered: 55, delivered_bytes: 101716 });
  });

  it('shows the block after the period heading, before the sections', () => {
    const out = cli(['report', '--db', ingested('postfix/syslog-rfc3164.log')]).stdout;
    expect(out).toContain(['Summary     messages     bytes', 'received          89  111.7 kB', 'delivered         55  101.7 kB', 'deferred           8  (29 attempts)', 'bounced           39', 'expired            4', 'rejected           6'].join('\n'));
    expect(out.indexOf('Summary')).toBeLessThan(out.indexOf('Outbound'));
  });

  it('is left out of a report narrowed to a cause, which it could not agree with', () => {
    expect(summaryOf(ingested('postfix/syslog-rfc3164.log'), '--cause', 'recipient-unknown')).toBeUndefined();
  });

  it('counts only the period asked for', () => {
    expect(summaryOf(ingested('postfix/syslog-rfc3164.log'), '--since', '2026-11-23')).toMatchObject({ received: 0, delivered: 0, bounced: 0 });
  });
});

describe('formatBytes', () => {
  it('writes decimal units with one decimal above a thousand bytes', () => {
    expect([formatBytes(368), formatBytes(111730), formatBytes(2_400_000)]).toEqual(['368 B', '111.7 kB', '2.4 MB']);
  });
});
