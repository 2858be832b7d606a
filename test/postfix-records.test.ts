// parsePostfixMessage on the message part (after `program[pid]: `) of lines a
// real Postfix 3.7.11 wrote, plus a few built in exactly the same format.

import { describe, expect, it } from 'vitest';
import { parsePostfixMessage, withoutPort, type StatusRecord } from '../parsers/postfix/records.js';

const GMAIL_NO_SUCH_USER =
  "host 127.0.0.1[127.0.0.1] said: 550-5.1.1 The email account that you tried to reach does not exist. Please try 550-5.1.1 double-checking the recipient's email address for typos or 550-5.1.1 unnecessary spaces. For more information, go to 550 5.1.1  https://support.google.com/mail/?p=NoSuchUser d75a77b69052e-4b2e1f3a1c2si123456qt.45 - gsmtp (in reply to RCPT TO command)";

describe('status lines', () => {
  it('reads a bounced smtp line: queue id, recipient, relay, dsn, status and the whole reason', () => {
    const r = parsePostfixMessage(
      `7E7DC160014: to=<nosuchuser1@a-nouser.test>, relay=127.0.0.1[127.0.0.1]:2501, delay=0.09, delays=0.03/0.03/0.01/0.01, dsn=5.1.1, status=bounced (${GMAIL_NO_SUCH_USER})`,
    );
    expect(r).toEqual({
      type: 'status',
      queueId: '7E7DC160014',
      recipient: 'nosuchuser1@a-nouser.test',
      origRecipient: null,
      relay: '127.0.0.1[127.0.0.1]:2501',
      delay: 0.09,
      dsn: '5.1.1',
      status: 'bounced',
      text: GMAIL_NO_SUCH_USER,
    });
  });

  it('keeps parentheses inside the reason', () => {
    const r = parsePostfixMessage(
      '81B7A160004: to=<spamcheck@c-spamdata.test>, relay=127.0.0.1[127.0.0.1]:2503, delay=0.07, delays=0/0.06/0.01/0, dsn=5.7.1, status=bounced (host 127.0.0.1[127.0.0.1] said: 554 5.7.1 Message rejected as spam (in reply to end of DATA command))',
    );
    expect(r).toMatchObject({
      type: 'status',
      status: 'bounced',
      text: 'host 127.0.0.1[127.0.0.1] said: 554 5.7.1 Message rejected as spam (in reply to end of DATA command)',
    });
  });

  it('reads a quoted local part whole, a > inside the quotes included', () => {
    const r = parsePostfixMessage(
      '50B57160055: to=<"<b>\\"x\\"</b>"@example.com>, orig_to=<"a>b"@example.com>, relay=mx.example.com[192.0.2.7]:25, delay=0.06, delays=0.02/0.02/0/0.01, dsn=5.1.1, status=bounced (host mx.example.com[192.0.2.7] said: 550 5.1.1 user unknown (in reply to RCPT TO command))',
    );
    expect(r).toMatchObject({ type: 'status', recipient: '"<b>\\"x\\"</b>"@example.com', origRecipient: '"a>b"@example.com', relay: 'mx.example.com[192.0.2.7]:25', status: 'bounced' });
  });

  it('reads a deferred line with relay=none', () => {
    const r = parsePostfixMessage(
      'BA09D160018: to=<anyone@l-refused.test>, relay=none, delay=0, delays=0/0/0/0, dsn=4.4.1, status=deferred (connect to 127.0.0.1[127.0.0.1]:2512: Connection refused)',
    );
    expect(r).toEqual({
      type: 'status',
      queueId: 'BA09D160018',
      recipient: 'anyone@l-refused.test',
      origRecipient: null,
      relay: 'none',
      delay: 0,
      dsn: '4.4.1',
      status: 'deferred',
      text: 'connect to 127.0.0.1[127.0.0.1]:2512: Connection refused',
    });
  });

  it('reads a deferred greylisting line whose reason holds a URL', () => {
    const r = parsePostfixMessage(
      'B3C6C160007: to=<grey@j-greylist.test>, relay=127.0.0.1[127.0.0.1]:2510, delay=0.02, delays=0/0/0/0.01, dsn=4.2.0, status=deferred (host 127.0.0.1[127.0.0.1] said: 450 4.2.0 <grey@j-greylist.test>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.html (in reply to RCPT TO command))',
    );
    expect(r).toMatchObject({
      type: 'status',
      recipient: 'grey@j-greylist.test',
      dsn: '4.2.0',
      status: 'deferred',
      text: 'host 127.0.0.1[127.0.0.1] said: 450 4.2.0 <grey@j-greylist.test>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.html (in reply to RCPT TO command)',
    });
  });

  it('reads a sent line with conn_use=', () => {
    const r = parsePostfixMessage(
      'AB9AB160015: to=<sender@example.net>, relay=127.0.0.1[127.0.0.1]:2513, conn_use=2, delay=0.02, delays=0.01/0/0/0, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as R1007)',
    );
    expect(r).toEqual({
      type: 'status',
      queueId: 'AB9AB160015',
      recipient: 'sender@example.net',
      origRecipient: null,
      relay: '127.0.0.1[127.0.0.1]:2513',
      delay: 0.02,
      dsn: '2.0.0',
      status: 'sent',
      text: '250 2.0.0 Ok: queued as R1007',
    });
  });

  it('reads a local delivery to a file', () => {
    const r = parsePostfixMessage(
      'D0224160025: to=<localok@mail1.example.net>, relay=local, delay=0.01, delays=0/0.01/0/0, dsn=2.0.0, status=sent (delivered to file: /tmp/pfcap/mbox/localok)',
    );
    expect(r).toMatchObject({ type: 'status', relay: 'local', status: 'sent', text: 'delivered to file: /tmp/pfcap/mbox/localok' });
  });

  it('keeps the trailing space of a local command output', () => {
    const r = parsePostfixMessage(
      'E8D79160074: to=<nouserpipe@mail1.example.net>, relay=local, delay=0.01, delays=0.01/0/0/0, dsn=5.1.1, status=bounced (user unknown. Command output: no such user here )',
    );
    expect(r).toMatchObject({ type: 'status', dsn: '5.1.1', status: 'bounced', text: 'user unknown. Command output: no such user here ' });
  });

  it('reads orig_to= as the original recipient', () => {
    const r = parsePostfixMessage(
      'E8D79160074: to=<nouserpipe@mail1.example.net>, orig_to=<nouser@mail1.example.net>, relay=local, delay=0.01, delays=0.01/0/0/0, dsn=5.1.1, status=bounced (user unknown. Command output: no such user here )',
    );
    expect(r).toEqual({
      type: 'status',
      queueId: 'E8D79160074',
      recipient: 'nouserpipe@mail1.example.net',
      origRecipient: 'nouser@mail1.example.net',
      relay: 'local',
      delay: 0.01,
      dsn: '5.1.1',
      status: 'bounced',
      text: 'user unknown. Command output: no such user here ',
    });
  });

  it('reads delay= as seconds, whole or with decimals', () => {
    const sent = (delay: string) => `AB9AB160015: to=<sender@example.net>, relay=127.0.0.1[127.0.0.1]:2513, delay=${delay}, delays=0.01/0/0/0, dsn=2.0.0, status=sent (250 2.0.0 Ok)`;
    expect(['0.02', '146', '99999999999'].map((d) => (parsePostfixMessage(sent(d)) as StatusRecord).delay)).toEqual([0.02, 146, 99999999999]);
  });

  it('reads a delay= that is no number as unknown, and keeps the line', () => {
    const sent = (delay: string) => `AB9AB160015: to=<sender@example.net>, relay=127.0.0.1[127.0.0.1]:2513, delay=${delay}, delays=0.01/0/0/0, dsn=2.0.0, status=sent (250 2.0.0 Ok)`;
    expect(['', '-3', '1e9', '0x10', 'NaN'].map((d) => (parsePostfixMessage(sent(d)) as StatusRecord).delay)).toEqual([null, null, null, null, null]);
  });

  it('reads the null recipient address as an empty string', () => {
    const r = parsePostfixMessage('ABCDE12345: to=<>, relay=none, delay=0, delays=0/0/0/0, dsn=5.1.3, status=bounced (bad address syntax)');
    expect(r).toMatchObject({ type: 'status', recipient: '', status: 'bounced' });
  });
});

describe('qmgr lines', () => {
  it("reads qmgr's from= as the sender of the queue id", () => {
    expect(parsePostfixMessage('7E7DC160014: from=<sender@example.net>, size=321, nrcpt=2 (queue active)')).toEqual({
      type: 'sender',
      queueId: '7E7DC160014',
      sender: 'sender@example.net',
      size: 321,
    });
  });

  it('reads the null sender of a bounce as an empty string', () => {
    expect(parsePostfixMessage('902FA160054: from=<>, size=3788, nrcpt=1 (queue active)')).toEqual({
      type: 'sender',
      queueId: '902FA160054',
      sender: '',
      size: 3788,
    });
  });

  it('reads status=expired, returned to sender', () => {
    expect(parsePostfixMessage('BA09D160018: from=<sender@example.net>, status=expired, returned to sender')).toEqual({
      type: 'expired',
      queueId: 'BA09D160018',
      sender: 'sender@example.net',
    });
  });

  it('reads removed', () => {
    expect(parsePostfixMessage('7E7DC160014: removed')).toEqual({ type: 'removed', queueId: '7E7DC160014' });
  });
});

describe('smtpd client= lines', () => {
  it('reads the client a queue id came from', () => {
    expect(parsePostfixMessage('BC28D16005D: client=localhost[127.0.0.1]')).toEqual({ type: 'client', queueId: 'BC28D16005D', client: 'localhost[127.0.0.1]' });
  });

  it('leaves out the port of smtpd_client_port_logging, and the SASL and XFORWARD fields after the client', () => {
    expect(parsePostfixMessage('4F9D3160065: client=mail.example.org[192.0.2.25]:41532, sasl_method=PLAIN, sasl_username=alice')).toMatchObject({ client: 'mail.example.org[192.0.2.25]' });
    expect(parsePostfixMessage('8C9A316005F: client=localhost[127.0.0.1], orig_queue_id=4F9D3160065, orig_client=mail.example.org[192.0.2.25]')).toMatchObject({
      client: 'localhost[127.0.0.1]',
    });
    expect(parsePostfixMessage('8C9A316005F: client=unknown[2001:db8::25]:50312')).toMatchObject({ client: 'unknown[2001:db8::25]' });
  });
});

describe('withoutPort', () => {
  it('cuts the port after the bracketed address, and leaves a host without one as it is', () => {
    expect(['mx.example.org[192.0.2.7]:25', 'mx.example.org[2001:db8::7]:25', 'mx.example.org[192.0.2.7]', 'local'].map(withoutPort)).toEqual([
      'mx.example.org[192.0.2.7]',
      'mx.example.org[2001:db8::7]',
      'mx.example.org[192.0.2.7]',
      'local',
    ]);
  });
});

describe('rejects', () => {
  it('reads a NOQUEUE reject at RCPT with client, sender, recipient and the reply', () => {
    const r = parsePostfixMessage(
      'NOQUEUE: reject: RCPT from localhost[127.0.0.1]: 550 5.1.1 <nosuchuser@mail1.example.net>: Recipient address rejected: User unknown in local recipient table; from=<sender@example.net> to=<nosuchuser@mail1.example.net> proto=ESMTP helo=<client-p1-unknown-local.pfcap.test>',
    );
    expect(r).toEqual({
      type: 'reject',
      queueId: null,
      stage: 'RCPT TO',
      client: 'localhost[127.0.0.1]',
      sender: 'sender@example.net',
      recipient: 'nosuchuser@mail1.example.net',
      text: '550 5.1.1 <nosuchuser@mail1.example.net>: Recipient address rejected: User unknown in local recipient table',
    });
  });

  it('reads the relay-denied reject of a client without PTR', () => {
    const r = parsePostfixMessage(
      'NOQUEUE: reject: RCPT from unknown[127.0.0.2]: 554 5.7.1 <victim@elsewhere.test>: Relay access denied; from=<sender@example.net> to=<victim@elsewhere.test> proto=ESMTP helo=<client-p2-relay.pfcap.test>',
    );
    expect(r).toMatchObject({
      type: 'reject',
      client: 'unknown[127.0.0.2]',
      recipient: 'victim@elsewhere.test',
      text: '554 5.7.1 <victim@elsewhere.test>: Relay access denied',
    });
  });

  it('takes the envelope sender from from=, not the address quoted in the reply', () => {
    const r = parsePostfixMessage(
      'NOQUEUE: reject: RCPT from localhost[127.0.0.1]: 554 5.7.1 <spammer@bad.example>: Sender address rejected: Sender blocked by local policy; from=<spammer@bad.example> to=<ok7@n-ok.test> proto=ESMTP helo=<client-p3-sender-access.pfcap.test>',
    );
    expect(r).toMatchObject({ type: 'reject', sender: 'spammer@bad.example', recipient: 'ok7@n-ok.test', stage: 'RCPT TO' });
  });

  it('reads a NOQUEUE reject at MAIL, which has no to=', () => {
    const r = parsePostfixMessage(
      'NOQUEUE: reject: MAIL from localhost[127.0.0.1]: 552 5.3.4 Message size exceeds fixed limit; from=<sender@example.net> proto=ESMTP helo=<client-p5-too-large-size.pfcap.test>',
    );
    expect(r).toEqual({
      type: 'reject',
      queueId: null,
      stage: 'MAIL FROM',
      client: 'localhost[127.0.0.1]',
      sender: 'sender@example.net',
      recipient: null,
      text: '552 5.3.4 Message size exceeds fixed limit',
    });
  });

  it("reads cleanup's header reject, whose reply comes after the trailing fields", () => {
    const r = parsePostfixMessage(
      'DF7BF160054: reject: header Subject: BUY CHEAP PILLS now from localhost[127.0.0.1]; from=<sender@example.net> to=<ok8@n-ok.test> proto=ESMTP helo=<client-p4-header-check.pfcap.test>: 5.7.1 Message content rejected (spammy subject)',
    );
    expect(r).toEqual({
      type: 'reject',
      queueId: 'DF7BF160054',
      stage: 'end of DATA',
      client: 'localhost[127.0.0.1]',
      sender: 'sender@example.net',
      recipient: 'ok8@n-ok.test',
      text: '5.7.1 Message content rejected (spammy subject)',
    });
  });

  it("reads postscreen's reject with comma-separated trailing fields", () => {
    const r = parsePostfixMessage(
      'NOQUEUE: reject: RCPT from [192.0.2.1]:45678: 550 5.7.1 Service unavailable; client [192.0.2.1] blocked using zen.spamhaus.org; from=<a@b.example>, to=<c@d.example>, proto=ESMTP, helo=<x>',
    );
    expect(r).toEqual({
      type: 'reject',
      queueId: null,
      stage: 'RCPT TO',
      client: '[192.0.2.1]:45678',
      sender: 'a@b.example',
      recipient: 'c@d.example',
      text: '550 5.7.1 Service unavailable; client [192.0.2.1] blocked using zen.spamhaus.org',
    });
  });

  it('reads a NOQUEUE milter-reject', () => {
    const r = parsePostfixMessage(
      'NOQUEUE: milter-reject: RCPT from mail.example.org[192.0.2.9]: 451 4.7.1 Service unavailable - try again later; from=<a@b.example> to=<c@d.example> proto=ESMTP helo=<mail.example.org>',
    );
    expect(r).toEqual({
      type: 'reject',
      queueId: null,
      stage: 'RCPT TO',
      client: 'mail.example.org[192.0.2.9]',
      sender: 'a@b.example',
      recipient: 'c@d.example',
      text: '451 4.7.1 Service unavailable - try again later',
    });
  });

  it('reads a milter-reject at END-OF-MESSAGE with a queue id as an end-of-DATA reject', () => {
    const r = parsePostfixMessage(
      '4FD6C1F4B2: milter-reject: END-OF-MESSAGE from mail.example.org[192.0.2.9]: 5.7.1 Spam message rejected; from=<a@b.example> to=<c@d.example> proto=ESMTP helo=<mail.example.org>',
    );
    expect(r).toMatchObject({ type: 'reject', queueId: '4FD6C1F4B2', stage: 'end of DATA', text: '5.7.1 Spam message rejected' });
  });

  // Postfix's smtpd_check.c writes `from=<...>` only once a sender is known. With
  // smtpd_delay_reject = no a client or HELO restriction rejects before MAIL FROM,
  // and the line ends in `; proto=SMTP` (Postfix's own smtpd_check test output).
  it('reads a CONNECT reject, which has no from= (smtpd_delay_reject = no)', () => {
    const r = parsePostfixMessage(
      'NOQUEUE: reject: CONNECT from unknown[192.0.2.17]: 450 4.7.1 Client host rejected: cannot find your hostname, [192.0.2.17]; proto=SMTP',
    );
    expect(r).toEqual({
      type: 'reject',
      queueId: null,
      stage: 'CONNECT',
      client: 'unknown[192.0.2.17]',
      sender: null,
      recipient: null,
      text: '450 4.7.1 Client host rejected: cannot find your hostname, [192.0.2.17]',
    });
  });

  it('reads a HELO reject, which has no from= (smtpd_delay_reject = no)', () => {
    const r = parsePostfixMessage(
      'NOQUEUE: reject: HELO from spike.example.org[192.0.2.2]: 554 5.7.1 <www.example.org>: Helo command rejected: Access denied; proto=SMTP helo=<www.example.org>',
    );
    expect(r).toMatchObject({
      type: 'reject',
      stage: 'HELO',
      client: 'spike.example.org[192.0.2.2]',
      sender: null,
      text: '554 5.7.1 <www.example.org>: Helo command rejected: Access denied',
    });
  });
});

// smtpd_check.c, log_whatsup(): `%s: %s: %s from %s: %s;` then ` from=<%s>` only
// when there is a sender, ` to=<%s>`, ` proto=%s`, ` helo=<%s>`.
describe('rejects the log_whatsup() format allows', () => {
  it('reads a VRFY reject, whose fields start with to= (no sender)', () => {
    const r = parsePostfixMessage(
      'NOQUEUE: reject: VRFY from unknown[192.0.2.4]: 550 5.1.1 <bob>: Recipient address rejected: User unknown in local recipient table; to=<bob> proto=SMTP',
    );
    expect(r).toEqual({
      type: 'reject',
      queueId: null,
      stage: null,
      client: 'unknown[192.0.2.4]',
      sender: null,
      recipient: 'bob',
      text: '550 5.1.1 <bob>: Recipient address rejected: User unknown in local recipient table',
    });
  });

  // Postfix before 2.3 wrote no enhanced status code (smtpd_check_reject's `%d %s ` came with DSN support).
  it('reads a reject with a bare 554 and no enhanced code, as Postfix 2.2 wrote it', () => {
    const r = parsePostfixMessage(
      'NOQUEUE: reject: RCPT from unknown[192.0.2.4]: 554 <bob@example.org>: Recipient address rejected: Relay access denied; from=<a@example.net> to=<bob@example.org> proto=SMTP helo=<mail.example.net>',
    );
    expect(r).toMatchObject({ type: 'reject', stage: 'RCPT TO', recipient: 'bob@example.org', text: '554 <bob@example.org>: Recipient address rejected: Relay access denied' });
  });

  it('keeps the blocklist lookup URL of a reject_rbl_client reply, its semicolons included', () => {
    const r = parsePostfixMessage(
      'NOQUEUE: reject: RCPT from unknown[192.0.2.4]: 554 5.7.1 Service unavailable; Client host [192.0.2.4] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.4; from=<a@example.net> to=<bob@example.org> proto=ESMTP helo=<x>',
    );
    expect(r).toMatchObject({ type: 'reject', text: '554 5.7.1 Service unavailable; Client host [192.0.2.4] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.4' });
  });

  // A milter that rejects without a reply of its own gets Postfix's default text (milter.c).
  it('reads a milter reject with the default "Command rejected" reply', () => {
    const r = parsePostfixMessage(
      'NOQUEUE: milter-reject: RCPT from unknown[192.0.2.4]: 550 5.7.1 Command rejected; from=<a@example.net> to=<bob@example.org> proto=ESMTP helo=<x>',
    );
    expect(r).toMatchObject({ type: 'reject', stage: 'RCPT TO', text: '550 5.7.1 Command rejected' });
  });

  // smtpd_check_reject(): with warn_if_reject the action is logged as `reject_warning` and the mail is accepted.
  it.each([
    [
      'NOQUEUE: reject_warning: RCPT from unknown[192.0.2.4]: 554 5.7.1 <bob@example.org>: Relay access denied; from=<a@example.net> to=<bob@example.org> proto=ESMTP helo=<x>',
      'reject_warning: RCPT from unknown[192.0.2.4]: 554 5.7.1 <bob@example.org>: Relay access denied',
    ],
    [
      '4F9D3160065: reject_warning: DATA from unknown[192.0.2.4]: 550 5.5.3 <DATA>: Data command rejected: Multi-recipient bounce; from=<> proto=ESMTP helo=<x>',
      'reject_warning: DATA from unknown[192.0.2.4]: 550 5.5.3 <DATA>: Data command rejected: Multi-recipient bounce',
    ],
  ])('reads %s as a warning, not a refusal', (message, text) => {
    expect(parsePostfixMessage(message)).toEqual({ type: 'problem', severity: 'warning', text });
  });
});

// postscreen.c and smtpd.c log these refusals with a fixed text and no trailing fields.
describe('rejects without trailing fields', () => {
  it.each([
    ['NOQUEUE: reject: CONNECT from [192.0.2.4]:52811: too many connections', 'too many connections'],
    ['NOQUEUE: reject: CONNECT from [192.0.2.4]:52811: all server ports busy', 'all server ports busy'],
    ['reject: connect from [192.0.2.4]:52811: all screening ports busy', 'all screening ports busy'],
  ])('reads postscreen’s %s as a CONNECT reject of that client', (message, text) => {
    expect(parsePostfixMessage(message)).toEqual({ type: 'reject', queueId: null, stage: 'CONNECT', client: '[192.0.2.4]:52811', sender: null, recipient: null, text });
  });

  it('reads smtpd’s local data error', () => {
    expect(parsePostfixMessage('NOQUEUE: reject: MAIL from unknown[192.0.2.4]: 421 4.3.0 mx1.example.org Server local data error')).toMatchObject({
      type: 'reject',
      stage: 'MAIL FROM',
      text: '421 4.3.0 mx1.example.org Server local data error',
    });
  });
});

// smtpd.c logs a before-queue content filter's end-of-data refusal as `proxy-%s: %s: %s;%s` with
// smtpd_whatsup()'s fields: no queue id, no client. The two lines are in postfix-grok-patterns' tests.
describe('smtpd_proxy_filter refusals', () => {
  it('reads proxy-reject as an end-of-DATA reject with its reply, sender and recipient', () => {
    const r = parsePostfixMessage(
      'proxy-reject: END-OF-MESSAGE: 554 5.7.0 Reject, contact postmaster@example.com, id=31619-02 - spam; from=<> to=<user2@example2.com> proto=SMTP helo=<17.33.12.53>',
    );
    expect(r).toEqual({
      type: 'reject',
      queueId: null,
      stage: 'end of DATA',
      client: null,
      sender: '',
      recipient: 'user2@example2.com',
      text: '554 5.7.0 Reject, contact postmaster@example.com, id=31619-02 - spam',
    });
  });

  it('keeps a proxy-reject whose filter gave no reply, saying so', () => {
    const r = parsePostfixMessage('proxy-reject: END-OF-MESSAGE: ; from=<user1@test.example.com> to=<user2@example2.com> proto=ESMTP helo=<[192.168.0.16]>');
    expect(r).toMatchObject({ type: 'reject', sender: 'user1@test.example.com', text: 'proxy-reject (the content filter gave no reply)' });
  });

  it('reads proxy-accept as nothing', () => {
    expect(parsePostfixMessage('proxy-accept: END-OF-MESSAGE: 250 2.0.0 Ok: queued as 4F9D3160065; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<x>')).toEqual({ type: 'other' });
  });
});

// bounce.c logs `SOFTBOUNCE` under soft_bounce = yes; verify.c logs the probes' action as their status.
describe('status words', () => {
  const line = (status: string, dsn: string) =>
    `4F9D3160065: to=<bob@example.org>, relay=mx.example.org[192.0.2.7]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=${dsn}, status=${status} (host mx.example.org[192.0.2.7] said: 550 5.1.1 <bob@example.org>: User unknown (in reply to RCPT TO command))`;

  it.each(['SOFTBOUNCE', 'undeliverable', 'undeliverable-but-not-cached', 'deliverable'])('reads status=%s whole', (status) => {
    expect(parsePostfixMessage(line(status, '4.1.1'))).toMatchObject({ type: 'status', status, dsn: '4.1.1' });
  });
});

describe('truncated status lines', () => {
  const FULL =
    '81B7A160004: to=<spamcheck@c-spamdata.test>, relay=127.0.0.1[127.0.0.1]:2503, delay=0.07, delays=0/0.06/0.01/0, dsn=5.7.1, status=bounced (host 127.0.0.1[127.0.0.1] said: 554 5.7.1 Message rejected as spam (in reply to end of DATA command))';

  it('parses the whole line (the cuts below are of this line)', () => {
    expect(parsePostfixMessage(FULL)).toMatchObject({ type: 'status', status: 'bounced' });
  });

  it.each([
    ['in the middle of the parenthesised text', FULL.slice(0, FULL.indexOf('Message rejected') + 7)],
    ['just after the opening parenthesis', FULL.slice(0, FULL.indexOf(' (host') + 2)],
    ['inside the quoted "(in reply to" part', FULL.slice(0, FULL.indexOf('(in reply to') + 5)],
    ['before status=', FULL.slice(0, FULL.indexOf('status='))],
    ['inside status=', FULL.slice(0, FULL.indexOf('status=') + 4)],
    ['inside dsn=', FULL.slice(0, FULL.indexOf('dsn=') + 5)],
    ['inside the relay', FULL.slice(0, FULL.indexOf('relay=') + 12)],
    ['inside the recipient address', FULL.slice(0, FULL.indexOf('c-spamdata'))],
  ])('returns null for a status line cut %s', (_where, cut) => {
    expect(parsePostfixMessage(cut)).toBeNull();
  });

  // Postfix's log_adhoc() always writes `status=%s (%s)`: a status with no
  // parenthesised reason after it can only be a cut line.
  it('returns null for a status line cut inside the status word', () => {
    expect(parsePostfixMessage(FULL.slice(0, FULL.indexOf('status=bounced') + 'status=bou'.length))).toBeNull();
  });

  it('returns null for a status line cut right after the status word', () => {
    expect(parsePostfixMessage(FULL.slice(0, FULL.indexOf(' (host')))).toBeNull();
  });

  it('returns null for a qmgr from= line cut inside the address', () => {
    expect(parsePostfixMessage('7E7DC160014: from=<sender@exam')).toBeNull();
  });

  it('returns null for a reject cut before its trailing fields', () => {
    expect(
      parsePostfixMessage('NOQUEUE: reject: RCPT from localhost[127.0.0.1]: 550 5.1.1 <nosuchuser@mail1.example.net>: Recipient address rej'),
    ).toBeNull();
  });
});

describe("a daemon's own trouble", () => {
  it.each([
    ['warning: mail_stream_cleanup: close error', 'warning', 'mail_stream_cleanup: close error'],
    ['warning: database /etc/postfix/virtual.db is older than source file /etc/postfix/virtual', 'warning', 'database /etc/postfix/virtual.db is older than source file /etc/postfix/virtual'],
    ['warning: E0A03160054: queue file size limit exceeded', 'warning', 'queue file size limit exceeded'],
    ['fatal: open /etc/postfix/main.cf: No such file or directory', 'fatal', 'open /etc/postfix/main.cf: No such file or directory'],
  ])('reads %s as a problem', (message, severity, text) => {
    expect(parsePostfixMessage(message)).toEqual({ type: 'problem', severity, text });
  });
});

describe('lines that carry no event', () => {
  it.each([
    'connect from localhost[127.0.0.1]',
    'disconnect from localhost[127.0.0.1] ehlo=1 mail=1 rcpt=0/1 rset=1 quit=1 commands=4/5',
    'E0A03160054: message-id=<scen-p6-too-large-nosize.runA@pfcap.test>',
    '7E7DC160014: uid=0 from=<sender@example.net>',
    '7E7DC160014: sender non-delivery notification: 902FA160054',
    'statistics: domain lookup hits=1 miss=3 success=25%',
    'daemon started -- version 3.7.11, configuration /etc/postfix',
    'starting the Postfix mail system',
    'connect to 127.0.0.1[127.0.0.1]:2512: Connection refused',
  ])('reads %s as other', (message) => {
    expect(parsePostfixMessage(message)).toEqual({ type: 'other' });
  });
});
