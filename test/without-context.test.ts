// A failure whose earlier lines are not in the data (the log starts mid-way,
// an older file was not given, a fragment is pasted into stdin) is still a
// failure: stored with what its own line says, and counted apart, so the
// summary can say how many were read so.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { lacksContext } from '../parsers/events.js';
import { EximParser } from '../parsers/exim/parser.js';
import { PostfixParser } from '../parsers/postfix/parser.js';
import { QmailParser } from '../parsers/qmail/parser.js';
import type { Summary } from '../src/report/summary.js';
import { cli, downgrade, failuresOf, parseLines, SAMPLES, tempDir } from './helpers.js';

// Lines of samples/postfix/syslog-rfc3164.log (a real Postfix 3.7.11): message 50B57160055 bounced for two
// recipients; the fragment holds the second status line only, without qmgr's from= before it.
const POSTFIX_FROM = 'Nov 22 21:22:16 vm postfix/qmgr[833]: 54CE716005A: from=<sender@example.net>, size=370, nrcpt=1 (queue active)';
const POSTFIX_ORPHAN =
  'Nov 22 21:22:16 vm postfix/smtp[844]: 50B57160055: to=<nosuchuser2@a-nouser.test>, relay=127.0.0.1[127.0.0.1]:2501, delay=0.06, delays=0.02/0.02/0/0.02, dsn=5.1.1, status=bounced (host 127.0.0.1[127.0.0.1] said: 550 5.1.1 The email account that you tried to reach does not exist (in reply to RCPT TO command))';
const POSTFIX_WHOLE =
  'Nov 22 21:22:16 vm postfix/smtp[844]: 54CE716005A: to=<victim@b-spamhaus.test>, relay=127.0.0.1[127.0.0.1]:2502, delay=0.07, delays=0.02/0.03/0.01/0, dsn=5.7.1, status=bounced (host 127.0.0.1[127.0.0.1] said: 550 5.7.1 Service unavailable; Client host [127.0.0.1] blocked using zen.spamhaus.org (in reply to RCPT TO command))';

// qmail-send result lines (qmail-log(5)) whose `starting delivery` was in an older file: qmail-local's and qmail-remote's reports.
const QMAIL_LOCAL_ORPHAN = '@400000006b032dac075bcd15 delivery 12: failure: Sorry,_no_mailbox_here_by_that_name._(#5.1.1)/';
const QMAIL_REMOTE_ORPHAN =
  '@400000006b032dac075bcd15 delivery 13: failure: 192.0.2.11_does_not_like_recipient./Remote_host_said:_550_5.1.1_<bob@example.org>:_Recipient_address_rejected:_User_unknown/Giving_up_on_192.0.2.11./';
const QMAIL_NO_HOST = "@400000006b032dac075bcd15 delivery 15: failure: Sorry,_I_couldn't_find_any_host_named_example.invalid._(#5.1.2)/";
const QMAIL_MAILDROP = '@400000006b032dac075bcd15 delivery 16: deferral: maildrop:_maildir_over_quota./';
const QMAIL_AMBIGUOUS_MX =
  "@400000006b032dac075bcd15 delivery 14: failure: Sorry._Although_I'm_listed_as_a_best-preference_MX_or_A_for_that_host,/it_isn't_in_my_control/locals_file,_so_I_don't_treat_it_as_local._(#5.4.6)/";

describe('a Postfix status line without its message’s from= line', () => {
  it('is a bounce stored with its recipient and an unknown sender, and lacks context', () => {
    const [orphan, whole] = failuresOf(parseLines(new PostfixParser(), [POSTFIX_ORPHAN, POSTFIX_FROM, POSTFIX_WHOLE]).events);
    expect(orphan).toMatchObject({ outcome: 'bounced', queueId: '50B57160055', recipient: 'nosuchuser2@a-nouser.test', sender: null });
    expect(lacksContext(orphan)).toBe(true);
    expect(whole).toMatchObject({ sender: 'sender@example.net' });
    expect(lacksContext(whole)).toBe(false);
  });

  it('is never said of a refusal of a client, which its own line holds whole', () => {
    const reject =
      'Nov 22 21:22:20 vm postfix/smtpd[850]: NOQUEUE: reject: RCPT from unknown[192.0.2.4]: 554 5.7.1 <bob@example.org>: Relay access denied; to=<bob@example.org> proto=ESMTP helo=<x>';
    const [event] = failuresOf(parseLines(new PostfixParser(), [reject]).events);
    expect(event).toMatchObject({ direction: 'inbound', sender: null });
    expect(lacksContext(event)).toBe(false);
  });
});

describe('an Exim ** line without its message’s <= line', () => {
  // As samples/exim/mainlog's, without log_selector +sender_on_delivery (no F=<...>).
  const BOUNCE =
    '2026-11-22 21:25:10 1xVF3e-00002c-1a ** nosuchuser1@a-nouser.test R=test_domains T=remote_smtp H=127.0.0.1 [127.0.0.1]:2501: SMTP error from remote mail server after RCPT TO:<nosuchuser1@a-nouser.test>: 550 5.1.1 The email account that you tried to reach does not exist';
  const ARRIVAL = '2026-11-22 21:25:10 1xVF3e-00002c-1a <= sender@example.net H=localhost [127.0.0.1] P=esmtp S=370';

  it('is a bounce with its recipient and an unknown sender, which lacks context; with its <= line it does not', () => {
    const [orphan] = failuresOf(parseLines(new EximParser(), [BOUNCE]).events);
    expect(orphan).toMatchObject({ outcome: 'bounced', recipient: 'nosuchuser1@a-nouser.test', sender: null });
    expect(lacksContext(orphan)).toBe(true);
    const [whole] = failuresOf(parseLines(new EximParser(), [ARRIVAL, BOUNCE]).events);
    expect(whole.sender).toBe('sender@example.net');
    expect(lacksContext(whole)).toBe(false);
  });
});

describe('a qmail result line without its starting delivery line', () => {
  const failures = () => failuresOf(parseLines(new QmailParser(), [QMAIL_LOCAL_ORPHAN, QMAIL_REMOTE_ORPHAN, QMAIL_NO_HOST, QMAIL_MAILDROP, QMAIL_AMBIGUOUS_MX]).events);

  it('is a failure with no recipient, which lacks context', () => {
    expect(failures().map((e) => e.outcome)).toEqual(['bounced', 'bounced', 'bounced', 'deferred', 'bounced']);
    expect(failures().every((e) => e.recipient === null && lacksContext(e))).toBe(true);
  });

  it('is outbound when its report names the remote host or is one of qmail-remote’s that name none, else local', () => {
    expect(failures().map((e) => [e.direction, e.relay])).toEqual([
      ['local', null],
      ['outbound', '[192.0.2.11]'],
      ['outbound', null],
      ['local', null],
      ['outbound', null],
    ]);
  });

  it('reads the line qmail-remote broke after a comma as one sentence', () => {
    expect(failures()[4].diagnostic).toBe("Sorry. Although I'm listed as a best-preference MX or A for that host, it isn't in my control/locals file, so I don't treat it as local. (#5.4.6)");
  });
});

const summaryOf = (db: string) => (JSON.parse(cli(['report', '--db', db, '--format', 'json']).stdout) as { summary: Summary }).summary;

describe('the summary', () => {
  it('counts the failure lines read without context, and says so under the block', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'maillog'), [POSTFIX_ORPHAN, POSTFIX_FROM, POSTFIX_WHOLE, ''].join('\n'));
    writeFileSync(join(dir, 'current'), [QMAIL_LOCAL_ORPHAN, QMAIL_REMOTE_ORPHAN, ''].join('\n'));
    const db = join(dir, 'm.db');
    expect(cli(['ingest', '--db', db, '--year', '2026', join(dir, 'maillog'), join(dir, 'current')]).status).toBe(0);
    expect(summaryOf(db)).toMatchObject({ bounced: 4, without_context: 3 });
    const text = cli(['report', '--db', db]).stdout;
    expect(text).toContain("3 failure lines read without the message's earlier lines (the log starts mid-way, or an older file was not given): sender or recipient unknown");
  });

  it('has no such line when every failure had its context, as on the samples', () => {
    const db = join(tempDir(), 'm.db');
    expect(cli(['ingest', '--db', db, '--year', '2026', join(SAMPLES, 'postfix'), join(SAMPLES, 'exim'), join(SAMPLES, 'qmail')]).status).toBe(0);
    expect(summaryOf(db).without_context).toBe(0);
    expect(cli(['report', '--db', db]).stdout).not.toContain('without the message');
  });

  it('counts what a log cut mid-way lacks, and loses none of the failures after the cut', () => {
    const lines = readFileSync(join(SAMPLES, 'qmail', 'qmail-send.multilog'), 'utf8').split('\n');
    // Cut before delivery 1's result: its start, and its message's info line, are in the part not given.
    const cut = lines.findIndex((l) => l.includes(' delivery 1: failure: '));
    const dir = tempDir();
    writeFileSync(join(dir, 'current'), lines.slice(cut).join('\n'));
    const whole = join(dir, 'whole.db');
    const part = join(dir, 'part.db');
    expect(cli(['ingest', '--db', whole, join(SAMPLES, 'qmail', 'qmail-send.multilog')]).status).toBe(0);
    expect(cli(['ingest', '--db', part, join(dir, 'current')]).status).toBe(0);
    const failuresAfterCut = new Database(whole, { readonly: true }).prepare('SELECT count(*) FROM events WHERE line > ?').pluck().get(cut) as number;
    const stored = new Database(part, { readonly: true });
    expect(stored.prepare('SELECT count(*) FROM events').pluck().get()).toBe(failuresAfterCut);
    expect(stored.prepare('SELECT count(*) FROM events WHERE recipient IS NULL').pluck().get()).toBe(1);
    expect(summaryOf(part).without_context).toBe(1);
  });
});

describe('a fragment piped into stdin', () => {
  it('is read and stored, qmail-send lines syslogged without splogger’s stamp included', () => {
    const fragment = [
      'Dec  6 10:00:01 mx qmail-send[123]: delivery 18: failure: Sorry,_no_mailbox_here_by_that_name._(#5.1.1)/',
      "Dec  6 10:00:02 mx qmail-send[123]: delivery 19: deferral: Sorry,_I_wasn't_able_to_establish_an_SMTP_connection._(#4.4.1)/",
      '',
    ].join('\n');
    const db = join(tempDir(), 'm.db');
    const run = cli(['ingest', '--db', db, '--year', '2026', '-'], { input: fragment });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('2 lines (2 recognised');
    const stored = new Database(db, { readonly: true }).prepare('SELECT direction, outcome, cause FROM events ORDER BY line').all();
    expect(stored).toEqual([
      { direction: 'local', outcome: 'bounced', cause: 'recipient-unknown' },
      { direction: 'outbound', outcome: 'deferred', cause: 'recipient-server-down' },
    ]);
    expect(summaryOf(db).without_context).toBe(2);
  });
});

describe('a version 7 database', () => {
  it('counts the failures without context among the events it kept', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'current'), [QMAIL_LOCAL_ORPHAN, QMAIL_REMOTE_ORPHAN, ''].join('\n'));
    const db = join(dir, 'old.db');
    expect(cli(['ingest', '--db', db, join(dir, 'current')]).status).toBe(0);
    const raw = new Database(db);
    downgrade(raw, 7);
    raw.close();
    expect(summaryOf(db).without_context).toBe(2);
  });
});
