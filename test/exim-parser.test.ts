// The Exim parser on main log and reject log lines in Exim's formats.

import { describe, expect, it } from 'vitest';
import { EximParser } from '../parsers/exim/parser.js';
import { failuresOf, parseLines } from './helpers.js';
import { eximSeconds, messageIdTime, parseEximEntry } from '../parsers/exim/records.js';

const parse = (lines: string[]) => parseLines(new EximParser(), lines);
const failures = failuresOf;

describe('stamps', () => {
  const entry = '1vBQxR-000Abc-7Q ** a@x.test: Unrouteable address';

  it('reads the plain stamp as local time', () => {
    const [e] = failures(parse([`2026-11-22 19:50:09 ${entry}`]).events);
    expect(e.time).toBe(new Date(2026, 10, 22, 19, 50, 9).getTime());
  });

  it('reads milliseconds, a time zone and a pid', () => {
    const [e] = failures(parse([`2026-11-22 19:50:09.123 +0100 [4242] ${entry}`]).events);
    expect(e.time).toBe(Date.UTC(2026, 10, 22, 18, 50, 9, 123));
  });

  it('reads the milliseconds and the zone of each line of the same second', () => {
    const times = failures(
      parse([
        `2026-11-22 19:50:09.123 +0100 [4242] ${entry}`,
        `2026-11-22 19:50:09.456 +0100 [4242] ${entry}`,
        `2026-11-22 19:50:09.456 -0500 [4243] ${entry}`,
        `2026-11-22 19:50:09 ${entry}`,
      ]).events,
    ).map((e) => e.time);
    expect(times).toEqual([
      Date.UTC(2026, 10, 22, 18, 50, 9, 123),
      Date.UTC(2026, 10, 22, 18, 50, 9, 456),
      Date.UTC(2026, 10, 23, 0, 50, 9, 456),
      new Date(2026, 10, 22, 19, 50, 9).getTime(),
    ]);
  });

  it('takes a stamp cut short or an impossible date for no stamp', () => {
    const { events, kinds } = parse([`2026-11-22 19:50:09.12 ${entry}`, `2026-11-22 19:50 ${entry}`, `2026-02-30 19:50:09 ${entry}`]);
    expect(kinds).toEqual(['malformed', 'malformed', 'malformed']);
    expect(events).toEqual([]);
  });

  it('joins the pieces syslog got of a long entry, and reads only its first line', () => {
    const text = `SMTP error from remote mail server after RCPT TO:<a@x.test>: 550-5.1.1 ${'The email account that you tried to reach does not exist. '.repeat(16).trimEnd()}`;
    const entry = `1vBQxR-000Abc-7Q ** a@x.test R=dnslookup T=remote_smtp H=mx.x.test [192.0.2.7]: ${text}`;
    const { events, kinds } = parse([
      `Nov 22 19:50:09 mx2 exim[4242]: [1/3] ${entry.slice(0, 870)}`,
      `Nov 22 19:50:09 mx2 exim[4242]: [2\\3] ${entry.slice(870)}`,
      'Nov 22 19:50:09 mx2 exim[4242]: [3\\3] a second line of the entry, not part of the failure text',
    ]);
    expect(kinds).toEqual(['recognised', 'recognised', 'recognised']);
    expect(failures(events).map((e) => e.diagnostic)).toEqual([text]);
  });

  it("reads Exim's own stamp and pid inside a syslog message", () => {
    // log.c write_syslog cuts the stamp only where syslog_timestamp is false (it is true by default), and the
    // pid of log_selector +pid only where syslog_pid is false.
    const { events, kinds } = parse([
      `Nov 22 19:50:09 mx2 exim[4242]: 2026-11-22 19:50:09 ${entry}`,
      `Nov 22 19:50:10 mx2 exim[4242]: 2026-11-22 19:50:10.123 +0100 [4242] ${entry.replace('a@x.test', 'b@x.test')}`,
      `Nov 22 19:50:11 mx2 exim[4242]: [4242] ${entry.replace('a@x.test', 'c@x.test')}`,
    ]);
    expect(kinds).toEqual(['recognised', 'recognised', 'recognised']);
    expect(failures(events).map((e) => [e.recipient, e.diagnostic])).toEqual([
      ['a@x.test', 'Unrouteable address'],
      ['b@x.test', 'Unrouteable address'],
      ['c@x.test', 'Unrouteable address'],
    ]);
  });

  it('reads Exim lines logged through syslog', () => {
    const { events, kinds } = parse([`Nov 22 19:50:09 mx2 exim[4242]: ${entry}`, 'Nov 22 19:50:09 mx2 dovecot: imap-login: Login: user=<a>']);
    expect(kinds).toEqual(['recognised', 'foreign']);
    expect(failures(events)[0]).toMatchObject({ host: 'mx2', recipient: 'a@x.test' });
  });
});

describe('entries', () => {
  it('knows classic and Exim 4.97 message ids', () => {
    expect(parseEximEntry('1vBQxR-000Abc-7Q Completed')).toEqual({ type: 'completed', messageId: '1vBQxR-000Abc-7Q' });
    expect(parseEximEntry('1vBQxR-00000000Abc-7Qzz Completed')).toEqual({ type: 'completed', messageId: '1vBQxR-00000000Abc-7Qzz' });
    expect(parseEximEntry('1vBQxR-000Abc Completed')).toEqual({ type: 'other' });
  });

  it('reads a failure with parent address, router, transport and host', () => {
    const r = parseEximEntry(
      '1vBQxR-000Abc-7Q ** nosuch@a.test <list@example.net> R=dnslookup T=remote_smtp H=mx.a.test [192.0.2.7] X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=no: SMTP error from remote mail server after RCPT TO:<nosuch@a.test>: 550 5.1.1 <nosuch@a.test>: Recipient address rejected: User unknown',
    );
    expect(r).toEqual({
      type: 'failure',
      messageId: '1vBQxR-000Abc-7Q',
      permanent: true,
      recipient: 'nosuch@a.test',
      sender: null,
      transport: 'remote_smtp',
      host: 'mx.a.test [192.0.2.7]',
      text: 'SMTP error from remote mail server after RCPT TO:<nosuch@a.test>: 550 5.1.1 <nosuch@a.test>: Recipient address rejected: User unknown',
    });
  });

  it('reads a deferral with its errno and no host', () => {
    expect(parseEximEntry('1vBQxR-000Abc-7Q == a@l.test R=dnslookup T=remote_smtp defer (111): Connection refused')).toMatchObject({
      permanent: false,
      host: null,
      transport: 'remote_smtp',
      text: 'Connection refused',
    });
  });

  it('returns null for a failure line cut before its reason', () => {
    expect(parseEximEntry('1vBQxR-000Abc-7Q ** a@x.test R=dnslookup T=remote_smtp H=mx.x.test [192.0.2.7]')).toBeNull();
  });
});

describe('events', () => {
  const arrival = '2026-11-22 19:50:09 1vBQxR-000Abc-7Q <= sender@example.net U=root P=local S=412';

  // Exim's test-suite log 5707: deliver.c adds ": message" only when the address has one.
  it('reads a deferral that gives no message, its errno its only text', () => {
    const { events, kinds } = parse([arrival, '2026-11-22 19:50:10 1vBQxR-000Abc-7Q == userx@domain1 R=others T=smtp defer (-58)']);
    expect(kinds).toEqual(['recognised', 'recognised']);
    expect(failures(events)).toMatchObject([{ outcome: 'deferred', recipient: 'userx@domain1', sender: 'sender@example.net', diagnostic: 'defer (-58)' }]);
  });

  it('takes the sender from the arrival line, and forgets it once Completed', () => {
    const { events } = parse([
      arrival,
      '2026-11-22 19:50:10 1vBQxR-000Abc-7Q ** nosuch@a.test R=dnslookup T=remote_smtp H=mx.a.test [192.0.2.7]: SMTP error from remote mail server after RCPT TO:<nosuch@a.test>: 550 5.1.1 User unknown',
      '2026-11-22 19:50:10 1vBQxR-000Abc-7Q Completed',
      '2026-11-22 19:50:11 1vBQxR-000Abc-7Q ** late@a.test: Unrouteable address',
    ]);
    const [first, second] = failures(events);
    expect(first).toMatchObject({ sender: 'sender@example.net', outcome: 'bounced', direction: 'outbound', relay: 'mx.a.test [192.0.2.7]', queueId: '1vBQxR-000Abc-7Q' });
    expect(second.sender).toBeNull();
  });

  it('counts =>, -> and *> as deliveries', () => {
    const { events } = parse([
      arrival,
      '2026-11-22 19:50:10 1vBQxR-000Abc-7Q => ok1@n.test R=dnslookup T=remote_smtp H=mx.n.test [192.0.2.8] C="250 2.0.0 Ok"',
      '2026-11-22 19:50:10 1vBQxR-000Abc-7Q -> ok2@n.test R=dnslookup T=remote_smtp H=mx.n.test [192.0.2.8] C="250 2.0.0 Ok"',
      '2026-11-22 19:50:10 1vBQxR-000Abc-7Q *> ok3@n.test R=dnslookup T=remote_smtp H=mx.n.test [192.0.2.8]',
    ]);
    expect(events.map((e) => (e.kind === 'delivered' ? e.recipient : e.kind))).toEqual(['received', 'ok1@n.test', 'ok2@n.test', 'ok3@n.test']);
  });

  it('tells a delivery by a local transport from one to a remote host, with the address a local delivery was for', () => {
    const { events } = parse([
      arrival,
      '2026-11-22 19:50:10 1vBQxR-000Abc-7Q => ok1@n.test R=dnslookup T=remote_smtp H=mx.n.test [192.0.2.8] C="250 2.0.0 Ok"',
      '2026-11-22 19:50:11 1vBQxR-000Abc-7Q => localok <localok@mail1.example.net> F=<sender@example.net> P=<sender@example.net> R=localok T=localok_file S=408 QT=0s DT=0s',
      '2026-11-22 19:50:12 1vBQxR-000Abc-7Q => bob@mail1.example.net R=lmtp T=dovecot_lmtp S=408',
    ]);
    expect(events.map((e) => (e.kind === 'delivered' ? `${e.direction} ${e.recipient}` : e.kind))).toEqual([
      'received',
      'outbound ok1@n.test',
      'local localok@mail1.example.net',
      'local bob@mail1.example.net',
    ]);
  });

  it('makes a give-up after retries an expiry, and skips queue-run notes that attempted nothing', () => {
    const { events, kinds } = parse([
      '2026-11-22 19:50:10 1vBQxR-000Abc-7Q == a@l.test R=dnslookup T=remote_smtp defer (111): Connection refused',
      '2026-11-22 19:51:10 1vBQxR-000Abc-7Q == a@l.test routing defer (-51): retry time not reached',
      '2026-11-22 19:52:10 1vBQxR-000Abc-7Q ** a@l.test: retry timeout exceeded',
    ]);
    expect(kinds).toEqual(['recognised', 'recognised', 'recognised']);
    expect(failures(events).map((e) => e.outcome)).toEqual(['deferred', 'expired']);
  });

  describe('giving up', () => {
    const deferral = '2026-11-22 18:46:43 1tXyzA-000123-AB == bob@example.org R=dnslookup T=remote_smtp defer (111): Connection refused';
    const expiries = (lines: string[]) => failures(parse(lines).events).map((e) => [e.outcome, e.line, e.diagnostic]);

    it('makes an expiry of each give-up, with the reason of the last deferral', () => {
      expect(
        expiries([
          deferral,
          // transports/smtp.c since 4.88: "all hosts%s have been failing for a long time %s" (" for '%s'", "(and retry time not reached)"); Exim's test suite, log/0461.
          "2026-11-22 19:46:43 1tXyzA-000123-AB ** bob@example.org R=dnslookup T=remote_smtp: all hosts for 'example.org' have been failing for a long time (and retry time not reached)",
          // transports/smtp.c of exim-4_87 and before: "retry time not reached for any host after a long failure period".
          '2026-11-22 19:46:44 1tXyzB-000124-AB ** carol@example.org R=dnslookup T=remote_smtp: retry time not reached for any host after a long failure period',
        ]),
      ).toEqual([
        ['deferred', 1, 'Connection refused'],
        ['expired', 2, 'Connection refused'],
        ['expired', 3, 'retry time not reached for any host after a long failure period'],
      ]);
    });

    it('counts one expiry when Exim gives up in a == line, then again in the next queue run and in a ** line', () => {
      // The == form: transports/smtp.c leaves the address deferred while fallback hosts remain to be tried.
      const gaveUp = (time: string, flag: string, defer: string) =>
        `2026-11-22 ${time} 1tXyzA-000123-AB ${flag} bob@example.org R=dnslookup T=remote_smtp${defer}: all hosts for 'example.org' have been failing for a long time (and retry time not reached)`;
      expect(expiries([deferral, gaveUp('19:46:43', '==', ' defer (-54)'), gaveUp('20:16:43', '==', ' defer (-54)'), gaveUp('20:46:43', '**', '')])).toEqual([
        ['deferred', 1, 'Connection refused'],
        ['expired', 2, 'Connection refused'],
      ]);
      // The same across two runs: the expiry is carried with the deferrals.
      const first = new EximParser();
      parseLines(first, [deferral, gaveUp('19:46:43', '==', ' defer (-54)')]);
      const next = new EximParser();
      next.resume(first.carry());
      expect(parseLines(next, [gaveUp('20:46:43', '**', '')]).events).toEqual([]);
    });

    it('skips the queue-run notes that attempted nothing', () => {
      // deliver.c: addr->message = "retry time not reached"; transports/smtp.c: "retry time not reached for any host%s"; Exim's test suite log files.
      expect(
        expiries([
          '2026-11-22 18:46:43 1tXyzA-000123-AB == rmt_defer@example.org routing defer (-52): retry time not reached',
          "2026-11-22 18:46:43 1tXyzA-000123-AB == xxxx@example.org R=all T=smtp defer (-54): retry time not reached for any host for 'example.org'",
          '2026-11-22 18:46:43 1tXyzA-000123-AB == userx@example.org R=lookuphost T=smtp defer (-53): retry time not reached for any host',
        ]),
      ).toEqual([]);
    });
  });

  it('calls a failed local delivery local', () => {
    const [e] = failures(
      parse(['2026-11-22 19:50:10 1vBQxR-000Abc-7Q ** full@mx2.example.org R=local_user T=mail_spool: mailbox is full (MTA-imposed quota exceeded while writing to /var/mail/full)']).events,
    );
    expect(e).toMatchObject({ direction: 'local', outcome: 'bounced' });
  });

  it('reads SMTP-time rejects as inbound, with the stage, the client as name[ip], sender and recipient', () => {
    const [relay, data] = failures(
      parse([
        '2026-11-22 19:50:09 H=(client-p2.test) [127.0.0.2] F=<sender@example.net> rejected RCPT <victim@elsewhere.test>: relay not permitted',
        '2026-11-22 19:50:09 1vBQyR-000Abd-2X H=localhost [127.0.0.1] F=<sender@example.net> rejected after DATA: Your message looks like spam',
      ]).events,
    );
    expect(relay).toMatchObject({ direction: 'inbound', outcome: 'rejected', stage: 'RCPT TO', relay: '[127.0.0.2]', sender: 'sender@example.net', recipient: 'victim@elsewhere.test', diagnostic: 'relay not permitted' });
    expect(data).toMatchObject({ stage: 'end of DATA', queueId: '1vBQyR-000Abd-2X', relay: 'localhost[127.0.0.1]' });
  });

  it('reads the stage of EHLO, MAIL and size refusals', () => {
    const events = failures(
      parse([
        '2026-11-22 19:50:09 H=(bad.helo) [192.0.2.9]:40000 I=[127.0.0.1]:25 rejected EHLO or HELO bad.helo: Invalid HELO name (see RFC5321 section 4.1.1.1)',
        '2026-11-22 19:50:09 H=(client) [192.0.2.9]:40001 I=[127.0.0.1]:25 F=<spam@bad.example> rejected MAIL <spam@bad.example>: Sender blocked',
        '2026-11-22 20:53:53 [404] rejected MAIL FROM:<sender@example.net> H=(client-p5.generate.test) [127.0.0.1]:50004 I=[127.0.0.1]:25: message too big: size=54069 max=20480',
      ]).events,
    );
    expect(events.map((e) => [e.stage, e.sender, e.diagnostic])).toEqual([
      ['HELO', null, 'Invalid HELO name (see RFC5321 section 4.1.1.1)'],
      ['MAIL FROM', 'spam@bad.example', 'Sender blocked'],
      ['MAIL FROM', 'sender@example.net', 'message too big: size=54069 max=20480'],
    ]);
  });

  it('recognises frozen messages and queue runs without making events of them', () => {
    const { events, kinds } = parse([
      '2026-11-22 19:50:09 1vBQxR-000Abc-7Q Frozen (delivery error message)',
      '2026-11-22 19:50:09 1vBQxR-000Abc-7Q Message is frozen',
      '2026-11-22 19:50:09 [118] Start queue run: pid=118',
    ]);
    expect(events).toEqual([]);
    expect(kinds).toEqual(['recognised', 'recognised', 'recognised']);
  });

  it('joins a sender verification failure to the reject it causes, counted once', () => {
    const { events } = parse([
      '2026-11-22 19:50:09 H=localhost [127.0.0.1] sender verify fail for <x@nosuchdomain.invalid>: Unrouteable address',
      '2026-11-22 19:50:09 H=localhost [127.0.0.1] F=<x@nosuchdomain.invalid> rejected RCPT <ok@mx2.example.org>: Sender verify failed',
    ]);
    expect(failures(events).map((e) => e.diagnostic)).toEqual(['Sender verify failed: Unrouteable address']);
  });

  it('reads a sender verification failure that gave no detail, and its reject as it is', () => {
    // smtp_in.c: "%s sender verify %s for <%s>%s", the last ": %s" only when verification gave a message; Exim's test suite, log/0376.
    const { events, kinds } = parse([
      '2026-11-22 19:50:09 H=(test) [192.0.2.1] U=root sender verify fail for <ok@localhost>',
      '2026-11-22 19:50:09 H=(test) [192.0.2.1] U=root F=<ok@localhost> rejected RCPT <z@example.org>: (mail): Sender verify failed',
    ]);
    expect(kinds).toEqual(['recognised', 'recognised']);
    expect(failures(events).map((e) => [e.relay, e.diagnostic])).toEqual([['[192.0.2.1]', '(mail): Sender verify failed']]);
  });

  it('counts a reject once when the reject log repeats it, and takes its header dump for part of it', () => {
    const reject = '2026-11-22 19:50:09 H=(client-p2.test) [127.0.0.2] F=<sender@example.net> rejected RCPT <victim@elsewhere.test>: relay not permitted';
    const { events, kinds } = parse([
      reject,
      reject,
      'Envelope-from: <sender@example.net>',
      'Envelope-to: <victim@elsewhere.test>',
      'P Received: from [127.0.0.2] (helo=client-p2.test)',
      '        by mx2.example.org with esmtp (Exim 4.96)',
      'I Message-ID: <scen-p2@example.net>',
      'F From: sender@example.net',
      'binary junk that is no header',
    ]);
    expect(failures(events)).toHaveLength(1);
    expect(kinds).toEqual(['recognised', 'recognised', 'recognised', 'recognised', 'recognised', 'recognised', 'recognised', 'recognised', 'malformed']);
  });
});

describe('what the traffic counts need', () => {
  const received = (lines: string[]) => parse(lines).events.flatMap((e) => (e.kind === 'received' ? [[e.sender, e.client]] : []));
  const delivered = (lines: string[]) => parse(lines).events.flatMap((e) => (e.kind === 'delivered' ? [[e.relay, e.delay]] : []));

  it('takes the sender and the client of an arrival, as name[ip] without the HELO name or the port', () => {
    expect(
      received([
        '2026-11-22 21:25:11 [352] 1xVF3f-00005g-0j <= sender@example.net H=(client-n2.generate.test) [127.0.0.1]:37292 I=[127.0.0.1]:25 P=esmtp L.- S=411 M8S=0 RT=0s id=scen-n2.exim@generate.maillog.test T="maillog sample n2 exim" from <sender@example.net> for ok3@n-ok.test',
        '2026-11-22 21:25:12 [353] 1xVF3g-00005h-0k <= alice@example.org H=mail.example.org (helo.example.org) [192.0.2.25]:41532 I=[192.0.2.1]:25 P=esmtps X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=no S=2048 id=a1@example.org',
        '2026-11-22 21:25:13 [354] 1xVF3h-00005i-0l <= <> H=mail.example.org [2001:db8::25] P=esmtp S=1500',
        '2026-11-22 21:25:14 [355] 1xVF3i-00005j-0m <= bob@example.org H=[192.0.2.26] U=ident P=smtp S=900',
      ]),
    ).toEqual([
      ['sender@example.net', '[127.0.0.1]'],
      ['alice@example.org', 'mail.example.org[192.0.2.25]'],
      ['', 'mail.example.org[2001:db8::25]'],
      ['bob@example.org', '[192.0.2.26]'],
    ]);
  });

  it('has no client for a message submitted on our host, whatever its subject says', () => {
    expect(
      received([
        '2026-11-22 21:25:10 [162] 1xVF3e-00002c-1a <= sender@example.net U=root P=local S=368 M8S=0 RT=0s id=scen-a.exim@generate.maillog.test T="maillog sample a exim" from <sender@example.net> for nosuchuser1@a-nouser.test',
        '2026-11-22 21:25:10 [163] 1xVF3e-00002d-1b <= sender@example.net U=root P=local S=368 T="re: H=mx.example.org [192.0.2.7]" from <sender@example.net> for x@a.test',
      ]),
    ).toEqual([
      ['sender@example.net', null],
      ['sender@example.net', null],
    ]);
  });

  it("gives a remote delivery its host as name[ip] and its QT= in seconds; a local one no relay", () => {
    expect(
      delivered([
        '2026-11-22 21:26:08 [594] 1xVF3i-000080-31 => x@s13-yahoo-tss04.test F=<sender@example.net> P=<sender@example.net> R=test_domains T=remote_smtp S=385 H=127.0.0.1 [127.0.0.1]:2543 I=[127.0.0.1]:55440 L C="250 2.0.0 Ok: queued as R1045" QT=54s DT=0s',
        '2026-11-22 21:26:09 [595] 1xVF3i-000081-32 => y@example.org R=dnslookup T=remote_smtp H=mx.example.org DS [192.0.2.8]:25* X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=yes C="250 OK id=1xVF3j" QT=1.578s DT=0.9s',
        '2026-11-22 21:25:11 [361] 1xVF3f-00005o-27 => localok <localok@mail1.example.net> F=<sender@example.net> P=<sender@example.net> R=localok T=localok_file S=408 QT=2m12s DT=0s',
      ]),
    ).toEqual([
      ['127.0.0.1[127.0.0.1]', 54],
      ['mx.example.org[192.0.2.8]', 1.578],
      [null, 132],
    ]);
  });

  it.each([
    ['0s', 0],
    ['27s', 27],
    ['2m12s', 132],
    ['1h2m', 3720],
    ['1d3h', 97200],
    ['1w2d', 777600],
    ['1.578s', 1.578],
    ['', null],
    ['-3s', null],
    ['2m12', null],
    ['abc', null],
  ])('reads the Exim time %j as %j seconds', (text, seconds) => {
    expect(eximSeconds(text)).toBe(seconds);
  });

  it('reads the second a message id says its message started to arrive, classic ids and Exim 4.97 ones', () => {
    expect(new Date(messageIdTime('1xVF3e-00002j-1g')).toISOString()).toBe('2026-11-22T21:25:10.000Z');
    expect(new Date(messageIdTime('1xVF3e-00000000Abc-7Qzz')).toISOString()).toBe('2026-11-22T21:25:10.000Z');
  });

  it('without QT=, takes the delay from the arrival line, or else from the time in the message id', () => {
    expect(
      delivered([
        '2026-11-22 21:25:11 +0000 [330] 1xVF3f-00005K-0Q <= sender@example.net U=root P=local S=368',
        '2026-11-22 21:27:23 +0000 [691] 1xVF3f-00005K-0Q => anyone@k-banner421.test R=test_domains T=remote_smtp H=127.0.0.1 [127.0.0.1]:2511',
        // No arrival line read: the id's 1xVF3e is 2026-11-22 21:25:10 UTC.
        '2026-11-22 21:27:22 +0000 [692] 1xVF3e-00002j-1g => sender@example.net R=test_domains T=remote_smtp H=127.0.0.1 [127.0.0.1]:2513',
      ]),
    ).toEqual([
      ['127.0.0.1[127.0.0.1]', 132],
      ['127.0.0.1[127.0.0.1]', 132],
    ]);
  });

  it('ignores a QT= it cannot read, or one that is the remote reply’s, for the arrival line', () => {
    expect(
      delivered([
        '2026-11-22 21:25:11 +0000 [330] 1xVF3f-00005K-0Q <= sender@example.net U=root P=local S=368',
        '2026-11-22 21:25:38 +0000 [553] 1xVF3f-00005K-0Q => a@o.test R=test_domains T=remote_smtp H=127.0.0.1 [127.0.0.1]:2514 C="250 2.0.0 Ok: queued as R1043" QT=forever',
        '2026-11-22 21:25:39 +0000 [554] 1xVF3f-00005K-0Q => b@o.test R=test_domains T=remote_smtp H=127.0.0.1 [127.0.0.1]:2514 C="250 2.0.0 Ok QT=9w"',
      ]),
    ).toEqual([
      ['127.0.0.1[127.0.0.1]', 27],
      ['127.0.0.1[127.0.0.1]', 28],
    ]);
  });

  it('has no delay when the message id is older than 30 days or later than the delivery (a clock set back, an id of base 36)', () => {
    expect(
      delivered([
        '2026-11-22 21:25:09 +0000 [692] 1xVF3e-00002j-1g => a@o.test R=test_domains T=remote_smtp H=127.0.0.1 [127.0.0.1]:2513',
        '2026-12-23 21:25:11 +0000 [693] 1xVF3e-00002j-1g => b@o.test R=test_domains T=remote_smtp H=127.0.0.1 [127.0.0.1]:2513',
      ]),
    ).toEqual([
      ['127.0.0.1[127.0.0.1]', null],
      ['127.0.0.1[127.0.0.1]', null],
    ]);
  });
});

describe("Exim's own trouble", () => {
  it('reads a hints database lock that timed out as an error and a configuration error as fatal', () => {
    const { events, kinds } = parse([
      '2026-11-22 21:25:08 Failed to get write lock for /var/spool/exim4/db/retry.lockfile: timed out',
      '2026-11-22 21:25:09 Exim configuration error in line 812 of /etc/exim4/exim4.conf:',
    ]);
    expect(kinds).toEqual(['recognised', 'recognised']);
    expect(events.map((e) => e.kind === 'problem' && [e.severity, e.program, e.text])).toEqual([
      ['error', 'exim', 'Failed to get write lock for /var/spool/exim4/db/retry.lockfile: timed out'],
      ['fatal', 'exim', 'Exim configuration error in line 812 of /etc/exim4/exim4.conf:'],
    ]);
  });

  it('counts once an entry the main log and the panic log both hold, and again when the trouble comes back later', () => {
    const line = '2026-11-22 21:25:08 Failed to get write lock for /var/spool/exim4/db/retry.lockfile: timed out';
    expect(parse([line, line, line.replace('21:25:08', '21:40:08')]).events).toHaveLength(2);
  });

  it('reads other lines without a message id as before: no event', () => {
    expect(parse(['2026-11-22 21:25:08 [116] exim 4.96 daemon started: pid=116, -q15s, listening for SMTP on [127.0.0.1]:25']).events).toEqual([]);
  });
});
