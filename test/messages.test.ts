// Failed messages beside failed attempts: a deferral repeated at every retry
// is one message that was late, with what became of it. Counted by hand from
// the bundled samples.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { MailEvent, Mta } from '../parsers/events.js';
import { PARSERS } from '../parsers/registry.js';
import { Classifier } from '../src/classify/classifier.js';
import { ingest } from '../src/ingest.js';
import { openDatabase, type Db } from '../src/store/database.js';
import { isoTime, recipientDomain } from '../src/store/daily-counts.js';
import { isQueued } from '../src/store/messages.js';
import { cli, downgrade, parseLines, SAMPLES, tempDb, tempDir } from './helpers.js';

interface Report {
  count: string;
  total: number;
  rows: Record<string, string | number>[];
}

/** A database of `files`; `forFile`: kept for the whole test file, as a describe block's. */
function ingested(files: string[], forFile = false): string {
  const db = join(tempDir(forFile), 'maillog.db');
  expect(cli(['ingest', '--db', db, '--year', '2026', ...files]).status).toBe(0);
  return db;
}

function report(db: string, ...args: string[]): Report {
  const run = cli(['report', '--db', db, '--format', 'json', ...args]);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as Report;
}

/** count by the value of `key`, as a report --format json gives them. */
function counts(r: Report, key: string): Record<string, number> {
  return Object.fromEntries(r.rows.map((row) => [row[key], row.count as number]));
}

const POSTFIX = join(SAMPLES, 'postfix', 'syslog-rfc3164.log');
const EXIM = join(SAMPLES, 'exim', 'mainlog');

describe('a Postfix log', () => {
  // By hand: `grep -c status=deferred` gives 29 deferral attempts; `grep status=deferred | sed -E
  // 's/.*: ([0-9A-F]+): to=<([^>]*)>.*/\1 \2/' | sort -u` gives 8 messages (queue id + recipient). Of those,
  // 4 have a later status=sent (A16C4160055, A496C16005B, A7925160058 once deferred, BCDE3160066 twice: 5
  // attempts), and 4 were deferred 6 times each and expired with qmgr's "status=expired, returned to sender"
  // (07E1916005F, AA142160059, ACDD716005A, B32E816005C). None is left in the queue.
  const db = ingested([POSTFIX], true);

  it('counts 8 deferred messages and 29 deferral attempts', () => {
    expect(report(db, '--outcome', 'deferred', '--count', 'attempts').total).toBe(29);
    const fates = counts(report(db, '--by', 'fate'), 'fate');
    expect(fates.delivered + fates.expired + (fates.pending ?? 0)).toBe(8);
  });

  it('gives each deferred message its fate: 4 delivered later, 4 expired, none pending', () => {
    const fates = counts(report(db, '--by', 'fate', '--by', 'outcome'), 'fate');
    const rows = report(db, '--by', 'fate,outcome').rows.map((r) => [r.fate, r.outcome, r.count]);
    expect(rows).toContainEqual(['delivered', 'deferred', 4]);
    expect(rows).toContainEqual(['expired', 'expired', 4]);
    expect(fates.pending).toBeUndefined();
  });

  it('counts a deferral repeated at every retry once under --count messages and every time under --count attempts', () => {
    // AA142160059 to anyone@k-banner421.test: 6 deferrals (421 4.3.2 banner), then the expiry.
    const messages = report(db, '--domain', 'k-banner421.test');
    const attempts = report(db, '--domain', 'k-banner421.test', '--count', 'attempts');
    expect(messages).toMatchObject({ count: 'messages', total: 1 });
    expect(attempts).toMatchObject({ count: 'attempts', total: 7 });
    expect(counts(report(db, '--domain', 'k-banner421.test', '--by', 'outcome', '--count', 'attempts'), 'outcome')).toEqual({ deferred: 6, expired: 1 });
  });

  it('counts a message delivered later under the cause of its last deferral, and out of the failure rate', () => {
    // BCDE3160066 to x@s13-yahoo-tss04.test: deferred twice by Yahoo's TSS04 throttling, then sent.
    const byCause = report(db, '--by', 'cause', '--domain', 's13-yahoo-tss04.test');
    expect(byCause.rows).toEqual([expect.objectContaining({ cause: 'throttled', count: 1 })]);
    const byDomain = report(db, '--by', 'domain', '--domain', 's13-yahoo-tss04.test');
    expect(byDomain.rows[0]).toMatchObject({ domain: 's13-yahoo-tss04.test', count: 1, permanent: 0, delivered: 1, failure_rate: 0 });
  });

  it('counts each SMTP-time reject as a message of its own', () => {
    const rejects = report(db, '--outcome', 'rejected', '--count', 'attempts').total;
    expect(rejects).toBeGreaterThan(0);
    expect(report(db, '--outcome', 'rejected').total).toBe(rejects);
  });

  it('counts a message under each code it failed with in --by code', () => {
    const byCode = report(db, '--by', 'code');
    expect(byCode.count).toBe('messages');
    expect(byCode.total).toBe(report(db).total);
  });
});

describe('an Exim main log', () => {
  // By hand: `grep ' == ' mainlog | grep -vc 'retry time not reached'` gives 29 deferral attempts (no queue-run
  // note is among them); `awk '{print $4, $6}'` on those lines, sorted and made unique, gives 8 messages
  // (message id + recipient). 3 have a later `=>` (1xVF3f-000052-0C, 1xVF3f-00005A-0H once deferred,
  // 1xVF3i-000080-31 twice); 5 were given up with `**` after their retry rules: 4 deferred 6 times and
  // 1xVF3f-000067-2L (fullbox@) once.
  const db = ingested([EXIM], true);

  it('counts 8 deferred messages and 29 deferral attempts, 3 delivered later and 5 expired', () => {
    expect(report(db, '--outcome', 'deferred', '--count', 'attempts').total).toBe(29);
    const rows = report(db, '--by', 'fate,outcome').rows.map((r) => [r.fate, r.outcome, r.count]);
    expect(rows).toContainEqual(['delivered', 'deferred', 3]);
    expect(rows).toContainEqual(['expired', 'expired', 5]);
    expect(rows.filter(([fate]) => fate === 'pending')).toEqual([]);
  });

  it('counts a deferral repeated at every retry once under --count messages and every time under --count attempts', () => {
    expect(report(db, '--domain', 'k-banner421.test').total).toBe(1);
    expect(counts(report(db, '--domain', 'k-banner421.test', '--by', 'outcome', '--count', 'attempts'), 'outcome')).toEqual({ deferred: 6, expired: 1 });
  });
});

describe('a message still queued at the end of the data', () => {
  it('is pending, and delivered once a later night logs its delivery', () => {
    const dir = tempDir();
    const lines = readFileSync(POSTFIX, 'utf8').split('\n');
    // The greylisted message: deferred in one night's file, sent in the next one's.
    const sent = lines.findIndex((l) => l.includes('A16C4160055: to=<grey@j-greylist.test>') && l.includes('status=sent'));
    const first = join(dir, 'mail.log.1');
    const second = join(dir, 'mail.log');
    writeFileSync(first, `${lines.slice(0, sent).join('\n')}\n`);
    writeFileSync(second, `${lines.slice(sent).join('\n')}`);
    const db = join(dir, 'maillog.db');
    expect(cli(['ingest', '--db', db, '--year', '2026', first]).status).toBe(0);
    const before = report(db, '--domain', 'j-greylist.test', '--by', 'fate');
    expect(before.rows.map((r) => [r.fate, r.count])).toEqual([['pending', 1]]);
    expect(cli(['ingest', '--db', db, '--year', '2026', second]).status).toBe(0);
    const after = report(db, '--domain', 'j-greylist.test', '--by', 'fate');
    expect(after.rows.map((r) => [r.fate, r.count])).toEqual([['delivered', 1]]);
  });
});

describe('a version 3 database', () => {
  it('is given its failed messages from the events it keeps, a message last deferred being of unknown fate', () => {
    const db = ingested([POSTFIX]);
    const expected = report(db, '--by', 'cause');
    const raw = new Database(db);
    // As version 3 left it: no messages, and no deliveries followed.
    downgrade(raw, 3);
    raw.close();
    const upgraded = report(db, '--by', 'cause');
    expect(upgraded.total).toBe(expected.total);
    expect(upgraded.rows).toEqual(expected.rows);
    const fates = counts(report(db, '--by', 'fate'), 'fate');
    expect(fates).toMatchObject({ unknown: 4, expired: 4 });
    expect(fates.delivered).toBeUndefined();
  });

  it('keeps pending the messages whose deferral the next run is still waiting on', () => {
    const dir = tempDir();
    const lines = readFileSync(POSTFIX, 'utf8').split('\n');
    const sent = lines.findIndex((l) => l.includes('A16C4160055: to=<grey@j-greylist.test>') && l.includes('status=sent'));
    const first = join(dir, 'mail.log.1');
    writeFileSync(first, `${lines.slice(0, sent).join('\n')}\n`);
    const db = ingested([first]);
    const raw = new Database(db);
    downgrade(raw, 3);
    raw.close();
    expect(counts(report(db, '--domain', 'j-greylist.test', '--by', 'fate'), 'fate')).toEqual({ pending: 1 });
  });
});

describe('--count', () => {
  it('refuses another value, and --by fate under --count attempts, in one line', () => {
    const db = ingested([POSTFIX]);
    const bad = cli(['report', '--db', db, '--count', 'lines']);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/count/);
    const fate = cli(['report', '--db', db, '--by', 'fate', '--count', 'attempts']);
    expect(fate.status).toBe(2);
    expect(fate.stderr.trim().split('\n')).toEqual(['maillog: --by fate counts messages: leave out --count attempts']);
  });

  it('prunes failed messages with the events', () => {
    const db = ingested([POSTFIX]);
    expect(cli(['ingest', '--db', db, '--keep-events', '1d', EXIM]).status).toBe(0);
    const check = openDatabase(db, { readonly: true });
    expect(check.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(0);
    check.close();
    expect(report(db).total).toBe(0);
  });
});

/** The failed messages, in key order, with the columns schema.sql documents as texts. */
function messageRows(db: Db): Record<string, unknown>[] {
  return db
    .prepare(
      `SELECT mta, host, queue_id, recipient, recipient_domain, direction, outcome, cause, attempts, first_failure, last_failure, fate
       FROM messages ORDER BY mta, host, queue_id, recipient`,
    )
    .all() as Record<string, unknown>[];
}

/**
 * The rows writing each failure and late delivery to the table as it is read
 * gives: a queued message's failures add attempts, the first keeps its time,
 * the latest gives the rest, and a delivery makes a pending message delivered.
 */
function rowsOneByOne(events: MailEvent[]): Record<string, unknown>[] {
  const classifier = new Classifier();
  const rows = new Map<string, Record<string, unknown>>();
  const keyOf = (e: { mta: Mta; host: string; queueId: string | null; recipient: string | null }) => [e.mta, e.host, e.queueId, e.recipient].join('\u0000');
  for (const e of events) {
    if (e.kind === 'failure' && isQueued(e)) {
      const time = isoTime(e.time);
      const row = rows.get(keyOf(e)) ?? { mta: e.mta, host: e.host, queue_id: e.queueId, recipient: e.recipient, recipient_domain: recipientDomain(e.recipient), attempts: 0, first_failure: time };
      const { cause } = classifier.classify({ text: e.diagnostic, dsn: e.dsn, stage: e.stage, outcome: e.outcome, relay: e.relay });
      const fate = e.outcome === 'deferred' ? 'pending' : e.outcome;
      rows.set(keyOf(e), { ...row, direction: e.direction, outcome: e.outcome, cause, attempts: (row.attempts as number) + 1, last_failure: time, fate });
    } else if (e.kind === 'delivered' && e.afterDeferral) {
      const row = rows.get(keyOf(e));
      if (row?.fate === 'pending') row.fate = 'delivered';
    }
  }
  const key = (row: Record<string, unknown>) => [row.mta, row.host, row.queue_id, row.recipient].join('\u0000');
  return [...rows.values()].sort((a, b) => (key(a) < key(b) ? -1 : 1));
}

function sampleEvents(sample: string): MailEvent[] {
  const mta = sample.split('/')[0] as Mta;
  return parseLines(PARSERS[mta](), readFileSync(join(SAMPLES, sample), 'utf8').split('\n')).events;
}

describe('the failed-message rows of an ingest', () => {
  const samples = ['postfix/syslog-rfc3164.log', 'postfix/maillog_file-long-ids.log', 'exim/mainlog', 'qmail/qmail-send.multilog', 'qmail/qmail-send.splogger.log'];

  it.each(samples)('are, for samples/%s, what writing each failure and late delivery as it is read gives', async (sample) => {
    const expected = rowsOneByOne(sampleEvents(sample));
    // Not a comparison of two empty tables: messages retried, and messages delivered late.
    expect(expected.some((r) => (r.attempts as number) > 1)).toBe(true);
    expect(expected.some((r) => r.fate === 'delivered')).toBe(true);
    const { db } = tempDb();
    await ingest(db, [join(SAMPLES, sample)], { format: 'auto', year: 2026 });
    expect(messageRows(db)).toEqual(expected);
  });

  it('add up across nights: attempts, the first failure of the first night, the fate the last night tells', () => {
    const dir = tempDir();
    const db = join(dir, 'm.db');
    const qmgr = (stamp: string, id: string) => `Nov ${stamp} mail1 postfix/qmgr[100]: ${id}: from=<alice@example.net>, size=1234, nrcpt=1 (queue active)`;
    const deferred = (stamp: string, id: string, to: string) =>
      `Nov ${stamp} mail1 postfix/smtp[101]: ${id}: to=<${to}>, relay=none, delay=5, delays=0/0/5/0, dsn=4.4.1, status=deferred (connect to mx.example.org[192.0.2.7]:25: Connection refused)`;
    const sent = (stamp: string, id: string, to: string) =>
      `Nov ${stamp} mail1 postfix/smtp[101]: ${id}: to=<${to}>, relay=mx.example.org[192.0.2.7]:25, delay=86400, delays=86399/0/0.5/0.5, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 9ABCDEF)`;
    const bounced = (stamp: string, id: string, to: string) =>
      `Nov ${stamp} mail1 postfix/smtp[101]: ${id}: to=<${to}>, relay=mx.example.org[192.0.2.7]:25, delay=183, delays=0/0/0.1/0, dsn=5.1.1, status=bounced (host mx.example.org[192.0.2.7] said: 550 5.1.1 <${to}>: Recipient address rejected: User unknown (in reply to RCPT TO command))`;
    const expired = (stamp: string, id: string) => `Nov ${stamp} mail1 postfix/qmgr[100]: ${id}: from=<alice@example.net>, status=expired, returned to sender`;
    const nights = [
      [
        qmgr('20 10:00:00', '1A1A1A1A1A'), deferred('20 10:00:05', '1A1A1A1A1A', 'late@example.org'),
        qmgr('20 10:00:00', '2B2B2B2B2B'), deferred('20 10:00:05', '2B2B2B2B2B', 'never@example.org'), deferred('20 11:00:05', '2B2B2B2B2B', 'never@example.org'),
        qmgr('20 10:00:00', '3C3C3C3C3C'), deferred('20 10:00:05', '3C3C3C3C3C', 'soon@example.org'), sent('20 10:30:05', '3C3C3C3C3C', 'soon@example.org'),
        qmgr('20 10:00:00', '4D4D4D4D4D'), bounced('20 10:00:05', '4D4D4D4D4D', 'gone@example.org'),
        qmgr('20 10:00:00', '5E5E5E5E5E'), deferred('20 10:00:05', '5E5E5E5E5E', 'twice@example.org'),
      ],
      [
        sent('21 09:00:05', '1A1A1A1A1A', 'late@example.org'),
        deferred('21 10:00:05', '2B2B2B2B2B', 'never@example.org'),
        deferred('21 10:00:05', '5E5E5E5E5E', 'twice@example.org'), sent('21 11:00:05', '5E5E5E5E5E', 'twice@example.org'),
      ],
      [expired('22 10:00:06', '2B2B2B2B2B')],
    ];
    nights.forEach((lines, i) => {
      const log = join(dir, `mail.log.${nights.length - i}`);
      writeFileSync(log, `${lines.join('\n')}\n`);
      expect(cli(['ingest', '--db', db, '--year', '2026', '--tz', 'UTC', log]).status).toBe(0);
    });
    const check = openDatabase(db, { readonly: true });
    const rows = check.prepare('SELECT queue_id, recipient, outcome, cause, attempts, first_failure, last_failure, fate FROM messages ORDER BY queue_id').all();
    check.close();
    const row = (queueId: string, recipient: string, outcome: string, cause: string, attempts: number, first: string, last: string, fate: string) => ({
      queue_id: queueId, recipient, outcome, cause, attempts, first_failure: `2026-11-${first}.000Z`, last_failure: `2026-11-${last}.000Z`, fate,
    });
    expect(rows).toEqual([
      // Deferred one night, delivered the next: its row was written the night before.
      row('1A1A1A1A1A', 'late@example.org', 'deferred', 'recipient-server-down', 1, '20T10:00:05', '20T10:00:05', 'delivered'),
      // Deferred on two nights, expired on a third: every attempt counts, from the first night's first.
      row('2B2B2B2B2B', 'never@example.org', 'expired', 'recipient-server-down', 4, '20T10:00:05', '22T10:00:06', 'expired'),
      row('3C3C3C3C3C', 'soon@example.org', 'deferred', 'recipient-server-down', 1, '20T10:00:05', '20T10:00:05', 'delivered'),
      row('4D4D4D4D4D', 'gone@example.org', 'bounced', 'recipient-unknown', 1, '20T10:00:05', '20T10:00:05', 'bounced'),
      // Pending after the first night, deferred again and delivered in the second.
      row('5E5E5E5E5E', 'twice@example.org', 'deferred', 'recipient-server-down', 2, '20T10:00:05', '21T10:00:05', 'delivered'),
    ]);
  });
});
