// PostfixParser as a whole: syslog prefix, records and the correlation by
// queue id, on lines a real Postfix 3.7.11 wrote (run A: maillog_file, run B: rsyslog).

import { describe, expect, it } from 'vitest';
import type { FailureEvent, LineKind, MailEvent } from '../parsers/events.js';
import { PostfixParser, postfixDaemon, type PostfixParserOptions } from '../parsers/postfix/parser.js';
import { clockFromReference } from '../parsers/syslog.js';

function newParser(options?: PostfixParserOptions): PostfixParser {
  const parser = new PostfixParser(options);
  parser.beginSource(clockFromReference(new Date(2026, 11, 31), 2026));
  return parser;
}

function run(lines: string[], parser = newParser()): { events: MailEvent[]; kinds: LineKind[] } {
  const events: MailEvent[] = [];
  const kinds = lines.map((line, i) => parser.parseLine(line, i + 1, events));
  return { events, kinds };
}

function failures(events: MailEvent[]): FailureEvent[] {
  return events.filter((e): e is FailureEvent => e.kind === 'failure');
}

const at = (h: number, m: number, s: number) => new Date(2026, 10, 22, h, m, s).getTime();

// Scenario c, run A.
const C_FROM = 'Nov 22 19:50:09 mail1 postfix/qmgr[3293]: 81B7A160004: from=<sender@example.net>, size=294, nrcpt=1 (queue active)';
const C_BOUNCED =
  'Nov 22 19:50:09 mail1 postfix/smtp[3364]: 81B7A160004: to=<spamcheck@c-spamdata.test>, relay=127.0.0.1[127.0.0.1]:2503, delay=0.07, delays=0/0.06/0.01/0, dsn=5.7.1, status=bounced (host 127.0.0.1[127.0.0.1] said: 554 5.7.1 Message rejected as spam (in reply to end of DATA command))';
const C_REMOVED = 'Nov 22 19:50:09 mail1 postfix/qmgr[3293]: 81B7A160004: removed';

// Scenario j, run A: greylisted until expiry.
const J_FROM = 'Nov 22 19:50:09 mail1 postfix/qmgr[3293]: B3C6C160007: from=<sender@example.net>, size=289, nrcpt=1 (queue active)';
const J_TEXT =
  'host 127.0.0.1[127.0.0.1] said: 450 4.2.0 <grey@j-greylist.test>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.html (in reply to RCPT TO command)';
const J_DEFERRED_1 = `Nov 22 19:50:09 mail1 postfix/smtp[3364]: B3C6C160007: to=<grey@j-greylist.test>, relay=127.0.0.1[127.0.0.1]:2510, delay=0.02, delays=0/0/0/0.01, dsn=4.2.0, status=deferred (${J_TEXT})`;
const J_DEFERRED_6 = `Nov 22 19:52:36 mail1 postfix/smtp[3373]: B3C6C160007: to=<grey@j-greylist.test>, relay=127.0.0.1[127.0.0.1]:2510, delay=146, delays=146/0/0/0, dsn=4.2.0, status=deferred (${J_TEXT})`;
const J_EXPIRED = 'Nov 22 19:52:36 mail1 postfix/qmgr[3293]: B3C6C160007: from=<sender@example.net>, status=expired, returned to sender';

// Scenario p1, run A.
const P1_REJECT =
  'Nov 22 19:50:09 mail1 postfix/smtpd[3395]: NOQUEUE: reject: RCPT from localhost[127.0.0.1]: 550 5.1.1 <nosuchuser@mail1.example.net>: Recipient address rejected: User unknown in local recipient table; from=<sender@example.net> to=<nosuchuser@mail1.example.net> proto=ESMTP helo=<client-p1-unknown-local.pfcap.test>';

describe('correlation by queue id', () => {
  it('takes the sender from qmgr from= for later status lines, and the message as received', () => {
    const { events, kinds } = run([C_FROM, C_BOUNCED]);
    expect(kinds).toEqual(['recognised', 'recognised']);
    expect(events).toEqual([
      { kind: 'received', time: at(19, 50, 9), mta: 'postfix', host: 'mail1', line: 1, queueId: '81B7A160004', size: 294, sender: 'sender@example.net', client: null },
      {
        kind: 'failure',
        time: at(19, 50, 9),
        mta: 'postfix',
        host: 'mail1',
        line: 2,
        queueId: '81B7A160004',
        sender: 'sender@example.net',
        recipient: 'spamcheck@c-spamdata.test',
        relay: '127.0.0.1[127.0.0.1]:2503',
        outcome: 'bounced',
        direction: 'outbound',
        stage: null,
        dsn: '5.7.1',
        diagnostic: 'host 127.0.0.1[127.0.0.1] said: 554 5.7.1 Message rejected as spam (in reply to end of DATA command)',
      },
    ]);
  });

  it('leaves the sender null when no from= was seen for the queue id', () => {
    const { events } = run([C_BOUNCED]);
    expect(failures(events)[0].sender).toBeNull();
  });

  it('does not give one queue id the sender of another', () => {
    const { events } = run([
      'Nov 22 19:50:09 mail1 postfix/qmgr[3293]: 902FA160054: from=<>, size=3788, nrcpt=1 (queue active)',
      C_BOUNCED,
    ]);
    expect(failures(events)[0].sender).toBeNull();
  });

  it('keeps the null sender of a bounce as an empty string', () => {
    const { events } = run([
      'Nov 22 19:50:09 mail1 postfix/qmgr[3293]: 81B7A160004: from=<>, size=294, nrcpt=1 (queue active)',
      C_BOUNCED,
    ]);
    expect(failures(events)[0].sender).toBe('');
  });

  it('forgets a removed queue id, so a reused id does not inherit the old sender', () => {
    const reused =
      'Nov 22 20:10:00 mail1 postfix/smtp[3364]: 81B7A160004: to=<other@c-spamdata.test>, relay=127.0.0.1[127.0.0.1]:2503, delay=0.07, delays=0/0.06/0.01/0, dsn=5.7.1, status=bounced (host 127.0.0.1[127.0.0.1] said: 554 5.7.1 Message rejected as spam (in reply to end of DATA command))';
    const { events } = run([C_FROM, C_BOUNCED, C_REMOVED, reused]);
    const [first, second] = failures(events);
    expect(first.sender).toBe('sender@example.net');
    expect(second.recipient).toBe('other@c-spamdata.test');
    expect(second.sender).toBeNull();
  });

  it('gives a reused queue id the sender of its new from= line', () => {
    const { events } = run([
      C_FROM,
      C_REMOVED,
      'Nov 22 20:10:00 mail1 postfix/qmgr[3293]: 81B7A160004: from=<new@example.net>, size=294, nrcpt=1 (queue active)',
      C_BOUNCED,
    ]);
    expect(failures(events)[0].sender).toBe('new@example.net');
  });

  it('makes a delivered event of status=sent', () => {
    const { events } = run([
      'Nov 22 19:50:09 mail1 postfix/smtp[3369]: 902FA160054: to=<sender@example.net>, relay=127.0.0.1[127.0.0.1]:2513, delay=0.03, delays=0/0.02/0.01/0, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as R1000)',
    ]);
    expect(events).toEqual([
      { kind: 'delivered', time: at(19, 50, 9), mta: 'postfix', host: 'mail1', line: 1, queueId: '902FA160054', recipient: 'sender@example.net', afterDeferral: false, direction: 'outbound', size: null, relay: '127.0.0.1[127.0.0.1]', delay: 0.03 },
    ]);
  });

  it('makes a delivery by local, virtual or lmtp a local one', () => {
    const { events } = run([
      'Nov 22 19:50:09 mail1 postfix/local[3399]: 902FA160054: to=<bob@mail1.example.net>, relay=local, delay=0.03, delays=0/0.02/0/0.01, dsn=2.0.0, status=sent (delivered to mailbox)',
      'Nov 22 19:50:09 mail1 postfix/virtual[3400]: 902FA160054: to=<carol@mail1.example.net>, relay=virtual, delay=0.03, delays=0/0.02/0/0.01, dsn=2.0.0, status=sent (delivered to maildir)',
      'Nov 22 19:50:09 mail1 postfix/lmtp[3401]: 902FA160054: to=<dave@mail1.example.net>, relay=mail1.example.net[private/dovecot-lmtp], delay=0.03, delays=0/0.02/0/0.01, dsn=2.0.0, status=sent (250 2.0.0 <dave@mail1.example.net> Saved)',
    ]);
    expect(events.map((e) => (e.kind === 'delivered' ? `${e.direction} ${e.recipient}` : e.kind))).toEqual([
      'local bob@mail1.example.net',
      'local carol@mail1.example.net',
      'local dave@mail1.example.net',
    ]);
  });

  it('reports the sent and the bounced recipient of one message separately', () => {
    const { events } = run([
      'Nov 22 19:50:09 mail1 postfix/qmgr[3293]: D77C5160055: from=<sender@example.net>, size=312, nrcpt=2 (queue active)',
      'Nov 22 19:50:09 mail1 postfix/smtp[3373]: D77C5160055: to=<unknown@mixed.test>, relay=127.0.0.1[127.0.0.1]:2515, delay=0.01, delays=0/0/0/0, dsn=5.1.1, status=bounced (host 127.0.0.1[127.0.0.1] said: 550 5.1.1 <unknown@mixed.test>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command))',
      'Nov 22 19:50:09 mail1 postfix/smtp[3373]: D77C5160055: to=<good@mixed.test>, relay=127.0.0.1[127.0.0.1]:2515, delay=0.01, delays=0/0/0/0, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as R1013)',
    ]);
    expect(events.map((e) => [e.kind, e.kind === 'received' ? e.size : e.recipient])).toEqual([
      ['received', 312],
      ['failure', 'unknown@mixed.test'],
      ['delivered', 'good@mixed.test'],
    ]);
  });
});

describe('what the traffic counts need', () => {
  const CLIENT = 'Nov 22 21:22:16 vm postfix/smtpd[906]: BC28D16005D: client=localhost[127.0.0.1]';
  const QMGR = 'Nov 22 21:22:16 vm postfix/qmgr[792]: BC28D16005D: from=<sender@example.net>, size=1024, nrcpt=3 (queue active)';
  const received = (events: MailEvent[]) => events.filter((e) => e.kind === 'received');
  const delivered = (events: MailEvent[]) => events.filter((e) => e.kind === 'delivered');

  it("gives the message qmgr takes up the client smtpd's client= line named for its queue id", () => {
    const { events } = run([CLIENT, 'Nov 22 21:22:16 vm postfix/cleanup[839]: BC28D16005D: message-id=<scen-n.pfA@generate.maillog.test>', QMGR]);
    expect(received(events)).toEqual([
      { kind: 'received', time: at(21, 22, 16), mta: 'postfix', host: 'vm', line: 3, queueId: 'BC28D16005D', size: 1024, sender: 'sender@example.net', client: 'localhost[127.0.0.1]' },
    ]);
  });

  it('has no client for a message pickup took from sendmail, nor for a bounce Postfix wrote itself', () => {
    const { events } = run([
      'Nov 22 21:22:16 vm postfix/pickup[791]: 54CE716005A: uid=0 from=<sender@example.net>',
      'Nov 22 21:22:16 vm postfix/qmgr[792]: 54CE716005A: from=<sender@example.net>, size=299, nrcpt=1 (queue active)',
      'Nov 22 21:22:16 vm postfix/qmgr[792]: 5D89916005C: from=<>, size=3796, nrcpt=1 (queue active)',
    ]);
    expect(received(events).map((e) => e.kind === 'received' && [e.sender, e.client])).toEqual([
      ['sender@example.net', null],
      ['', null],
    ]);
  });

  it('forgets a client at removed, so a reused queue id does not inherit it', () => {
    const { events } = run([CLIENT, 'Nov 22 21:22:17 vm postfix/qmgr[792]: BC28D16005D: removed', QMGR]);
    expect(received(events)[0]).toMatchObject({ client: null });
  });

  it("carries a client= line to the next run when qmgr's from= is in the next night's file", () => {
    const first = newParser();
    run([CLIENT], first);
    const next = newParser();
    next.resume(first.carry());
    expect(received(run([QMGR], next).events)[0]).toMatchObject({ client: 'localhost[127.0.0.1]' });
  });

  it('gives a delivery the relay without its port, and its delay= in seconds', () => {
    const { events } = run([
      QMGR,
      'Nov 22 21:22:44 vm postfix/smtp[851]: BC28D16005D: to=<later@o-tempthenok.test>, relay=127.0.0.1[127.0.0.1]:2514, delay=28, delays=28/0/0/0.01, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as R1039)',
      'Nov 22 21:22:44 vm postfix/smtp[851]: BC28D16005D: to=<v6@example.org>, relay=mx.example.org[2001:db8::7]:25, delay=0.35, delays=0.01/0/0.2/0.14, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 4dLx9Z)',
    ]);
    expect(delivered(events).map((e) => e.kind === 'delivered' && [e.relay, e.delay, e.size])).toEqual([
      ['127.0.0.1[127.0.0.1]', 28, 1024],
      ['mx.example.org[2001:db8::7]', 0.35, 1024],
    ]);
  });

  it('has no relay for a delivery by local, virtual, lmtp or pipe: the relay= of our own delivery agents names the agent', () => {
    const { events } = run([
      'Nov 22 21:22:16 vm postfix/local[910]: F0B7516005E: to=<localok@mail1.example.net>, relay=local, delay=0.01, delays=0/0.01/0/0, dsn=2.0.0, status=sent (delivered to file: /tmp/maillog-gen.Vy2M8w/mbox-postfix/localok)',
      'Nov 22 19:50:09 mail1 postfix/virtual[3400]: 902FA160054: to=<carol@mail1.example.net>, relay=virtual, delay=0.03, delays=0/0.02/0/0.01, dsn=2.0.0, status=sent (delivered to maildir)',
      'Nov 22 19:50:09 mail1 postfix/lmtp[3401]: 902FA160054: to=<dave@mail1.example.net>, relay=mail1.example.net[private/dovecot-lmtp], delay=0.03, delays=0/0.02/0/0.01, dsn=2.0.0, status=sent (250 2.0.0 <dave@mail1.example.net> Saved)',
      'Nov 22 19:50:09 mail1 postfix/pipe[3402]: 902FA160054: to=<erin@mail1.example.net>, relay=dovecot, delay=0.04, delays=0/0.02/0/0.02, dsn=2.0.0, status=sent (delivered via dovecot service)',
    ]);
    expect(delivered(events).map((e) => e.kind === 'delivered' && [e.direction, e.relay, e.delay])).toEqual([
      ['local', null, 0.01],
      ['local', null, 0.03],
      ['local', null, 0.03],
      ['local', null, 0.04],
    ]);
  });

  it('counts a delivery whose delay= is absurd, with its delay unknown', () => {
    const { events } = run([
      'Nov 22 21:22:44 vm postfix/smtp[851]: BC28D16005D: to=<later@o-tempthenok.test>, relay=127.0.0.1[127.0.0.1]:2514, delay=99999999999, delays=28/0/0/0.01, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as R1039)',
    ]);
    expect(delivered(events)).toMatchObject([{ recipient: 'later@o-tempthenok.test', relay: '127.0.0.1[127.0.0.1]', delay: null }]);
  });
});

describe('expiry', () => {
  it("makes qmgr's status=expired an expired event carrying the last deferral's diagnostic, dsn and relay", () => {
    const { events } = run([J_FROM, J_DEFERRED_1, J_DEFERRED_6, J_EXPIRED]);
    const f = failures(events);
    expect(f.map((e) => e.outcome)).toEqual(['deferred', 'deferred', 'expired']);
    expect(f[2]).toEqual({
      kind: 'failure',
      time: at(19, 52, 36),
      mta: 'postfix',
      host: 'mail1',
      line: 4,
      queueId: 'B3C6C160007',
      sender: 'sender@example.net',
      recipient: 'grey@j-greylist.test',
      relay: '127.0.0.1[127.0.0.1]:2510',
      outcome: 'expired',
      direction: 'outbound',
      stage: null,
      dsn: '4.2.0',
      diagnostic: J_TEXT,
    });
  });

  it('takes the reason of the last deferral, not the first', () => {
    // Scenario o's reply first, then a connection failure (relay=none), same format as the logs.
    const { events } = run([
      'Nov 22 19:50:09 mail1 postfix/smtp[3364]: D2720160033: to=<later@o-tempthenok.test>, relay=127.0.0.1[127.0.0.1]:2514, delay=0.01, delays=0.01/0/0/0, dsn=4.3.0, status=deferred (host 127.0.0.1[127.0.0.1] said: 451 4.3.0 <later@o-tempthenok.test>: Temporary local problem - please try later (in reply to RCPT TO command))',
      'Nov 22 19:50:36 mail1 postfix/smtp[3376]: D2720160033: to=<later@o-tempthenok.test>, relay=none, delay=26, delays=26/0/0/0, dsn=4.4.1, status=deferred (connect to 127.0.0.1[127.0.0.1]:2514: Connection refused)',
      'Nov 22 19:52:36 mail1 postfix/qmgr[3293]: D2720160033: from=<sender@example.net>, status=expired, returned to sender',
    ]);
    const expired = failures(events).filter((e) => e.outcome === 'expired');
    expect(expired).toHaveLength(1);
    expect(expired[0]).toMatchObject({
      recipient: 'later@o-tempthenok.test',
      diagnostic: 'connect to 127.0.0.1[127.0.0.1]:2514: Connection refused',
      dsn: '4.4.1',
      relay: null,
      line: 3,
      time: at(19, 52, 36),
    });
  });

  it('makes one expired event per recipient still deferred, none for a recipient delivered meanwhile', () => {
    const deferred = (rcpt: string, s: number) =>
      `Nov 22 19:50:${s} mail1 postfix/smtp[3364]: B6B96160008: to=<${rcpt}>, relay=127.0.0.1[127.0.0.1]:2511, delay=0.01, delays=0/0/0/0, dsn=4.3.2, status=deferred (host 127.0.0.1[127.0.0.1] refused to talk to me: 421 4.3.2 mx.blocked.example Service not available, closing transmission channel)`;
    const { events } = run([
      'Nov 22 19:50:09 mail1 postfix/qmgr[3293]: B6B96160008: from=<sender@example.net>, size=292, nrcpt=3 (queue active)',
      deferred('a@k-banner421.test', 10),
      deferred('b@k-banner421.test', 11),
      deferred('c@k-banner421.test', 12),
      'Nov 22 19:50:36 mail1 postfix/smtp[3364]: B6B96160008: to=<c@k-banner421.test>, relay=127.0.0.1[127.0.0.1]:2511, delay=26, delays=26/0/0/0, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as R1017)',
      'Nov 22 19:52:36 mail1 postfix/qmgr[3293]: B6B96160008: from=<sender@example.net>, status=expired, returned to sender',
    ]);
    const expired = failures(events).filter((e) => e.outcome === 'expired');
    expect(expired.map((e) => e.recipient).sort()).toEqual(['a@k-banner421.test', 'b@k-banner421.test']);
    for (const e of expired) {
      expect(e.dsn).toBe('4.3.2');
      expect(e.line).toBe(6);
    }
  });

  it('keeps the local direction and relay of a local deferral that expires', () => {
    const { events } = run([
      'Nov 22 19:52:36 mail1 postfix/local[3399]: E4C4F160055: to=<tempfail@mail1.example.net>, relay=local, delay=146, delays=146/0/0/0.01, dsn=4.3.0, status=deferred (temporary failure. Command output: mailbox service temporarily unavailable )',
      'Nov 22 19:52:36 mail1 postfix/qmgr[3293]: E4C4F160055: from=<sender@example.net>, status=expired, returned to sender',
    ]);
    const expired = failures(events).find((e) => e.outcome === 'expired');
    expect(expired).toMatchObject({
      direction: 'local',
      relay: 'local',
      sender: 'sender@example.net',
      diagnostic: 'temporary failure. Command output: mailbox service temporarily unavailable ',
    });
  });

  it('makes one recipient-less expired event when no deferral was seen', () => {
    const { events } = run([J_EXPIRED]);
    expect(events).toEqual([
      {
        kind: 'failure',
        time: at(19, 52, 36),
        mta: 'postfix',
        host: 'mail1',
        line: 1,
        queueId: 'B3C6C160007',
        sender: 'sender@example.net',
        recipient: null,
        relay: null,
        outcome: 'expired',
        direction: 'outbound',
        stage: null,
        dsn: null,
        diagnostic: 'message expired',
      },
    ]);
  });

  it('does not expire a recipient whose deferral was followed by a bounce', () => {
    const { events } = run([
      J_DEFERRED_1,
      'Nov 22 19:50:36 mail1 postfix/smtp[3364]: B3C6C160007: to=<grey@j-greylist.test>, relay=127.0.0.1[127.0.0.1]:2510, delay=26, delays=26/0/0/0, dsn=5.1.1, status=bounced (host 127.0.0.1[127.0.0.1] said: 550 5.1.1 <grey@j-greylist.test>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command))',
      J_EXPIRED,
    ]);
    const expired = failures(events).filter((e) => e.outcome === 'expired');
    expect(expired).toHaveLength(1);
    expect(expired[0].recipient).toBeNull();
  });

  it('forgets the deferrals of a removed queue id', () => {
    const { events } = run([
      J_DEFERRED_1,
      'Nov 22 19:50:10 mail1 postfix/qmgr[3293]: B3C6C160007: removed',
      J_EXPIRED,
    ]);
    const expired = failures(events).filter((e) => e.outcome === 'expired');
    expect(expired).toHaveLength(1);
    expect(expired[0].recipient).toBeNull();
  });
});

describe('status words that are no bounce', () => {
  it('takes a SOFTBOUNCE (soft_bounce = yes) as a deferral: the message stays queued', () => {
    const softbounce = C_BOUNCED.replace('dsn=5.7.1, status=bounced', 'dsn=4.7.1, status=SOFTBOUNCE');
    expect(failures(run([C_FROM, softbounce]).events)).toMatchObject([{ outcome: 'deferred', sender: 'sender@example.net', recipient: 'spamcheck@c-spamdata.test' }]);
  });

  it('makes no failure of an address verification probe, whose refusal smtpd logs as a reject', () => {
    const probe = C_BOUNCED.replace('status=bounced', 'status=undeliverable');
    const { events, kinds } = run([C_FROM, probe]);
    expect(kinds).toEqual(['recognised', 'recognised']);
    expect(failures(events)).toEqual([]);
  });
});

describe('line kinds', () => {
  it("calls a line of another program 'foreign'", () => {
    const { events, kinds } = run([
      'Nov 22 19:53:02 vm dovecot[123]: imap-login: Login: user=<a>',
      'Nov 22 19:50:01 vm pfcap-test: rsyslog self-test before run A',
    ]);
    expect(kinds).toEqual(['foreign', 'foreign']);
    expect(events).toEqual([]);
  });

  it("calls a cut Postfix status line 'malformed' and makes no event of it", () => {
    const { events, kinds } = run([
      'Nov 22 19:50:09 mail1 postfix/smtp[3364]: 81B7A160004: to=<spamcheck@c-spamdata.test>, relay=127.0.0.1[127.0.0.1]:2503, delay=0.07, delays=0/0.06/0.01/0, dsn=5.7.1, status=bounced (host 127.0.0.1[127.0.0.1] said: 554 5.7.1 Message rej',
    ]);
    expect(kinds).toEqual(['malformed']);
    expect(events).toEqual([]);
  });

  it("calls a line that is no syslog line 'malformed'", () => {
    expect(run(['this is not a log line', '']).kinds).toEqual(['malformed', 'malformed']);
  });

  it("calls Postfix lines without events 'recognised'", () => {
    const { events, kinds } = run([
      'Nov 22 19:50:05 mail1 postfix/master[3291]: daemon started -- version 3.7.11, configuration /etc/postfix',
      'Nov 22 19:50:09 mail1 postfix/smtpd[3395]: connect from localhost[127.0.0.1]',
      'Nov 22 19:50:09 mail1 postfix/cleanup[3358]: 7E7DC160014: message-id=<scen-a.runA@pfcap.test>',
      'Nov 22 19:50:05 mail1 postfix/postfix-script[3289]: starting the Postfix mail system',
    ]);
    expect(kinds).toEqual(['recognised', 'recognised', 'recognised', 'recognised']);
    expect(events).toEqual([]);
  });

  it('requires beginSource() before the first line', () => {
    expect(() => new PostfixParser().parseLine(C_BOUNCED, 1, [])).toThrow(/beginSource/);
  });
});

describe("a daemon's own trouble", () => {
  it('is a problem event with its severity, its daemon and the text after the severity word', () => {
    const { events, kinds } = run([
      'Nov 22 19:50:09 mail1 postfix/smtpd[3395]: warning: hostname mail.example.com does not resolve to address 192.0.2.1',
      'Nov 22 19:50:10 mail1 postfix/postfix-script[3289]: fatal: open /etc/postfix/main.cf: No such file or directory',
      'Nov 22 19:50:11 mail1 postfix/submission/smtpd[3395]: error: open database /etc/postfix/virtual.db: No such file or directory',
      'Nov 22 19:50:12 mail1 postfix/master[3291]: panic: myfree: corrupt or unallocated memory block',
    ]);
    expect(kinds.every((k) => k === 'recognised')).toBe(true);
    expect(events.map((e) => e.kind === 'problem' && [e.severity, e.program, e.text])).toEqual([
      ['warning', 'smtpd', 'hostname mail.example.com does not resolve to address 192.0.2.1'],
      ['fatal', 'postfix-script', 'open /etc/postfix/main.cf: No such file or directory'],
      ['error', 'smtpd', 'open database /etc/postfix/virtual.db: No such file or directory'],
      ['panic', 'master', 'myfree: corrupt or unallocated memory block'],
    ]);
  });

  it('leaves out the queue id a warning about one message starts with, short or long', () => {
    const { events } = run([
      'Nov 22 19:50:09 mail1 postfix/smtpd[3395]: warning: E0A03160054: queue file size limit exceeded',
      'Nov 22 20:02:26 mail1 postfix-out/cleanup[6830]: warning: 4jXg365Y18zBrLG: queue file size limit exceeded',
    ]);
    expect(events.map((e) => e.kind === 'problem' && e.text)).toEqual(['queue file size limit exceeded', 'queue file size limit exceeded']);
  });
});

describe('direction', () => {
  it('is outbound for the smtp client', () => {
    expect(failures(run([C_BOUNCED]).events)[0].direction).toBe('outbound');
  });

  it('is local for local(8)', () => {
    const { events } = run([
      'Nov 22 19:50:09 mail1 postfix/local[3399]: E8D79160074: to=<nouserpipe@mail1.example.net>, relay=local, delay=0.01, delays=0.01/0/0/0, dsn=5.1.1, status=bounced (user unknown. Command output: no such user here )',
    ]);
    expect(failures(events)[0]).toMatchObject({ direction: 'local', outcome: 'bounced', relay: 'local', dsn: '5.1.1' });
  });

  it('is local for pipe(8)', () => {
    const { events } = run([
      'Nov 22 19:50:09 mail1 postfix/pipe[3400]: E8D79160074: to=<user@mail1.example.net>, relay=dovecot, delay=0.02, delays=0.01/0/0/0.01, dsn=5.1.1, status=bounced (user unknown)',
    ]);
    expect(failures(events)[0].direction).toBe('local');
  });

  it('is outbound when error(8) stands in for a remote destination marked dead', () => {
    const { events } = run([
      'Nov 22 19:50:09 mail1 postfix/error[3401]: BA09D160018: to=<anyone@l-refused.test>, relay=none, delay=30, delays=30/0/0/0, dsn=4.4.1, status=deferred (delivery temporarily suspended: connect to 127.0.0.1[127.0.0.1]:2512: Connection refused)',
    ]);
    expect(failures(events)[0].direction).toBe('outbound');
  });

  it('is inbound for a NOQUEUE reject, with client, stage and both addresses', () => {
    const { events } = run([P1_REJECT]);
    expect(events).toEqual([
      {
        kind: 'failure',
        time: at(19, 50, 9),
        mta: 'postfix',
        host: 'mail1',
        line: 1,
        queueId: null,
        sender: 'sender@example.net',
        recipient: 'nosuchuser@mail1.example.net',
        relay: 'localhost[127.0.0.1]',
        outcome: 'rejected',
        direction: 'inbound',
        stage: 'RCPT TO',
        dsn: null,
        diagnostic: '550 5.1.1 <nosuchuser@mail1.example.net>: Recipient address rejected: User unknown in local recipient table',
      },
    ]);
  });

  it("is inbound for cleanup's header reject, at end of DATA with its queue id", () => {
    const { events } = run([
      'Nov 22 19:50:09 mail1 postfix/cleanup[3383]: DF7BF160054: reject: header Subject: BUY CHEAP PILLS now from localhost[127.0.0.1]; from=<sender@example.net> to=<ok8@n-ok.test> proto=ESMTP helo=<client-p4-header-check.pfcap.test>: 5.7.1 Message content rejected (spammy subject)',
    ]);
    expect(failures(events)[0]).toMatchObject({
      queueId: 'DF7BF160054',
      outcome: 'rejected',
      direction: 'inbound',
      stage: 'end of DATA',
      diagnostic: '5.7.1 Message content rejected (spammy subject)',
    });
  });
});

describe('bounded state', () => {
  it('evicts the oldest sender past stateLimit', () => {
    const from = (qid: string, sender: string) =>
      `Nov 22 19:50:09 mail1 postfix/qmgr[3293]: ${qid}: from=<${sender}>, size=300, nrcpt=1 (queue active)`;
    const bounced = (qid: string) =>
      `Nov 22 19:50:10 mail1 postfix/smtp[3364]: ${qid}: to=<x@f-relaydenied.test>, relay=127.0.0.1[127.0.0.1]:2506, delay=0.04, delays=0.01/0.02/0/0, dsn=5.7.1, status=bounced (host 127.0.0.1[127.0.0.1] said: 554 5.7.1 <x@f-relaydenied.test>: Relay access denied (in reply to RCPT TO command))`;
    const parser = newParser({ stateLimit: 2 });
    const { events } = run(
      [
        from('9CC33160009', 'first@example.net'),
        from('A7731160004', 'second@example.net'),
        from('A8B07160007', 'third@example.net'),
        bounced('9CC33160009'),
        bounced('A7731160004'),
        bounced('A8B07160007'),
      ],
      parser,
    );
    expect(failures(events).map((e) => e.sender)).toEqual([null, 'second@example.net', 'third@example.net']);
    expect(parser.evictedIds).toBeGreaterThanOrEqual(1);
  });

  it('evicts nothing within the limit', () => {
    const parser = newParser({ stateLimit: 2 });
    run([C_FROM, J_FROM, C_BOUNCED], parser);
    expect(parser.evictedIds).toBe(0);
  });

  it('forgets the oldest of 100,000 messages deferred and never completed, within its bytes, though under its entry limit', () => {
    // Scenario j's message again and again under fresh queue ids: each holds a sender, a size and a deferral of some 200 characters.
    const qid = (i: number) => (0xb3c6c000000 + i).toString(16).toUpperCase();
    const parser = newParser();
    const messages = 100_000;
    const events: MailEvent[] = [];
    for (let i = 0; i < messages; i++) {
      parser.parseLine(J_FROM.replace('B3C6C160007', qid(i)), 2 * i + 1, events);
      parser.parseLine(J_DEFERRED_1.replace('B3C6C160007', qid(i)), 2 * i + 2, events);
    }
    expect(parser.evictedIds).toBeGreaterThan(messages / 2);
    const { events: expired } = run([J_EXPIRED.replace('B3C6C160007', qid(0)), J_EXPIRED.replace('B3C6C160007', qid(messages - 1))], parser);
    // The first message's deferral was forgotten: its expiry names no reason. The last one's still does.
    expect(failures(expired).map((e) => [e.queueId, e.diagnostic])).toEqual([
      [qid(0), 'message expired'],
      [qid(messages - 1), J_TEXT],
    ]);
  });
});

describe('syslog names and stamps', () => {
  it('recognises a second instance named postfix-out/smtp', () => {
    const { events, kinds } = run([
      C_FROM.replace('postfix/qmgr', 'postfix-out/qmgr'),
      C_BOUNCED.replace('postfix/smtp', 'postfix-out/smtp'),
    ]);
    expect(kinds).toEqual(['recognised', 'recognised']);
    expect(failures(events)[0]).toMatchObject({ sender: 'sender@example.net', direction: 'outbound', outcome: 'bounced' });
  });

  it('recognises the submission service postfix/submission/smtpd', () => {
    const { events, kinds } = run([P1_REJECT.replace('postfix/smtpd', 'postfix/submission/smtpd')]);
    expect(kinds).toEqual(['recognised']);
    expect(failures(events)[0]).toMatchObject({ direction: 'inbound', outcome: 'rejected', stage: 'RCPT TO' });
  });

  it.each([
    ['postfix/smtp', 'smtp'],
    ['postfix-out/smtp', 'smtp'],
    ['postfix/submission/smtpd', 'smtpd'],
    ['postfix/postscreen', 'postscreen'],
    ['postfix/nqmgr', 'nqmgr'],
    ['postfix', 'postfix'],
    ['dovecot', null],
    ['pfcap-test', null],
    ['postfix/imap-login', null],
  ])('postfixDaemon(%s) is %s', (program, daemon) => {
    expect(postfixDaemon(program)).toBe(daemon);
  });

  it('times events of an RFC 3339 source in UTC with milliseconds, host from the line', () => {
    const { events } = run([
      '2026-11-22T19:53:02.424548+00:00 vm postfix/smtp[4110]: 5D2A316005A: to=<spamcheck@c-spamdata.test>, relay=127.0.0.1[127.0.0.1]:2503, delay=0.04, delays=0/0.02/0.01/0.01, dsn=5.7.1, status=bounced (host 127.0.0.1[127.0.0.1] said: 554 5.7.1 Message rejected as spam (in reply to end of DATA command))',
    ]);
    expect(events[0]).toMatchObject({ time: Date.UTC(2026, 10, 22, 19, 53, 2, 424), host: 'vm', queueId: '5D2A316005A' });
  });

  it('uses the clock of the current source for RFC 3164 stamps', () => {
    const parser = new PostfixParser();
    parser.beginSource(clockFromReference(new Date(2027, 0, 3)));
    const events: MailEvent[] = [];
    parser.parseLine(C_BOUNCED.replace('Nov 22', 'Dec 31'), 1, events);
    parser.beginSource(clockFromReference(new Date(2027, 0, 3), 2030));
    parser.parseLine(C_BOUNCED.replace('Nov 22', 'Dec 31'), 1, events);
    expect(events.map((e) => e.time)).toEqual([new Date(2026, 11, 31, 19, 50, 9).getTime(), new Date(2030, 11, 31, 19, 50, 9).getTime()]);
  });
});
