// Exim entries written over several lines: log.c's log_write puts an
// entry's text in the log as it is given, so a newline in it starts a line
// without a stamp; through syslog, write_syslog sends each line as a piece
// `[i\n]` (more lines follow) or `[i/n]` (the line goes on, or the last).

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MailEvent } from '../parsers/events.js';
import { EximParser } from '../parsers/exim/parser.js';
import { clockFromReference } from '../parsers/syslog.js';
import { openDatabase } from '../src/store/database.js';
import { cli, failuresOf, parseLines, tempDir } from './helpers.js';

const parse = (lines: string[]) => parseLines(new EximParser(), lines);

// A remote reply of several lines as Exim builds and patches that do not escape
// its newlines write it (Exim 4.96 writes them as `\n`): Gmail's 421 rate limit.
const GMAIL_421 = [
  "2026-11-22 18:46:43 1tXyzA-000123-AB == bob@gmail.com R=dnslookup T=remote_smtp defer (-44) H=gmail-smtp-in.l.google.com [142.250.27.26]: SMTP error from remote mail server after RCPT TO:<bob@gmail.com>: 421-4.7.0 [192.0.2.1      15] Our system has detected an unusual rate of",
  '421-4.7.0 unsolicited mail originating from your IP address. To protect our',
  '421-4.7.0 For more information, go to',
  '421 4.7.0  https://support.google.com/mail/answer/7720 a1si123 - gsmtp',
];
const GMAIL_421_TEXT =
  'SMTP error from remote mail server after RCPT TO:<bob@gmail.com>: 421-4.7.0 [192.0.2.1      15] Our system has detected an unusual rate of 421-4.7.0 unsolicited mail originating from your IP address. To protect our 421-4.7.0 For more information, go to 421 4.7.0  https://support.google.com/mail/answer/7720 a1si123 - gsmtp';

describe('native logs', () => {
  it('joins the lines of a remote reply to the failure they end, and reads the whole reason', () => {
    const { events, kinds } = parse([...GMAIL_421, '2026-11-22 18:46:44 1tXyzA-000123-AB Completed']);
    expect(kinds).toEqual(['recognised', 'recognised', 'recognised', 'recognised', 'recognised']);
    expect(failuresOf(events).map((e) => [e.outcome, e.recipient, e.relay, e.line, e.diagnostic])).toEqual([['deferred', 'bob@gmail.com', 'gmail-smtp-in.l.google.com [142.250.27.26]', 1, GMAIL_421_TEXT]]);
  });

  it('reads a failure that is the last line of its source, and lets no line of the next source continue it', () => {
    const parser = new EximParser();
    const events: MailEvent[] = [];
    parser.beginSource(clockFromReference(new Date(2026, 11, 31), 2026));
    parser.parseLine(GMAIL_421[0], 1, events);
    expect(events).toEqual([]);
    parser.endSource(events);
    expect(failuresOf(events)).toHaveLength(1);
    parser.beginSource(clockFromReference(new Date(2026, 11, 31), 2026));
    expect(parser.parseLine(GMAIL_421[1], 1, events)).toBe('malformed');
    parser.endSource(events);
    expect(failuresOf(events).map((e) => e.diagnostic)).toEqual([GMAIL_421_TEXT.slice(0, GMAIL_421_TEXT.indexOf(' 421-4.7.0 unsolicited'))]);
  });

  it("joins the detail of Exim's own configuration error to it", () => {
    // log.c log_config_info: "Exim configuration error" [" in line %d of %s"] ":\n  ", then the text; Exim's test suite, paniclog/0442.
    const { events, kinds } = parse([
      '2026-11-22 18:46:43 Exim configuration error in line 38 of /etc/exim4/exim4.conf:',
      '  failed to open included configuration file /etc/exim4/conf.d/main/99_local',
    ]);
    expect(kinds).toEqual(['recognised', 'recognised']);
    expect(events).toMatchObject([{ kind: 'problem', severity: 'fatal', text: 'Exim configuration error in line 38 of /etc/exim4/exim4.conf: failed to open included configuration file /etc/exim4/conf.d/main/99_local' }]);
  });

  it('recognises the continuation of an entry that makes no event', () => {
    // tls-openssl.c: "Warning: No server certificate defined; will use a selfsigned one.\n Suggested action: ..."; Exim's test suite, log/2011.
    const { events, kinds } = parse([
      '2026-11-22 18:46:43 Warning: No server certificate defined; will use a selfsigned one.',
      ' Suggested action: either install a certificate or change tls_advertise_hosts option',
    ]);
    expect(kinds).toEqual(['recognised', 'recognised']);
    expect(events).toEqual([]);
  });

  it('counts a line without a stamp as malformed where no entry comes before it, or where it is of neither shape, and joins nothing after that', () => {
    const { events, kinds } = parse([
      '421-4.7.0 unsolicited mail originating from your IP address. To protect our',
      GMAIL_421[0],
      'unsolicited mail originating from your IP address',
      '421 4.7.0  https://support.google.com/mail/answer/7720 a1si123 - gsmtp',
    ]);
    expect(kinds).toEqual(['malformed', 'recognised', 'malformed', 'malformed']);
    expect(failuresOf(events).map((e) => e.diagnostic)).toEqual([GMAIL_421_TEXT.slice(0, GMAIL_421_TEXT.indexOf(' 421-4.7.0 unsolicited'))]);
  });

  it('keeps the reject log’s header dump out of the reason, and counts the reject its main log also holds once', () => {
    // log.c log_write: the reject log gets the entry, then "Envelope-from: <%s>\n", "Envelope-to: <%s>\n", "    <%s>\n" for
    // up to four more recipients, and each header as "%c %s"; smtp_handle_acl_fail "%s%s%s %s%srejected %s%s".
    const reject = [
      '2026-11-22 18:46:43 1tXyzA-000123-AB H=mail.example.net [192.0.2.1] F=<s@example.net> rejected after DATA: Your message looks like spam:',
      '  score 12.3 is over the limit of 5',
    ];
    const { events, kinds } = parse([
      ...reject,
      ...reject,
      'Envelope-from: <s@example.net>',
      'Envelope-to: <a@example.org>',
      '    <b@example.org>',
      'P Received: from mail.example.net ([192.0.2.1])',
      '\tby mx.example.org with esmtp (Exim 4.96)',
      'F From: s@example.net',
      '  Subject: 421 offers you cannot refuse',
      '2026-11-22 18:46:44 1tXyzA-000123-AB Completed',
    ]);
    expect(kinds).toEqual(Array(reject.length * 2 + 8).fill('recognised'));
    expect(failuresOf(events).map((e) => [e.relay, e.stage, e.diagnostic])).toEqual([['mail.example.net[192.0.2.1]', 'end of DATA', 'Your message looks like spam: score 12.3 is over the limit of 5']]);
  });

  it('joins no more than 100 lines or 8 KiB to one entry: the rest of a hostile run is malformed', () => {
    const run = Array.from({ length: 10_000 }, (_, i) => `421-4.7.0 line ${i} of a run no Exim writes`);
    const { events, kinds } = parse([GMAIL_421[0], ...run, '2026-11-22 18:46:44 1tXyzA-000123-AB Completed']);
    const [failure] = failuresOf(events);
    expect(failure.diagnostic).toContain('421-4.7.0 line 99 of a run');
    expect(failure.diagnostic).not.toContain('line 100 of');
    expect(kinds.filter((k) => k === 'recognised')).toHaveLength(1 + 100 + 1);
    const long = 'x'.repeat(3000);
    expect(parse([GMAIL_421[0], ...Array(5).fill(`421-${long}`)]).kinds).toEqual(['recognised', 'recognised', 'recognised', 'malformed', 'malformed', 'malformed']);
  });
});

describe('through syslog', () => {
  it('joins the pieces of the lines of a remote reply', () => {
    // log.c write_syslog: "[%d%c%d] %.*s", with '\\' where a line of the entry ends and '/' where it goes on, or ends the entry.
    const [first, ...rest] = GMAIL_421.map((l) => l.replace('2026-11-22 18:46:43 ', ''));
    const { events, kinds } = parse([
      `Nov 22 18:46:43 mx2 exim[4242]: [1\\4] ${first}`,
      ...rest.map((l, i) => `Nov 22 18:46:43 mx2 exim[4242]: [${i + 2}${i === 2 ? '/' : '\\'}4] ${l}`),
    ]);
    expect(kinds).toEqual(['recognised', 'recognised', 'recognised', 'recognised']);
    expect(failuresOf(events).map((e) => [e.host, e.diagnostic])).toEqual([['mx2', GMAIL_421_TEXT]]);
  });

  it('stops at the reject log’s header dump, and counts the reject its main log copy also holds once', () => {
    // log.c log_write: with syslog_duplication (the default) the main log's copy (LOG_INFO) and the reject log's with its
    // header dump (LOG_NOTICE) both go to syslog; write_syslog sends the one line whole and the other in pieces.
    const entry = 'H=mail.example.net [192.0.2.1] F=<s@example.net> rejected after DATA: Your message looks like spam';
    const { events, kinds } = parse([
      `Nov 22 18:46:43 mx2 exim[4242]: ${entry}`,
      `Nov 22 18:46:43 mx2 exim[4242]: [1\\5] ${entry}`,
      'Nov 22 18:46:43 mx2 exim[4242]: [2\\5] Envelope-from: <s@example.net>',
      'Nov 22 18:46:43 mx2 exim[4242]: [3\\5] Envelope-to: <a@example.org>',
      'Nov 22 18:46:43 mx2 exim[4242]: [4\\5] P Received: from mail.example.net ([192.0.2.1])',
      'Nov 22 18:46:43 mx2 exim[4242]: [5/5] \tby mx.example.org with esmtp (Exim 4.96)',
      `Nov 22 19:02:11 mx2 exim[4250]: ${entry}`,
    ]);
    expect(kinds).toEqual(Array(7).fill('recognised'));
    expect(failuresOf(events).map((e) => [e.time, e.diagnostic])).toEqual([
      [new Date(2026, 10, 22, 18, 46, 43).getTime(), 'Your message looks like spam'],
      [new Date(2026, 10, 22, 19, 2, 11).getTime(), 'Your message looks like spam'],
    ]);
  });

  it("joins the detail of a configuration error, split into pieces", () => {
    const { events } = parse([
      'Nov 22 18:46:43 mx2 exim[4242]: [1\\2] Exim configuration error in line 38 of /etc/exim4/exim4.conf:',
      'Nov 22 18:46:43 mx2 exim[4242]: [2/2]   failed to open included configuration file /etc/exim4/conf.d/main/99_local',
    ]);
    expect(events.map((e) => e.kind === 'problem' && e.text)).toEqual(['Exim configuration error in line 38 of /etc/exim4/exim4.conf: failed to open included configuration file /etc/exim4/conf.d/main/99_local']);
  });
});

describe('a hostile file', () => {
  it('ingests a run of 10,000 lines without a stamp after one failure as one bounded failure, counting every line once', () => {
    const dir = tempDir();
    const log = join(dir, 'mainlog');
    const lines = [
      GMAIL_421[0],
      ...Array.from({ length: 10_000 }, (_, i) => (i % 2 ? `  indented line ${i}` : `550-5.7.1 reply line ${i}`)),
      '2026-11-22 18:46:44 1tXyzA-000123-AB Completed',
      '',
    ];
    writeFileSync(log, lines.join('\n'));
    const db = join(dir, 'm.db');
    const run = cli(['ingest', '--db', db, '--format', 'exim', log]);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('10002 lines (102 recognised, 0 other programs, 9900 skipped), 1 failure,');
    const check = openDatabase(db, { readonly: true });
    const diagnostics = check.prepare('SELECT diagnostic FROM events').pluck().all() as string[];
    check.close();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toContain('Our system has detected an unusual rate of 550-5.7.1 reply line 0 indented line 1');
    expect(diagnostics[0]).toMatch(/indented line 99$/);
  });
});
