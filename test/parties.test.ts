// Top senders, recipients, sender domains, relays and clients: the --by views
// and the Top block of the default report, on the bundled samples and on a
// small Postfix log whose every number is counted by hand below.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { partyHost } from '../src/report/parties.js';
import { cli, SAMPLES, tempDir } from './helpers.js';

type Json = Record<string, unknown> & { rows: Record<string, unknown>[] };

/** A message smtpd took from `client` (null: picked up locally), queued by qmgr and sent to `to` by `relay`, or bounced there. */
function message(qid: string, at: string, client: string | null, from: string, size: number, to: string, relay: string, status = 'sent'): string[] {
  const result =
    status === 'sent'
      ? 'dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 4XyZ1)'
      : `dsn=5.1.1, status=bounced (host ${relay.replace(/:\d+$/, '')} said: 550 5.1.1 <${to}>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command))`;
  return [
    ...(client ? [`Nov 22 ${at} mail1 postfix/smtpd[906]: ${qid}: client=${client}`] : [`Nov 22 ${at} mail1 postfix/pickup[801]: ${qid}: uid=1000 from=<${from}>`]),
    `Nov 22 ${at} mail1 postfix/cleanup[839]: ${qid}: message-id=<${qid}@mail1.example.com>`,
    `Nov 22 ${at} mail1 postfix/qmgr[792]: ${qid}: from=<${from}>, size=${size}, nrcpt=1 (queue active)`,
    `Nov 22 ${at} mail1 postfix/smtp[852]: ${qid}: to=<${to}>, relay=${relay}, delay=0.4, delays=0.1/0/0.2/0.1, ${result}`,
    `Nov 22 ${at} mail1 postfix/qmgr[792]: ${qid}: removed`,
  ];
}

const PARTNER = 'mx1.partner.example[192.0.2.10]';
const ORG_MX = 'mx.example.org[192.0.2.7]:25';
const LONG = 'a-sender-address-far-too-long-for-its-column-of-the-table-0123456789@partner.example';

/**
 * s1@ to s5@partner.example send 6, 5, 4, 3 and 2 messages of 1000 bytes
 * through PARTNER, to bob@example.org by mx.example.org; s1's last goes to
 * lost@example.org and bounces at 09:10, and Postfix's notification (from
 * <>, 2400 bytes) goes to s1 by PARTNER's MX. LONG sends one of 9 MB from
 * unknown[203.0.113.5], which has one RCPT refused too, from
 * spammer@spam.example.
 */
function night(): string[] {
  const lines: string[] = [];
  let n = 0;
  const qid = () => `4B2C16${(0x100 + n++).toString(16).toUpperCase()}`;
  [6, 5, 4, 3, 2].forEach((count, s) => {
    for (let i = 0; i < count; i++) {
      const bounce = s === 0 && i === count - 1;
      lines.push(...message(qid(), bounce ? '09:10:01' : '09:00:01', PARTNER, `s${s + 1}@partner.example`, 1000, bounce ? 'lost@example.org' : 'bob@example.org', ORG_MX, bounce ? 'bounced' : 'sent'));
    }
  });
  const original = lines.findIndex((l) => l.includes('status=bounced'));
  const bounced = lines[original].split(' ')[5].slice(0, -1);
  lines.push(`Nov 22 09:10:01 mail1 postfix/bounce[860]: ${bounced}: sender non-delivery notification: 4B2C16FFF`);
  lines.push(...message('4B2C16FFF', '09:10:02', null, '', 2400, 's1@partner.example', `${PARTNER}:25`).slice(1));
  lines.push(...message(qid(), '09:20:00', 'unknown[203.0.113.5]', LONG, 9_000_000, 'bob@example.org', ORG_MX));
  lines.push(
    'Nov 22 09:30:00 mail1 postfix/smtpd[906]: NOQUEUE: reject: RCPT from unknown[203.0.113.5]: 554 5.7.1 <x@elsewhere.test>: Relay access denied; from=<spammer@spam.example> to=<x@elsewhere.test> proto=ESMTP helo=<spam.example>',
  );
  return lines;
}

let db: string;
beforeAll(() => {
  const dir = tempDir(true);
  writeFileSync(join(dir, 'mail.log'), `${night().join('\n')}\n`);
  db = join(dir, 'parties.db');
  expect(cli(['ingest', '--db', db, '--year', '2026', '--tz', 'UTC', join(dir, 'mail.log')]).status).toBe(0);
});

const report = (db: string, ...args: string[]) => cli(['report', '--db', db, '--tz', 'UTC', ...args]);
const json = (db: string, ...args: string[]) => JSON.parse(report(db, '--format', 'json', ...args).stdout) as Json;

describe('the --by views of parties', () => {
  it('lists senders most messages first, with their bytes and failed messages, and one refused only by its failure', () => {
    expect(json(db, '--by', 'sender').rows).toEqual([
      { sender: 's1@partner.example', messages: 6, bytes: 6000, failed: 1 },
      { sender: 's2@partner.example', messages: 5, bytes: 5000, failed: 0 },
      { sender: 's3@partner.example', messages: 4, bytes: 4000, failed: 0 },
      { sender: 's4@partner.example', messages: 3, bytes: 3000, failed: 0 },
      { sender: 's5@partner.example', messages: 2, bytes: 2000, failed: 0 },
      // Equal in messages: more bytes first.
      { sender: LONG, messages: 1, bytes: 9_000_000, failed: 0 },
      { sender: '', messages: 1, bytes: 2400, failed: 0 },
      { sender: 'spammer@spam.example', messages: 0, bytes: 0, failed: 1 },
    ]);
  });

  it('counts recipients from deliveries, outbound and local, with the failed messages to each', () => {
    // bob@: 5 + 5 + 4 + 3 + 2 from partner.example and LONG's one; s1@ the bounce notification; lost@ bounced.
    expect(json(db, '--by', 'recipient').rows).toEqual([
      { recipient: 'bob@example.org', messages: 20, bytes: 9_019_000, failed: 0 },
      { recipient: 's1@partner.example', messages: 1, bytes: 2400, failed: 0 },
      { recipient: 'lost@example.org', messages: 0, bytes: 0, failed: 1 },
    ]);
  });

  it('counts relays by the host that took the mail, without its port, with the failures there', () => {
    expect(json(db, '--by', 'relay').rows).toEqual([
      { relay: 'mx.example.org[192.0.2.7]', messages: 20, bytes: 9_019_000, failed: 1 },
      { relay: PARTNER, messages: 1, bytes: 2400, failed: 0 },
    ]);
  });

  it('counts clients by the messages they sent us, with our SMTP-time rejects of each', () => {
    expect(json(db, '--by', 'client').rows).toEqual([
      { client: PARTNER, messages: 20, bytes: 20_000, failed: 0 },
      { client: 'unknown[203.0.113.5]', messages: 1, bytes: 9_000_000, failed: 1 },
    ]);
  });

  it('counts sender domains from the senders, beside the failed messages it counted before', () => {
    expect(json(db, '--by', 'sender-domain').rows).toEqual([
      { sender_domain: 'partner.example', messages: 21, bytes: 9_020_000, failed: 1 },
      { sender_domain: '', messages: 1, bytes: 2400, failed: 0 },
      { sender_domain: 'spam.example', messages: 0, bytes: 0, failed: 1 },
    ]);
  });

  it('orders by bytes with --sort bytes, shows the null sender as <> and clips a long address to 80 columns', () => {
    const out = report(db, '--by', 'sender', '--sort', 'bytes', '--top', '7').stdout;
    const table = out.split('\n').slice(2, 13);
    expect(table.every((line) => line.length <= 80)).toBe(true);
    expect(table.map((line) => line.split(/ {2,}/))).toEqual([
      ['sender', 'messages', 'bytes', 'failed'],
      [expect.stringMatching(/^-+$/), '--------', '------', '------'],
      [expect.stringMatching(/^a-sender-address-far-too-long-.*…$/), '1', '9.0 MB', '0'],
      ['s1@partner.example', '6', '6.0 kB', '1'],
      ['s2@partner.example', '5', '5.0 kB', '0'],
      ['s3@partner.example', '4', '4.0 kB', '0'],
      ['s4@partner.example', '3', '3.0 kB', '0'],
      ['<>', '1', '2.4 kB', '0'],
      ['s5@partner.example', '2', '2.0 kB', '0'],
      ['… and 1 more'],
      [''],
    ]);
    expect(out).toContain('8 senders: 22 messages (9.0 MB); 2 failed messages.\n');
  });

  it('writes CSV with the JSON keys as headers, every row unless --top is given, and the null sender empty', () => {
    const csv = report(db, '--by', 'sender', '--format', 'csv').stdout.split('\r\n');
    expect(csv[0]).toBe('sender,messages,bytes,failed');
    expect(csv).toHaveLength(1 + 8 + 1);
    expect(csv).toContain(',1,2400,0');
    expect(report(db, '--by', 'client', '--format', 'csv', '--top', '1').stdout).toBe('client,messages,bytes,failed\r\nmx1.partner.example[192.0.2.10],20,20000,0\r\n');
  });

  it('says in JSON how the rows are sorted, their sums and the rows --top left out', () => {
    const out = json(db, '--by', 'relay', '--top', '1', '--sort', 'failed');
    expect(out).toMatchObject({ schema: 1, by: ['relay'], count: 'messages', sort: 'failed', parties: 2, totals: { messages: 21, bytes: 9_021_400, failed: 1 }, rows_left_out: 1 });
    expect(out.rows).toEqual([{ relay: 'mx.example.org[192.0.2.7]', messages: 20, bytes: 9_019_000, failed: 1 }]);
  });

  it('counts messages by the whole days of the period, and failures in the exact period', () => {
    // s1's bounce is at 09:10; the period starts after it, on the same day.
    expect(json(db, '--by', 'sender', '--since', '2026-11-22T09:15').rows[0]).toEqual({ sender: 's1@partner.example', messages: 6, bytes: 6000, failed: 0 });
    expect(report(db, '--by', 'sender', '--since', '2026-11-23').stdout).toContain('no senders in this period\n');
  });

  it.each([
    [['--by', 'client,cause'], '--by client is a view of its own (messages and bytes per client); it pairs with no other dimension'],
    [['--by', 'sender', '--cause', 'relay-denied'], '--by sender counts messages, which have no cause, recipient domain or outcome: leave out --cause'],
    [['--by', 'relay', '--direction', 'inbound'], '--by relay is about outbound mail; --direction inbound does not apply'],
    [['--by', 'recipient', '--direction', 'local'], '--by recipient counts mail of every direction: leave out --direction'],
    [['--by', 'cause', '--sort', 'bytes'], '--sort orders the views of --by sender, recipient, relay, client, sender-domain'],
  ])('refuses %j in one line', (args, message) => {
    const r = report(db, ...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`maillog: ${message}\n`);
  });

  it('takes the one direction a view is about', () => {
    expect(json(db, '--by', 'client', '--direction', 'inbound').rows).toHaveLength(2);
  });

  it('keeps --by sender-domain with a filter of failures the count of failed messages it was', () => {
    expect(json(db, '--by', 'sender-domain', '--direction', 'inbound').rows).toEqual([{ sender_domain: 'spam.example', count: 1, share: 1 }]);
    expect(json(db, '--by', 'sender-domain,outcome').rows).toHaveLength(2);
  });
});

describe('the Top block of the default report', () => {
  it('shows the five first of each list by messages, with the rows it left out, after the sections', () => {
    const out = report(db).stdout;
    const block = out.slice(out.indexOf('Top 5 by messages'), out.indexOf('Parse coverage:'));
    expect(out.indexOf('failed messages in all.')).toBeLessThan(out.indexOf('Top 5 by messages'));
    expect(block).toBe(
      [
        'Top 5 by messages',
        '',
        'sender              messages   bytes',
        '------------------  --------  ------',
        's1@partner.example         6  6.0 kB',
        's2@partner.example         5  5.0 kB',
        's3@partner.example         4  4.0 kB',
        's4@partner.example         3  3.0 kB',
        's5@partner.example         2  2.0 kB',
        '… and 2 more',
        '',
        'recipient           messages   bytes',
        '------------------  --------  ------',
        'bob@example.org           20  9.0 MB',
        's1@partner.example         1  2.4 kB',
        '',
        'sender domain    messages   bytes',
        '---------------  --------  ------',
        'partner.example        21  9.0 MB',
        '(none)                  1  2.4 kB',
        '',
        'relay                            messages   bytes',
        '-------------------------------  --------  ------',
        'mx.example.org[192.0.2.7]              20  9.0 MB',
        'mx1.partner.example[192.0.2.10]         1  2.4 kB',
        '',
        'client                           messages    bytes',
        '-------------------------------  --------  -------',
        'mx1.partner.example[192.0.2.10]        20  20.0 kB',
        'unknown[203.0.113.5]                    1   9.0 MB',
        '',
        '',
      ].join('\n'),
    );
  });

  it('is in the JSON as top, five of each list, and left out of a report narrowed by cause', () => {
    const top = json(db).top as Record<string, Record<string, unknown>[]>;
    expect(Object.keys(top)).toEqual(['senders', 'recipients', 'sender_domains', 'relays', 'clients']);
    expect(top.senders).toHaveLength(5);
    expect(top.senders[0]).toEqual({ sender: 's1@partner.example', messages: 6, bytes: 6000 });
    expect(top.clients).toEqual([
      { client: PARTNER, messages: 20, bytes: 20_000 },
      { client: 'unknown[203.0.113.5]', messages: 1, bytes: 9_000_000 },
    ]);
    expect(json(db, '--cause', 'relay-denied').top).toBeUndefined();
    expect(report(db, '--cause', 'relay-denied').stdout).not.toContain('Top 5');
  });

  it('is left out of a period with no traffic, and its lists are empty in JSON', () => {
    expect(report(db, '--since', '2026-11-23').stdout).not.toContain('Top 5');
    expect(json(db, '--since', '2026-11-23').top).toEqual({ senders: [], recipients: [], sender_domains: [], relays: [], clients: [] });
  });
});

describe('the bundled Postfix sample', () => {
  // f=samples/postfix/syslog-rfc3164.log
  let sample: string;
  beforeAll(() => {
    sample = join(tempDir(true), 'sample.db');
    expect(cli(['ingest', '--db', sample, '--year', '2026', '--tz', 'UTC', join(SAMPLES, 'postfix/syslog-rfc3164.log')]).status).toBe(0);
  });

  it('counts its senders as qmgr logged them, and those only refused by their rejects', () => {
    // grep 'queue active' $f | grep -oE '[0-9A-F]+: from=<[^>]*>, size=[0-9]+' | sort -u -k1,1 → 48 from sender@example.net (14616 bytes), 41 from <> (97114)
    // grep 'reject: ' $f | grep -oE 'from=<[^>]*>' | sort | uniq -c → 4 sender@example.net, 1 ghost@m-nxdomain.test, 1 spammer@bad.example
    expect(json(sample, '--by', 'sender').rows.map((r) => [r.sender, r.messages, r.bytes, r.messages === 0 ? r.failed : '…'])).toEqual([
      ['sender@example.net', 48, 14616, '…'],
      ['', 41, 97114, '…'],
      ['ghost@m-nxdomain.test', 0, 0, 1],
      ['spammer@bad.example', 0, 0, 1],
    ]);
  });

  it('ties each outbound failure to its relay', () => {
    // deliveries and bytes: test/traffic.test.ts
    // grep -E 'status=(bounced|deferred|expired)' $f | grep -oE ' [0-9A-F]+: to=<[^>]*>, relay=127[^ ]+' | awk '{print $1, $2}' | sort -u | wc -l → 41
    expect(json(sample, '--by', 'relay').rows).toEqual([{ relay: '127.0.0.1[127.0.0.1]', messages: 54, bytes: 101397, failed: 41 }]);
  });

  it('ties each reject to its client', () => {
    // grep 'reject: ' $f | grep -oE 'from [^ ]+\[[0-9.]+\]' | sort | uniq -c → 5 localhost[127.0.0.1], 1 unknown[127.0.0.2]
    expect(json(sample, '--by', 'client').rows).toEqual([
      { client: 'localhost[127.0.0.1]', messages: 1, bytes: 373, failed: 5 },
      { client: 'unknown[127.0.0.2]', messages: 0, bytes: 0, failed: 1 },
    ]);
  });
});

describe('naming an event relay as a party', () => {
  it('drops the port, the HELO name and the space Exim writes before the address', () => {
    expect(partyHost('127.0.0.1[127.0.0.1]:2501')).toBe('127.0.0.1[127.0.0.1]');
    expect(partyHost('localhost[127.0.0.1]')).toBe('localhost[127.0.0.1]');
    expect(partyHost('127.0.0.1 [127.0.0.1]')).toBe('127.0.0.1[127.0.0.1]');
    expect(partyHost('(client-p1.generate.test) [127.0.0.1]:33062')).toBe('[127.0.0.1]');
    expect(partyHost('mx.example.org (helo.example.org) [192.0.2.7]:25')).toBe('mx.example.org[192.0.2.7]');
    expect(partyHost('[192.0.2.10]')).toBe('[192.0.2.10]');
    expect(partyHost('mail.example.net[2001:db8::25]:25')).toBe('mail.example.net[2001:db8::25]');
  });
});
