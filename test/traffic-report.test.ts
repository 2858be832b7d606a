// The report's traffic bars and delivery delays, on the bundled samples and on
// small logs written as Postfix writes them, with numbers counted by hand
// from the lines (the commands are beside each number).

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bar } from '../src/report/bars.js';
import { formatDuration } from '../src/report/delays.js';
import { cli, SAMPLES, tempDir } from './helpers.js';

function ingested(...files: string[]): string {
  const db = join(tempDir(), 'traffic.db');
  expect(cli(['ingest', '--db', db, '--year', '2026', '--tz', 'UTC', ...files]).status).toBe(0);
  return db;
}

const sample = (...files: string[]) => ingested(...files.map((f) => join(SAMPLES, f)));

/** A database of one Postfix log written for the test (RFC 3339 stamps: no year or zone to guess). */
function logDb(lines: string[]): string {
  const log = join(tempDir(), 'mail.log');
  writeFileSync(log, `${lines.join('\n')}\n`);
  return ingested(log);
}

function report(db: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return cli(['report', '--db', db, ...(args.includes('--tz') ? [] : ['--tz', 'UTC']), ...args]);
}

const json = (db: string, ...args: string[]) => JSON.parse(report(db, ...args, '--format', 'json').stdout);

const received = (time: string, qid: string) => `${time} vm postfix/qmgr[792]: ${qid}: from=<s@example.net>, size=299, nrcpt=1 (queue active)`;
const sent = (time: string, qid: string, delay: number) =>
  `${time} vm postfix/smtp[851]: ${qid}: to=<r@example.org>, relay=mx.example.org[192.0.2.7]:25, delay=${delay}, delays=${delay}/0/0/0, dsn=2.0.0, status=sent (250 2.0.0 Ok)`;
const bounced = (time: string) =>
  `${time} vm postfix/smtp[844]: 50B57160055: to=<nosuchuser1@a-nouser.test>, relay=127.0.0.1[127.0.0.1]:2501, delay=0.06, delays=0.02/0.02/0/0.01, dsn=5.1.1, status=bounced (host 127.0.0.1[127.0.0.1] said: 550 5.1.1 <nosuchuser1@a-nouser.test>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command))`;

/** Two messages delivered on 22 November, at 09:10 and 23:30 UTC, and a bounce on the 24th at 10:00. */
const THREE_DAYS = [
  received('2026-11-22T09:10:00+00:00', '54CE716005A'),
  sent('2026-11-22T09:10:01+00:00', '54CE716005A', 1.5),
  received('2026-11-22T23:30:00+00:00', '54CE716005B'),
  sent('2026-11-22T23:30:05+00:00', '54CE716005B', 5),
  bounced('2026-11-24T10:00:00+00:00'),
];

describe('--by hour and --by day alone', () => {
  it('count the Postfix sample in its one hour as the summary counts it, with the failed messages beside', () => {
    // f=samples/postfix/syslog-rfc3164.log; cut -c8-9 $f | sort -u → 21: every line is of 21:00 UTC
    // received 89, delivered 55, attempts 29, bounced 39, expired 4, rejected 6: the greps of test/summary.test.ts
    const db = sample('postfix/syslog-rfc3164.log');
    const failed = json(db, '--by', 'hour', '--count', 'messages');
    expect(failed.rows).toEqual([{ hour: '21', received: 89, delivered: 55, deferred: 29, bounced: 39, expired: 4, rejected: 6, count: failed.total, share: 1 }]);
  });

  it('list every day and hour from the first to the last in time order, those with nothing as zeros', () => {
    const db = logDb(THREE_DAYS);
    expect(json(db, '--by', 'day').rows.map((r: Record<string, unknown>) => [r.day, r.received, r.delivered, r.bounced, r.count])).toEqual([
      ['2026-11-22', 2, 2, 0, 0],
      ['2026-11-23', 0, 0, 0, 0],
      ['2026-11-24', 0, 0, 1, 1],
    ]);
    const hours = json(db, '--by', 'hour').rows.map((r: Record<string, unknown>) => r.hour);
    expect(hours).toEqual(['09', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20', '21', '22', '23']);
  });

  it("move each hour into the report zone's: 23:30 UTC is 00:30 in Paris, the next day", () => {
    const db = logDb(THREE_DAYS);
    const paris = (by: string) => json(db, '--by', by, '--tz', 'Europe/Paris').rows.map((r: Record<string, unknown>) => [r[by], r.delivered, r.bounced]);
    expect(paris('hour')).toEqual([
      ['00', 1, 0],
      ['01', 0, 0],
      ['02', 0, 0],
      ['03', 0, 0],
      ['04', 0, 0],
      ['05', 0, 0],
      ['06', 0, 0],
      ['07', 0, 0],
      ['08', 0, 0],
      ['09', 0, 0],
      ['10', 1, 0],
      ['11', 0, 1],
    ]);
    expect(paris('day')).toEqual([
      ['2026-11-22', 1, 0],
      ['2026-11-23', 1, 0],
      ['2026-11-24', 0, 1],
    ]);
  });

  it('list only the days with traffic when they span more than a year, as a stray stamp of long ago makes them', () => {
    const db = logDb([bounced('2001-11-22T10:00:00+00:00'), ...THREE_DAYS]);
    expect(json(db, '--by', 'day').rows.map((r: Record<string, unknown>) => r.day)).toEqual(['2001-11-22', '2026-11-22', '2026-11-24']);
  });

  it('count an hour when it starts in the period, and say when a period has no traffic', () => {
    const db = logDb(THREE_DAYS);
    expect(json(db, '--by', 'hour', '--since', '2026-11-22T09:30', '--until', '2026-11-23').rows.map((r: Record<string, unknown>) => r.hour)).toEqual(['23']);
    const empty = report(db, '--by', 'hour', '--since', '2026-11-25');
    expect(empty.stdout).toContain('no traffic in this period\n');
    expect(report(db, '--since', '2026-11-25').stdout).not.toContain('Traffic (');
  });

  it('keep the busiest rows under --top in time order, and say how many they left out', () => {
    const db = logDb(THREE_DAYS);
    const top = report(db, '--by', 'day', '--top', '2');
    expect(top.stdout).toMatch(/\n2026-11-22 .*\n2026-11-24 .*\n… and 1 more\n/);
    expect(json(db, '--by', 'day', '--top', '2').rows_left_out).toBe(1);
  });

  it('leave received blank under --direction, which a message received does not have yet', () => {
    const db = logDb(THREE_DAYS);
    expect(json(db, '--by', 'day', '--direction', 'outbound').rows[0]).toMatchObject({ day: '2026-11-22', received: null, delivered: 2 });
  });

  it('draw bars in text only: CSV has the JSON keys as its header', () => {
    const db = logDb(THREE_DAYS);
    expect(report(db, '--by', 'hour', '--format', 'csv').stdout.split('\r\n')[0]).toBe('hour,received,delivered,deferred,bounced,expired,rejected,count,share');
    const text = report(db, '--by', 'day').stdout;
    expect(text).toMatch(/\n2026-11-22 +2 +2 +0 +0 +0 +0 +0 +#+\n/);
    expect(text.split('\n').every((line) => line.length <= 80)).toBe(true);
  });

  it('stay failure breakdowns with a second dimension or with --cause', () => {
    const db = logDb(THREE_DAYS);
    expect(Object.keys(json(db, '--by', 'hour,cause').rows[0])).toEqual(['hour', 'cause', 'count', 'share']);
    expect(Object.keys(json(db, '--by', 'day', '--cause', 'recipient-unknown').rows[0])).toEqual(['day', 'count', 'share']);
  });
});

describe('the default report', () => {
  it('has a Traffic block per day and per hour after the failures, and the delays under the summary', () => {
    const db = logDb(THREE_DAYS);
    const text = report(db).stdout;
    // Outbound delays 1.5 and 5 s: the median is the first of two, the 95% the second.
    expect(text).toContain('received           2     598 B\n');
    expect(text).toContain('delivery delay: median 1.5 s, 95% 5 s, max 5 s (2 deliveries)\n');
    expect(text.indexOf('failed messages in all.')).toBeLessThan(text.indexOf('Traffic ('));
    expect(text).toMatch(/\nday +recv +deliv[^\n]*\n[- ]+\n2026-11-22 /);
    expect(text).toMatch(/\nhour +recv +deliv[^\n]*\n[- ]+\n09 /);
  });

  it('has traffic and delays in its JSON, and leaves them out when narrowed by cause', () => {
    // The qmail sample's delays, from each info line to its success (test/traffic.test.ts): 62 62 62 62 1 1 1;
    // the local one: grep 'starting delivery' samples/qmail/qmail-send.multilog | grep -c ' to local ' of those delivered → 1, of 1 s
    const db = sample('qmail/qmail-send.multilog');
    const out = json(db);
    expect(out.delays).toEqual({
      outbound: { median_seconds: 62, p95_seconds: 62, max_seconds: 62, deliveries: 6 },
      local: { median_seconds: 1, p95_seconds: 1, max_seconds: 1, deliveries: 1 },
    });
    expect(Object.keys(out.traffic)).toEqual(['days', 'hours']);
    expect(out.traffic.days).toHaveLength(1);
    const narrowed = json(db, '--cause', 'recipient-unknown');
    expect(narrowed.traffic).toBeUndefined();
    expect(narrowed.delays).toBeUndefined();
  });
});

describe('delays', () => {
  it('--by delay: the qmail sample as ranges from the first to the last with deliveries', () => {
    // the seven delays above: three of 1 s, four of 62 s
    const db = sample('qmail/qmail-send.multilog');
    expect(json(db, '--by', 'delay').rows.map((r: Record<string, unknown>) => [r.delay, r.deliveries])).toEqual([
      ['1-2 s', 3],
      ['2-5 s', 0],
      ['5-10 s', 0],
      ['10-30 s', 0],
      ['30 s-1 min', 0],
      ['1-2 min', 4],
    ]);
    expect(report(db, '--by', 'delay', '--format', 'csv').stdout.split('\r\n')[0]).toBe('delay,lower_seconds,upper_seconds,deliveries,share');
    expect(report(db, '--by', 'delay,cause').stderr).toContain('--by delay goes alone');
  });

  it('--by domain gains the median, 95% and maximum delay of each destination', () => {
    const db = logDb(THREE_DAYS);
    const rows = json(db, '--by', 'domain').rows;
    expect(rows.find((r: Record<string, unknown>) => r.domain === 'a-nouser.test')).toMatchObject({ median_delay_seconds: null, max_delay_seconds: null });
    expect(report(db, '--by', 'domain', '--format', 'csv').stdout.split('\r\n')[0]).toBe(
      'domain,count,share,permanent,delivered,failure_rate,median_delay_seconds,p95_delay_seconds,max_delay_seconds',
    );
  });

  it('are written as people read them', () => {
    expect([0.01, 0.06, 1.23, 27, 252, 240, 7380, 3599.6, 90_000].map(formatDuration)).toEqual(['< 0.1 s', '0.1 s', '1.2 s', '27 s', '4 min 12 s', '4 min', '2 h 3 min', '1 h', '1 d 1 h']);
  });
});

describe('bars', () => {
  it('fill the width for the widest row and give a lone failure one character', () => {
    expect(bar([[90, '#'], [10, 'x']], 100, 20)).toBe(`${'#'.repeat(18)}xx`);
    expect(bar([[999, '#'], [1, 'x']], 1000, 10)).toBe(`${'#'.repeat(9)}x`);
    expect(bar([[0, '#'], [0, 'x']], 1000, 10)).toBe('');
  });
});
