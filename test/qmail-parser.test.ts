// The qmail parser on qmail-send's lines and the refusals logged around
// qmail-smtpd, in multilog, tai64nlocal and splogger form.

import { describe, expect, it } from 'vitest';
import { Classifier } from '../src/classify/classifier.js';
import { QmailParser } from '../parsers/qmail/parser.js';
import type { CarriedState, MailEvent } from '../parsers/events.js';
import { failuresOf, parseLines } from './helpers.js';
import { readReport, unescapeReport } from '../parsers/qmail/records.js';
import { LocalStampReader, sploggerTime, tai64nTime } from '../parsers/qmail/stamps.js';

const parse = (lines: string[]) => parseLines(new QmailParser(), lines);
const failures = failuresOf;
const L = '@4000000067409a1b2c3d4e5f'; // a multilog label

describe('stamps', () => {
  it('reads a TAI64N label as daemontools writes it: 2^62 + 10 + the Unix second, then nanoseconds', () => {
    // 0x67409a1b = 1732287003 and 0x2c3d4e5f = 742215263
    expect(tai64nTime('@4000000067409a1b2c3d4e5f')).toBe((1732287003 - 10) * 1000 + 742);
    expect(new Date(tai64nTime('@400000006b032daa075bcd15')).toISOString()).toBe('2026-11-22T18:00:00.123Z');
  });

  it('refuses what is no label', () => {
    expect(tai64nTime('@4000000067409a1b2c3d4e5')).toBeNaN();
    expect(tai64nTime('@3fffffff67409a1b2c3d4e5f')).toBeNaN();
    expect(tai64nTime('@40000000zz409a1b2c3d4e5f')).toBeNaN();
  });

  it("reads tai64nlocal's stamp as local time, to the millisecond", () => {
    const reader = new LocalStampReader();
    expect(reader.time('2026-11-22 18:46:43.123456789')).toBe(new Date(2026, 10, 22, 18, 46, 43).getTime() + 123);
    expect(reader.time('2026-13-22 18:46:43.123456789')).toBeNaN();
  });

  it("reads splogger's seconds and microseconds", () => {
    expect(sploggerTime('1732301203.123456')).toBe(1732301203123);
    expect(sploggerTime('1732301203.1234')).toBeNaN();
  });

  it('stamps events from each form', () => {
    const line = 'delivery 7: failure: Sorry,_no_mailbox_here_by_that_name._(#5.1.1)/';
    const [multilog] = failures(parse([`@400000006b032daa075bcd15 ${line}`]).events);
    const [local] = failures(parse([`2026-11-22 18:00:00.123456789 ${line}`]).events);
    const [splogger] = failures(parse([`Nov 22 18:00:00 mail1 qmail: 1795370400.123456 ${line}`]).events);
    expect(multilog.time).toBe(Date.UTC(2026, 10, 22, 18, 0, 0, 123));
    expect(local.time).toBe(new Date(2026, 10, 22, 18, 0, 0).getTime() + 123);
    expect(splogger).toMatchObject({ time: Date.UTC(2026, 10, 22, 18, 0, 0, 123), host: 'mail1' });
  });
});

describe('delivery reports', () => {
  const report = '1.2.3.4_does_not_like_recipient./Remote_host_said:_550_5.1.1_<x@y>..._User_unknown/Giving_up_on_1.2.3.4./';

  it('undoes the escaping: _ is a space, / ends a line', () => {
    expect(unescapeReport(report)).toEqual(['1.2.3.4 does not like recipient.', 'Remote host said: 550 5.1.1 <x@y>... User unknown', 'Giving up on 1.2.3.4.']);
  });

  it('keeps the slashes of a URL, and splits the lines of a multi-line reply', () => {
    const lines = unescapeReport(
      '192.0.2.1_does_not_like_recipient./Remote_host_said:_550-5.7.1_blocked,_see_https://www.spamhaus.org/query/ip/198.51.100.5/550_5.7.1_Go_to_http://x.example/a/b/Giving_up_on_192.0.2.1./',
    );
    expect(lines).toEqual([
      '192.0.2.1 does not like recipient.',
      'Remote host said: 550-5.7.1 blocked, see https://www.spamhaus.org/query/ip/198.51.100.5',
      '550 5.7.1 Go to http://x.example/a/b',
      'Giving up on 192.0.2.1.',
    ]);
  });

  it('gives the remote host, the stage and the reply code and enhanced status the remote host said', () => {
    const r = readReport(report);
    expect(r).toMatchObject({ relay: '[1.2.3.4]', stage: 'RCPT TO', expired: false });
    const c = new Classifier().classify({ text: r.text, stage: r.stage });
    expect(c).toMatchObject({ replyCode: 550, enhancedStatus: '5.1.1', cause: 'recipient-unknown' });
  });

  it.each([
    ['Connected_to_192.0.2.1_but_sender_was_rejected./Remote_host_said:_553_5.7.1_Sender_address_rejected:_not_owned_by_user/', 'MAIL FROM', 'sender-not-permitted'],
    ['192.0.2.1_failed_after_I_sent_the_message./Remote_host_said:_552_5.3.4_Message_size_exceeds_fixed_maximum_message_size/', 'end of DATA', 'message-too-large'],
    ['Connected_to_192.0.2.1_but_greeting_failed./Remote_host_said:_554_5.7.1_Service_unavailable;_Client_host_[198.51.100.5]_blocked_using_zen.spamhaus.org/', 'CONNECT', 'recipient-antispam'],
  ])('reads %s', (text, stage, cause) => {
    const r = readReport(text);
    expect(r.stage).toBe(stage);
    expect(new Classifier().classify({ text: r.text, stage: r.stage }).cause).toBe(cause);
  });

  it.each([
    ['Sorry,_no_mailbox_here_by_that_name._(#5.1.1)/', 'recipient-unknown', '5.1.1'],
    ["Sorry,_I_couldn't_find_any_host_named_nx.example._(#5.1.2)/", 'dns-misconfigured', '5.1.2'],
    ["Sorry,_I_couldn't_find_any_host_by_that_name._(#4.1.2)/", 'dns-misconfigured', '4.1.2'],
    ["Sorry,_I_wasn't_able_to_establish_an_SMTP_connection._(#4.4.1)/", 'recipient-server-down', '4.4.1'],
    ['Connected_to_192.0.2.1_but_connection_died._(#4.4.2)/', 'recipient-server-down', '4.4.2'],
    ["Sorry,_I_couldn't_find_a_mail_exchanger_or_IP_address._(#5.4.4)/", 'dns-misconfigured', '5.4.4'],
    ['This_message_is_looping:_it_already_has_my_Delivered-To_line._(#5.4.6)/', 'dns-misconfigured', '5.4.6'],
  ])("classifies qmail's own %s like any reply", (text, cause, status) => {
    const c = new Classifier().classify({ text: readReport(text).text });
    expect(c).toMatchObject({ cause, enhancedStatus: status });
  });
});

describe('qmail-send', () => {
  const message = (msg: number, sender: string, delivery: number, rcpt: string) => [
    `${L} new msg ${msg}`,
    `${L} info msg ${msg}: bytes 2048 from <${sender}> qp 4711 uid 1001`,
    `${L} starting delivery ${delivery}: msg ${msg} to remote ${rcpt}`,
  ];

  it('gives a failure its message, sender, recipient and remote host', () => {
    const { events, kinds } = parse([...message(30001, 'alice@example.net', 1, 'bob@example.org'), `${L} delivery 1: failure: 192.0.2.7_does_not_like_recipient./Remote_host_said:_550_5.1.1_unknown/Giving_up_on_192.0.2.7./`, `${L} end msg 30001`]);
    expect(kinds.every((k) => k === 'recognised')).toBe(true);
    expect(failures(events)).toEqual([
      expect.objectContaining({ queueId: '30001', sender: 'alice@example.net', recipient: 'bob@example.org', relay: '[192.0.2.7]', outcome: 'bounced', direction: 'outbound', stage: 'RCPT TO' }),
    ]);
  });

  it('counts a success as a delivery, and a deferral and a local failure as what they are', () => {
    const { events } = parse([
      ...message(30001, 'alice@example.net', 1, 'bob@example.org'),
      `${L} delivery 1: deferral: Sorry,_I_wasn't_able_to_establish_an_SMTP_connection._(#4.4.1)/`,
      `${L} starting delivery 2: msg 30001 to remote bob@example.org`,
      `${L} delivery 2: success: 192.0.2.7_accepted_message./Remote_host_said:_250_ok_1795370400_qp_4711/`,
      `${L} starting delivery 3: msg 30001 to local nosuch@mail1.example.net`,
      `${L} delivery 3: failure: Sorry,_no_mailbox_here_by_that_name._(#5.1.1)/`,
    ]);
    expect(events.map((e) => (e.kind === 'received' ? `received ${e.size}` : e.kind === 'failure' ? `${e.outcome} ${e.direction} ${e.recipient}` : `delivered ${e.direction} ${e.recipient} ${e.size}`))).toEqual([
      'received 2048',
      'deferred outbound bob@example.org',
      'delivered outbound bob@example.org 2048',
      'bounced local nosuch@mail1.example.net',
    ]);
  });

  it('takes a failure past queuelifetime for an expiry, with the reason of the deferral it ends', () => {
    const { events } = parse([
      ...message(30001, 'alice@example.net', 1, 'bob@example.org'),
      `${L} delivery 1: failure: Sorry,_I_wasn't_able_to_establish_an_SMTP_connection._(#4.4.1)/I'm_not_going_to_try_again;_this_message_has_been_in_the_queue_too_long./`,
    ]);
    const [e] = failures(events);
    expect(e).toMatchObject({ outcome: 'expired', diagnostic: "Sorry, I wasn't able to establish an SMTP connection. (#4.4.1)" });
    expect(new Classifier().classify({ text: e.diagnostic, outcome: e.outcome }).cause).toBe('recipient-server-down');
  });

  it('never gives a reused message number the sender of the message it had before', () => {
    const { events } = parse([
      ...message(30001, 'alice@example.net', 1, 'bob@example.org'),
      `${L} delivery 1: success: did_0+0+1/`,
      `${L} end msg 30001`,
      `${L} new msg 30001`,
      `${L} starting delivery 2: msg 30001 to remote carol@example.org`,
      `${L} delivery 2: failure: Sorry,_I_couldn't_find_any_host_named_example.org._(#5.1.2)/`,
    ]);
    expect(failures(events)[0]).toMatchObject({ queueId: '30001', recipient: 'carol@example.org', sender: null });
  });

  it('starts a message afresh at new msg even when its end was not in the log', () => {
    const { events } = parse([
      ...message(30001, 'alice@example.net', 1, 'bob@example.org'),
      `${L} new msg 30001`,
      `${L} starting delivery 2: msg 30001 to remote carol@example.org`,
      `${L} delivery 2: failure: Sorry,_no_mailbox_here_by_that_name._(#5.1.1)/`,
    ]);
    expect(failures(events)[0]).toMatchObject({ recipient: 'carol@example.org', sender: null });
  });

  it('follows delivery numbers that start again at 1 after qmail-send restarts', () => {
    const { events } = parse([
      ...message(30001, 'alice@example.net', 1, 'bob@example.org'),
      `${L} status: exiting`,
      ...message(30002, 'dave@example.net', 1, 'erin@example.org'),
      `${L} delivery 1: failure: Sorry,_no_mailbox_here_by_that_name._(#5.1.1)/`,
    ]);
    expect(failures(events)[0]).toMatchObject({ queueId: '30002', sender: 'dave@example.net', recipient: 'erin@example.org' });
  });

  it('reads status, bounce and triple bounce lines without events', () => {
    const { events, kinds } = parse([
      `${L} status: local 1/10 remote 3/20`,
      `${L} bounce msg 30001 qp 4712`,
      `${L} triple bounce: discarding bounce/30003`,
      `${L} delivery 4: report mangled, will defer`,
    ]);
    expect(events).toEqual([]);
    expect(kinds.every((k) => k === 'recognised')).toBe(true);
  });

  it('reads warning and alert lines as qmail-send trouble: an alert is an error', () => {
    const { events, kinds } = parse([
      `${L} warning: trouble opening remote/0/30004; will try again later`,
      `${L} alert: unable to append to bounce message; HELP! sleeping...`,
    ]);
    expect(kinds.every((k) => k === 'recognised')).toBe(true);
    expect(events.map((e) => e.kind === 'problem' && [e.severity, e.program, e.text])).toEqual([
      ['warning', 'qmail-send', 'trouble opening remote/0/30004; will try again later'],
      ['error', 'qmail-send', 'unable to append to bounce message; HELP! sleeping...'],
    ]);
  });

  it('counts a cut qmail-send line as malformed and a line of another program as foreign', () => {
    const { kinds } = parse([`${L} delivery 12: fail`, `${L} starting delivery 3: msg`, `${L} simscan:[123]:CLEAN`, `${L} tcpserver: status: 1/20`, 'not a log line']);
    expect(kinds).toEqual(['malformed', 'malformed', 'foreign', 'foreign', 'malformed']);
  });
});

describe('what the traffic counts need', () => {
  // Message 30017 of samples/qmail/qmail-send.multilog: greylisted once, delivered 62 seconds after its info line.
  const GREYLISTED = [
    '@400000006b032dce075bcd15 new msg 30017',
    '@400000006b032dce075bcd15 info msg 30017: bytes 2392 from <bob@example.net> qp 4016 uid 1001',
    '@400000006b032dce075bcd15 starting delivery 5: msg 30017 to remote grey@greylist.example',
    '@400000006b032dcf075bcd15 delivery 5: deferral: 192.0.2.23_does_not_like_recipient./Remote_host_said:_450_4.2.0_<grey@greylist.example>:_Recipient_address_rejected:_Greylisted,_see_http://postgrey.schweikert.ch/help/greylist.example.html/Giving_up_on_192.0.2.23./',
    '@400000006b032e0b075bcd15 starting delivery 6: msg 30017 to remote grey@greylist.example',
  ];
  const SUCCESS = '@400000006b032e0c075bcd15 delivery 6: success: 192.0.2.23_accepted_message./Remote_host_said:_250_2.0.0_OK_1795370400_qp_4711/';
  const traffic = (events: MailEvent[]) =>
    events.flatMap((e) => (e.kind === 'received' ? [['received', e.sender, e.client]] : e.kind === 'delivered' ? [['delivered', e.relay, e.delay, e.size]] : []));

  it('takes the sender from the info line, no client, and the delay from the info line to the success', () => {
    expect(traffic(parse([...GREYLISTED, SUCCESS]).events)).toEqual([
      ['received', 'bob@example.net', null],
      ['delivered', '[192.0.2.23]', 62, 2392],
    ]);
  });

  it('has no relay for a local delivery', () => {
    const { events } = parse([
      '@400000006b032f8f075bcd15 new msg 30002',
      '@400000006b032f8f075bcd15 info msg 30002: bytes 1837 from <bob@example.net> qp 4001 uid 1001',
      '@400000006b032f91075bcd15 starting delivery 24: msg 30002 to local postmaster@mail1.example.net',
      '@400000006b032f92075bcd15 delivery 24: success: did_0+0+1/',
    ]);
    expect(traffic(events)).toEqual([
      ['received', 'bob@example.net', null],
      ['delivered', null, 3, 1837],
    ]);
  });

  it("keeps the info line's time for a delivery in the next run's log", () => {
    const first = new QmailParser();
    parseLines(first, GREYLISTED);
    const next = new QmailParser();
    next.resume(JSON.parse(JSON.stringify(first.carry())) as CarriedState);
    expect(traffic(parseLines(next, [SUCCESS]).events)).toEqual([['delivered', '[192.0.2.23]', 62, 2392]]);
  });

  it('has no delay for a message an older version carried by its size alone', () => {
    const first = new QmailParser();
    parseLines(first, GREYLISTED);
    const state = first.carry();
    const next = new QmailParser();
    next.resume({ ...state, arrivals: state.arrivals.map(([msg, { size }]) => [msg, { size, time: null }]) });
    expect(traffic(parseLines(next, [SUCCESS]).events)).toEqual([['delivered', '[192.0.2.23]', null, 2392]]);
  });
});

describe('splogger', () => {
  it('joins a line splogger continued on the next syslog line', () => {
    const text = `delivery 9: failure: 192.0.2.7_does_not_like_recipient./Remote_host_said:_550_5.7.1_${'x'.repeat(900)}_blocked_using_zen.spamhaus.org/Giving_up_on_192.0.2.7./`;
    const { events, kinds } = parse([
      `Nov 22 18:00:00 mail1 qmail: 1795370400.123456 ${text.slice(0, 799)}`,
      `Nov 22 18:00:00 mail1 qmail: 1795370400.123456+${text.slice(799)}`,
    ]);
    expect(kinds).toEqual(['recognised', 'recognised']);
    const [e] = failures(events);
    expect(e.line).toBe(1);
    expect(e.diagnostic).toMatch(/blocked using zen\.spamhaus\.org Giving up on 192\.0\.2\.7\.$/);
  });

  it('reads a 799-character line whose continuation never comes when the next line arrives', () => {
    const text = `delivery 9: failure: ${'Sorry,_'.repeat(110)}no_mailbox_here_by_that_name._(#5.1.1)/`.slice(0, 799);
    const { events } = parse([`Nov 22 18:00:00 mail1 qmail: 1795370400.123456 ${text}`, 'Nov 22 18:00:01 mail1 qmail: 1795370401.000000 status: local 0/10 remote 0/20']);
    expect(failures(events)).toHaveLength(1);
  });

  it('counts a continuation whose start it never saw as malformed, and other programs as foreign', () => {
    const { kinds } = parse(['Nov 22 18:00:00 mail1 qmail: 1795370400.123456+rest_of_a_line/', 'Nov 22 18:00:00 mail1 CRON[123]: (root) CMD (true)']);
    expect(kinds).toEqual(['malformed', 'foreign']);
  });
});

describe('SMTP-time refusals', () => {
  it('reads rblsmtpd', () => {
    const [e] = failures(parse([`${L} rblsmtpd: 198.51.100.7 pid 12346: 451 https://www.spamhaus.org/query/ip/198.51.100.7`]).events);
    expect(e).toMatchObject({ outcome: 'rejected', direction: 'inbound', relay: '[198.51.100.7]', recipient: null, stage: 'CONNECT', diagnostic: 'rblsmtpd: 451 https://www.spamhaus.org/query/ip/198.51.100.7' });
    expect(new Classifier().classify({ text: e.diagnostic, outcome: e.outcome }).cause).toBe('recipient-antispam');
  });

  // The forms below are in fail2ban's test logs of real servers, and in indimail's rblsmtpd.c (rbl_out).
  it('reads the other forms rblsmtpd logs in: with the list after the pid, indimail’s, the early one, and under its own syslog tag', () => {
    const { events, kinds } = parse([
      'Sep  6 07:33:33 sd6 qmail: 1157520813.485077 rblsmtpd: 198.51.100.77 pid 19597 sbl-xbl.spamhaus.org: 451 http://www.spamhaus.org/query/bl?ip=198.51.100.77',
      `${L} rblsmtpd:  pid 4321 from 192.0.2.10: 451 http://www.spamhaus.org/query/bl?ip=192.0.2.10`,
      `${L} rblsmtpd:  pid 4321 from 192.0.2.10: Recipient <bob@example.org>`,
      'Jun 30 15:13:33 ns1 rblsmtpd: relays.ordb.org blocked 193.111.120.47 ordb-test.null.dk -',
      'Dec  6 10:00:01 mx rblsmtpd[77]: 192.0.2.9 pid 77: 451 listed',
    ]);
    expect(kinds).toEqual(['recognised', 'recognised', 'recognised', 'recognised', 'recognised']);
    const classifier = new Classifier();
    expect(failures(events).map((e) => [e.relay, e.stage, e.diagnostic, classifier.classify({ text: e.diagnostic, outcome: e.outcome }).cause])).toEqual([
      ['[198.51.100.77]', 'CONNECT', 'rblsmtpd: 451 http://www.spamhaus.org/query/bl?ip=198.51.100.77', 'recipient-antispam'],
      ['[192.0.2.10]', 'CONNECT', 'rblsmtpd: 451 http://www.spamhaus.org/query/bl?ip=192.0.2.10', 'recipient-antispam'],
      ['[193.111.120.47]', 'CONNECT', 'rblsmtpd: blocked using relays.ordb.org', 'recipient-antispam'],
      ['[192.0.2.9]', 'CONNECT', 'rblsmtpd: 451 listed', expect.any(String)],
    ]);
  });

  it('reads a qmail-smtpd line that logs the reply it refused a client with (badiprbl patch)', () => {
    const [e] = failures(parse(['Sep  6 07:18:29 sd6 qmail: 1157519909.633171 qmail-smtpd: 421 badiprbl: ip 198.51.100.54 rbl: example.com']).events);
    expect(e).toMatchObject({ outcome: 'rejected', direction: 'inbound', relay: '[198.51.100.54]', diagnostic: '421 badiprbl: ip 198.51.100.54 rbl: example.com' });
  });

  it('reads chkuser in its 2.0.9 and its later form, and skips what it accepted', () => {
    const { events } = parse([
      `${L} CHKUSER rejected rcpt: from <bob@sender.example::> remote <client.example.org:client.example.org:203.0.113.9> rcpt <nosuch@mail1.example.net> : not existing recipient`,
      `${L} CHKUSER mbx overquota: from <bob@sender.example|remoteinfo/auth:|chkuser-identify:> remote <helo:c.example.org|remotehostname:c.example.org|remotehostip:203.0.113.10> rcpt <full@mail1.example.net> : rcpt mailbox is overquota`,
      `${L} CHKUSER accepted rcpt: from <bob@sender.example|remoteinfo/auth:|chkuser-identify:> remote <helo:c|remotehostname:c|remotehostip:203.0.113.10> rcpt <info@mail1.example.net> : found existing recipient`,
      `${L} CHKUSER rejected sender: from <ghost@nx.example|remoteinfo/auth:|chkuser-identify:> remote <helo:c|remotehostname:c|remotehostip:203.0.113.11> rcpt <> : invalid sender MX domain`,
    ]);
    const classifier = new Classifier();
    expect(failures(events).map((e) => [e.sender, e.recipient, e.relay, e.stage, e.dsn, classifier.classify({ text: e.diagnostic, dsn: e.dsn, outcome: e.outcome }).cause])).toEqual([
      ['bob@sender.example', 'nosuch@mail1.example.net', '[203.0.113.9]', 'RCPT TO', '5.1.1', 'recipient-unknown'],
      ['bob@sender.example', 'full@mail1.example.net', '[203.0.113.10]', 'RCPT TO', '5.2.2', 'mailbox-disabled'],
      ['ghost@nx.example', null, '[203.0.113.11]', 'MAIL FROM', '5.1.8', 'dns-misconfigured'],
    ]);
  });

  it('reads the qlog lines of rejected envelopes, one event per recipient, with the reply the client was given', () => {
    const { events } = parse([
      `${L} qlogenvelope: result=rejected code=553 reason=not_in_rcpthosts detail= helo=c.example.org mailfrom=erin@sender.example rcptto=x@notmine.example relay=no rcpthosts=no size= authuser= authtype= encrypted= sslverified=no localip=192.0.2.5 localport=25 remoteip=203.0.113.13 remoteport=40123 remotehost=c.example.org qp=4711 pid=12350`,
      `${L} qlogreceived: result=rejected code=552 reason=databytes_limit_exceeded detail= helo=c mailfrom=f@s.example rcptto=a@mail1.example.net,b@mail1.example.net relay=no rcpthosts= size=31457280 authuser= authtype= encrypted= sslverified=no localip=192.0.2.5 localport=25 remoteip=203.0.113.15 remoteport=40124 remotehost= qp=4712 pid=12351`,
      `${L} qlogenvelope: result=accepted code=250 reason=rcptto detail=chkuser helo=c mailfrom=f@s.example rcptto=info@mail1.example.net relay=no rcpthosts=yes size= authuser= authtype= encrypted= sslverified=no localip=192.0.2.5 localport=25 remoteip=203.0.113.15 remoteport=40124 remotehost= qp=4712 pid=12351`,
    ]);
    expect(failures(events).map((e) => [e.recipient, e.relay, e.stage, e.diagnostic])).toEqual([
      ['x@notmine.example', 'c.example.org[203.0.113.13]', 'RCPT TO', "553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)"],
      ['a@mail1.example.net', '[203.0.113.15]', 'end of DATA', '552 sorry, that message size exceeds my databytes limit (#5.3.4)'],
      ['b@mail1.example.net', '[203.0.113.15]', 'end of DATA', '552 sorry, that message size exceeds my databytes limit (#5.3.4)'],
    ]);
  });

  it("reads qmail-smtpd's own reject notes and skips its other notes", () => {
    const { events, kinds } = parse([
      `${L} qmail-smtpd: reject (auth not available without TLS): grace@sender.example from 203.0.113.16 to  helo c.example.org`,
      `${L} qmail-smtpd: SSL error (handshake): grace@sender.example from 203.0.113.16 to  helo c.example.org`,
      `${L} qmail-smtpd[12351]: SNI provided (mail1.example.net)`,
    ]);
    expect(kinds).toEqual(['recognised', 'recognised', 'recognised']);
    expect(failures(events)).toEqual([expect.objectContaining({ sender: 'grace@sender.example', recipient: null, relay: '[203.0.113.16]', diagnostic: 'reject (auth not available without TLS)' })]);
  });
});
