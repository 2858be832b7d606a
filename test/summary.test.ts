// The summary block of the default report, against what pflogsumm and
// eximstats print on the same samples: their output is recorded in
// test/reference-tools/ (its README says how), and each number agrees or
// differs by the log lines docs/summary.md names, counted here in the sample.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatBytes, type Summary } from '../src/report/summary.js';
import { PostfixParser } from '../parsers/postfix/parser.js';
import { cli, parseLines, SAMPLES, tempDir } from './helpers.js';

function ingested(...files: string[]): string {
  const db = join(tempDir(), 'summary.db');
  expect(cli(['ingest', '--db', db, '--year', '2026', '--tz', 'UTC', ...files.map((f) => join(SAMPLES, f))]).status).toBe(0);
  return db;
}

const summaryOf = (db: string, ...args: string[]) => (JSON.parse(cli(['report', '--db', db, '--format', 'json', ...args]).stdout) as { summary?: Summary }).summary;

const recorded = (name: string) => readFileSync(join(import.meta.dirname, 'reference-tools', name), 'utf8');
const sampleLines = (sample: string) => readFileSync(join(SAMPLES, sample), 'utf8').split('\n');
const sum = (ns: number[]) => ns.reduce((a, b) => a + b, 0);

/** pflogsumm's Grand Totals by label (`received`, `bytes delivered`, ...), with `deferrals` from the deferred line. */
function pflogsummTotals(output: string): Record<string, number> {
  const totals: Record<string, number> = {};
  const grand = output.slice(output.indexOf('Grand Totals'), output.indexOf('Per-Hour Traffic Summary'));
  for (const [line, count, unit, label, deferrals] of grand.matchAll(/^ +(\d+)(.)  ([a-z][a-z /]*[a-z])(?:  \((\d+)  deferrals\))?.*$/gm)) {
    // A count over 512 k is printed divided, with a k or m: no longer the count.
    if (unit !== ' ') throw new Error(`pflogsumm shortened a count: ${line}`);
    totals[label] = Number(count);
    if (deferrals !== undefined) totals.deferrals = Number(deferrals);
  }
  return totals;
}

/** eximstats' Grand total summary (run with -nvr, so volumes are bytes) and its count of errors. */
function eximstatsTotals(output: string) {
  const row = (label: string, re: string) => {
    const match = new RegExp(`^  ${label} +${re}`, 'm').exec(output);
    if (!match) throw new Error(`no ${label} row in eximstats' output`);
    return match.slice(1).map(Number);
  };
  const [receivedBytes, received, delayed, failed] = row('Received', '(\\d+) +(\\d+) +\\d+ +(\\d+) +[\\d.]+% +(\\d+) ');
  const [deliveredBytes, deliveredMessages, deliveredAddresses] = row('Delivered', '(\\d+) +(\\d+) +(\\d+) ');
  const [rejects] = row('Rejects', '(\\d+) ');
  const errors = Number(/^Errors encountered: (\d+)$/m.exec(output)?.[1] ?? 0);
  return { received, receivedBytes, delayed, failed, deliveredBytes, deliveredMessages, deliveredAddresses, rejects, errors };
}

/**
 * The queue ids qmgr took in that pflogsumm does not count as received (it
 * counts smtpd `client=` and pickup lines), and those it counts that never
 * reached qmgr, each with its size from qmgr's first line.
 */
function postfixArrivals(lines: string[]) {
  const received = new Set<string>();
  const queued = new Map<string, { sender: string; size: number }>();
  const forwardedAs = new Set<string>();
  for (const line of lines) {
    const client = /\/(?:smtpd|postscreen|pickup)\[\d+\]: (\w+): (?:client|sender|uid)=/.exec(line);
    if (client) received.add(client[1]);
    const qmgr = /\/qmgr\[\d+\]: (\w+): from=<([^>]*)>, size=(\d+)/.exec(line);
    if (qmgr && !queued.has(qmgr[1])) queued.set(qmgr[1], { sender: qmgr[2], size: Number(qmgr[3]) });
    const forward = /, status=sent \(forwarded as (\w+)\)/.exec(line);
    if (forward) forwardedAs.add(forward[1]);
  }
  const onlyQueued = [...queued].filter(([id]) => !received.has(id));
  return {
    bounceNotices: onlyQueued.filter(([, m]) => m.sender === ''),
    forwardedCopies: onlyQueued.filter(([id]) => forwardedAs.has(id)),
    onlyQueued,
    neverQueued: [...received].filter((id) => !queued.has(id)),
  };
}

describe.each([
  { sample: 'postfix/syslog-rfc3164.log', output: 'pflogsumm-1.1.5-syslog-rfc3164.txt', bounceNotices: 41, forwardedCopies: 0, neverQueued: 2, expiries: 4 },
  { sample: 'postfix/maillog_file-long-ids.log', output: 'pflogsumm-1.1.5-maillog_file-long-ids.txt', bounceNotices: 28, forwardedCopies: 2, neverQueued: 2, expiries: 6 },
])('the summary of $sample against pflogsumm 1.1.5', ({ sample, output, ...expected }) => {
  const pflogsumm = pflogsummTotals(recorded(output));
  const lines = sampleLines(sample);
  const arrivals = postfixArrivals(lines);
  let maillog: Summary;
  beforeAll(() => {
    maillog = summaryOf(ingested(sample))!;
  });

  it('agrees on delivered and its bytes, deferred and its attempts, bounced and rejected', () => {
    expect(maillog).toMatchObject({
      delivered: pflogsumm.delivered,
      delivered_bytes: pflogsumm['bytes delivered'],
      deferred: pflogsumm.deferred,
      deferred_attempts: pflogsumm.deferrals,
      bounced: pflogsumm.bounced,
      rejected: pflogsumm.rejected,
    });
  });

  it('counts as received what qmgr took in, bounce notices and alias copies too, and not what never reached the queue', () => {
    const { bounceNotices, forwardedCopies, onlyQueued, neverQueued } = arrivals;
    expect([bounceNotices.length, forwardedCopies.length, neverQueued.length]).toEqual([expected.bounceNotices, expected.forwardedCopies, expected.neverQueued]);
    expect(bounceNotices.length + forwardedCopies.length).toBe(onlyQueued.length);
    expect(maillog.received).toBe(pflogsumm.received + onlyQueued.length - neverQueued.length);
    // pflogsumm takes bytes from qmgr's line of the messages it counts, so the ones never queued have none in either.
    expect(maillog.received_bytes).toBe(pflogsumm['bytes received'] + sum(onlyQueued.map(([, m]) => m.size)));
  });

  it('counts expiries, which pflogsumm does not count at all', () => {
    expect(pflogsumm.expired).toBeUndefined();
    // Each message qmgr returned had one recipient still deferred.
    expect(lines.filter((l) => /\/qmgr\[\d+\]: \w+: from=<[^>]*>, status=expired, returned to sender$/.test(l))).toHaveLength(expected.expiries);
    expect(maillog.expired).toBe(expected.expiries);
  });
});

describe('the summary of the Exim sample against eximstats 4.96', () => {
  const eximstats = eximstatsTotals(recorded('eximstats-4.96-mainlog.txt'));
  const lines = sampleLines('exim/mainlog');
  const logged = (flag: string) => lines.filter((l) => l.split(' ')[4] === flag);
  let maillog: Summary;
  beforeAll(() => {
    maillog = summaryOf(ingested('exim/mainlog'))!;
  });

  it('agrees on received and its bytes, and on the messages deferred', () => {
    // eximstats counts messages deferred, maillog message + recipient: each of these had one recipient deferred.
    expect(maillog).toMatchObject({ received: eximstats.received, received_bytes: eximstats.receivedBytes, deferred: eximstats.delayed });
  });

  it("counts recipients delivered as eximstats' addresses, with bytes for each, not once per => line", () => {
    const sizes = new Map(logged('<=').map((l) => [l.split(' ')[3], Number(/ S=(\d+)/.exec(l)![1])]));
    const moreRecipients = logged('->');
    expect(logged('*>')).toHaveLength(0);
    expect(maillog.delivered).toBe(eximstats.deliveredAddresses);
    expect(eximstats.deliveredMessages).toBe(logged('=>').length);
    expect(maillog.delivered_bytes).toBe(eximstats.deliveredBytes + sum(moreRecipients.map((l) => sizes.get(l.split(' ')[3])!)));
    expect(moreRecipients).toHaveLength(4);
  });

  it('splits the ** lines eximstats counts as errors into bounced and expired', () => {
    expect(eximstats.errors).toBe(logged('**').length);
    expect(eximstats.failed).toBe(new Set(logged('**').map((l) => l.split(' ')[3])).size);
    expect(maillog.bounced + maillog.expired).toBe(eximstats.errors);
    expect(maillog.expired).toBe(logged('**').filter((l) => l.endsWith(': retry timeout exceeded')).length);
    expect(maillog.expired).toBe(5);
  });

  it('counts the == lines as attempts, a number eximstats does not give', () => {
    // The sample was logged with -retry_defer: no "retry time not reached" notes to leave out.
    expect(maillog.deferred_attempts).toBe(logged('==').length);
    expect(maillog.deferred_attempts).toBe(29);
  });

  it('counts the rejects as eximstats does on the reject log, not our own refused connections it counts in the main log', () => {
    const refusedConnections = lines.filter((l) => / \w{6}-\w{6}-\w{2} H=\S+ \[[^\]]+\]:\d+ Connection refused$/.test(l));
    expect(refusedConnections).toHaveLength(6);
    expect(maillog.rejected).toBe(eximstats.rejects - refusedConnections.length);
    expect(maillog.rejected).toBe(eximstatsTotals(recorded('eximstats-4.96-rejectlog.txt')).rejects);
    expect(summaryOf(ingested('exim/mainlog', 'exim/rejectlog'))!.rejected).toBe(maillog.rejected);
  });
});

describe('the summary of the default report', () => {
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
    expect(events.map((e) => (e.kind === 'received' || e.kind === 'delivered' ? `${e.kind} ${e.size}` : e.kind))).toEqual(['received 299', 'delivered 299', 'received 1200']);
  });

  it('carries a message size from one ingest to the next, so a retry the next night is not received again', () => {
    const lines = sampleLines('postfix/syslog-rfc3164.log');
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
