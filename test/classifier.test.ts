// The classifier: the documented causes of SMTP 550 (seeds/002 and
// taxonomy.md) and the real diagnostics of a Postfix 3.7.11 capture, then the
// evidence it reports and its cache.

import { describe, expect, it } from 'vitest';
import { CAUSE_IDS, type CauseId } from '../src/classify/causes.js';
import { Classifier, type ClassifyInput } from '../src/classify/classifier.js';
import { textEvidence } from '../src/classify/evidence.js';
import { RULES } from '../src/classify/rules.js';

type Row = [text: string, cause: CauseId, hints?: Omit<ClassifyInput, 'text'>];

// Texts of seeds/002 (verbatim where the seed gives one) and of taxonomy.md's evidence column.
const DOCUMENTED: Row[] = [
  // 1. recipient-unknown
  ['550 Invalid recipient', 'recipient-unknown'],
  ['550 User account is unavailable', 'recipient-unknown'],
  ['<ip-address-of- remote-server> does not like recipient - 550 Address rejected', 'recipient-unknown'],
  ['550 No such user here', 'recipient-unknown'],
  ['550 Not our Customer', 'recipient-unknown'],
  ['550 Account not available', 'recipient-unknown'],
  ['Remote host said : 550 – Barack.Obama@ThisCompany.com, this THISCOMPANY.COM Mailbox Does Not Exist – Giving up', 'recipient-unknown'],
  ['550 5.1.1 User unknown', 'recipient-unknown'],
  ['550 5.1.1 <someone@example.com>', 'recipient-unknown'],
  // 2. recipient-antispam
  [
    '240.240.240.240 does not like recipient. Remote host said: 550-Verification failed for <John.Doe@YourDomain.com> 550-Previous (cached) callout verification failure 550 Sender verify failed Giving up on 240.240.240.240.',
    'recipient-antispam',
  ],
  ['550 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org', 'recipient-antispam'],
  ['554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using Barracuda Reputation', 'recipient-antispam'],
  ['550 5.7.1 Your IP is listed by SORBS', 'recipient-antispam'],
  ['550 5.7.1 Sender not whitelisted', 'recipient-antispam'],
  ['550 5.7.26 Unauthenticated email from example.com is not accepted due to domain\'s DMARC policy', 'recipient-antispam'],
  ['550 5.7.1 SPF check failed', 'recipient-antispam'],
  ['554 5.7.1 Message identified as spam', 'recipient-antispam'],
  ['550 5.7.1 Sender has poor reputation', 'recipient-antispam'],
  ['554 5.7.1 Virus found in message', 'recipient-antispam'],
  // 3. outbound-filter
  [
    '550 Cyberoam Anti Spam Engine has identified this email as a spam. Ref-id:str=0001.0A0B0206.4BA7422C.01F5,ss=1,vtr=str,vl=0,p t=',
    'outbound-filter',
  ],
  // 4. relay-denied
  ['554 5.7.1 <x@example.org>: Relay access denied', 'relay-denied'],
  ['550 5.7.1 Relaying denied', 'relay-denied'],
  ['550 5.7.1 Unable to relay for x@example.org', 'relay-denied'],
  ['550 not permitted to relay', 'relay-denied'],
  ['550 5.1.2 User not local', 'relay-denied'],
  // 5. external-recipient-forbidden
  ['550 5.7.1 You are not allowed to send to external domains', 'external-recipient-forbidden'],
  ['550 5.7.1 Recipient domain not allowed', 'external-recipient-forbidden'],
  // 6. auth-required
  ['530 5.7.0 Authentication required', 'auth-required'],
  ['550 5.7.1 Authentication required', 'auth-required'],
  ['550 SMTP AUTH required', 'auth-required'],
  ['550 5.7.1 Client must authenticate', 'auth-required'],
  ['550 5.7.1 Client was not authenticated', 'auth-required'],
  // 7. sender-not-permitted
  ['553 5.7.1 <me@mydomain.example>: Sender address rejected: not owned by user me@isp.example', 'sender-not-permitted'],
  ['550 5.7.1 You are not permitted to send as this sender', 'sender-not-permitted'],
  ['550 Sender domain not hosted here', 'sender-not-permitted'],
  // 8. recipient-server-down
  ['connect to mx.example.com[192.0.2.1]:25: Connection refused', 'recipient-server-down'],
  ['connect to mx.example.com[192.0.2.1]:25: Connection timed out', 'recipient-server-down'],
  ['delivery temporarily suspended: connect to mx.example.com[192.0.2.1]:25: Connection timed out', 'recipient-server-down'],
  ['Message expired', 'recipient-server-down'],
  ['retry timeout exceeded', 'recipient-server-down'],
  ['421 4.3.2 Service not available', 'recipient-server-down'],
  ['421 Service not available, closing transmission channel', 'recipient-server-down'],
  // 9. address-changed
  ['551 User not local; please try <new@example.com>', 'address-changed'],
  ['550 5.1.6 Recipient mailbox has moved', 'address-changed'],
  ['550 5.1.6 Destination mailbox has moved, no forwarding address', 'address-changed'],
  ['550 Recipient address changed', 'address-changed'],
  // 10. mailbox-suspended
  [
    "I'm afraid I wasn't able to deliver your message to the following addresses. This is a permanent error; I've given up. Sorry it didn't work out. <email-address@email-domain>: <ip-address-of-remote-server> does not like recipient. Remote host said: 550 [SUSPEND] Mailbox currently suspended - Please contact correspondent directly.",
    'mailbox-suspended',
  ],
  ['550 [SUSPEND] Mailbox currently suspended - Please contact correspondent directly', 'mailbox-suspended'],
  ['550 Account suspended', 'mailbox-suspended'],
  // 11. mailbox-disabled
  ['550 mailbox temporarily disabled', 'mailbox-disabled'],
  ['552 5.2.2 Mailbox full', 'mailbox-disabled'],
  ['452 4.2.2 Over quota', 'mailbox-disabled'],
  ['550 5.2.1 Mailbox disabled', 'mailbox-disabled'],
  ['552 Requested mail action aborted: exceeded storage allocation', 'mailbox-disabled'],
  // 12. dns-misconfigured
  ['550-Verification failed for <my@exchangeserver.com> - 550-Unrouteable address - 550 Sender verify failed (in reply to RCPT TO command)', 'dns-misconfigured'],
  ['Host or domain name not found. Name service error for name=example.invalid type=MX: Host not found, try again', 'dns-misconfigured'],
  ['550 Unrouteable address', 'dns-misconfigured'],
  ['550 No MX for example.com', 'dns-misconfigured'],
  ['550 5.1.2 Bad destination system address', 'dns-misconfigured'],
  ['550 5.4.4 Unable to route', 'dns-misconfigured'],
  // 13. mailbox-inactive
  ['Mailbox is inactive', 'mailbox-inactive'],
  ["5.1.0 - Unknown address error 550-'Mailbox is inactive'", 'mailbox-inactive'],
  // and the causes beyond the thirteen
  ['552 5.3.4 Message size exceeds fixed limit', 'message-too-large'],
  ['552 5.3.4 Error: message file too big', 'message-too-large'],
  ['450 4.2.0 Greylisted, see http://postgrey.schweikert.ch/help/example.com.html', 'throttled'],
  ['421 4.7.0 Too many connections from your IP, try again later', 'throttled'],
  ['452 4.5.3 Too many recipients', 'throttled'],
  ['530 5.7.0 Must issue a STARTTLS command first', 'other'],
  ['500 5.5.1 Command unrecognized: syntax error', 'other'],
];

// The diagnostics of the Postfix capture behind samples/postfix, with the hints the Postfix parser gives,
// and the cause the scenario behind each implies.
const CAPTURED: [scenario: string, ...Row][] = [
  [
    'a (Gmail 4-line 550-5.1.1)',
    "host 127.0.0.1[127.0.0.1] said: 550-5.1.1 The email account that you tried to reach does not exist. Please try 550-5.1.1 double-checking the recipient's email address for typos or 550-5.1.1 unnecessary spaces. For more information, go to 550 5.1.1  https://support.google.com/mail/?p=NoSuchUser d75a77b69052e-4b2e1f3a1c2si123456qt.45 - gsmtp (in reply to RCPT TO command)",
    'recipient-unknown',
    { dsn: '5.1.1', outcome: 'bounced' },
  ],
  [
    'b (Spamhaus)',
    'host 127.0.0.1[127.0.0.1] said: 550 5.7.1 Service unavailable; Client host [127.0.0.1] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/127.0.0.1 (in reply to RCPT TO command)',
    'recipient-antispam',
    { dsn: '5.7.1', outcome: 'bounced' },
  ],
  [
    'c (spam at end of DATA)',
    'host 127.0.0.1[127.0.0.1] said: 554 5.7.1 Message rejected as spam (in reply to end of DATA command)',
    'recipient-antispam',
    { dsn: '5.7.1', outcome: 'bounced' },
  ],
  [
    'd (sender not owned)',
    'host 127.0.0.1[127.0.0.1] said: 550 5.7.1 Sender address rejected: not owned by user (in reply to MAIL FROM command)',
    'sender-not-permitted',
    { dsn: '5.7.1', outcome: 'bounced' },
  ],
  [
    'e (530 auth)',
    'host 127.0.0.1[127.0.0.1] said: 530 5.7.0 Authentication required (in reply to MAIL FROM command)',
    'auth-required',
    { dsn: '5.7.0', outcome: 'bounced' },
  ],
  [
    'f (relay denied)',
    'host 127.0.0.1[127.0.0.1] said: 554 5.7.1 <x@f-relaydenied.test>: Relay access denied (in reply to RCPT TO command)',
    'relay-denied',
    { dsn: '5.7.1', outcome: 'bounced' },
  ],
  [
    'g (mailbox full)',
    'host 127.0.0.1[127.0.0.1] said: 552 5.2.2 <fulluser@g-mbxfull.test>: Mailbox full, quota exceeded (in reply to RCPT TO command)',
    'mailbox-disabled',
    { dsn: '5.2.2', outcome: 'bounced' },
  ],
  [
    'h ([SUSPEND], dsn made up as 5.0.0)',
    'host 127.0.0.1[127.0.0.1] said: 550 [SUSPEND] Mailbox currently suspended - Please contact correct addressee (in reply to RCPT TO command)',
    'mailbox-suspended',
    { dsn: '5.0.0', outcome: 'bounced' },
  ],
  [
    'i (551 user not local; please try)',
    'host 127.0.0.1[127.0.0.1] said: 551 5.1.6 User not local; please try <newaddr@moved.example.com> (in reply to RCPT TO command)',
    'address-changed',
    { dsn: '5.1.6', outcome: 'bounced' },
  ],
  [
    'j (greylisted)',
    'host 127.0.0.1[127.0.0.1] said: 450 4.2.0 <grey@j-greylist.test>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.html (in reply to RCPT TO command)',
    'throttled',
    { dsn: '4.2.0', outcome: 'deferred' },
  ],
  [
    'k (421 banner)',
    'host 127.0.0.1[127.0.0.1] refused to talk to me: 421 4.3.2 mx.blocked.example Service not available, closing transmission channel',
    'recipient-server-down',
    { dsn: '4.3.2', outcome: 'deferred' },
  ],
  ['l (connection refused)', 'connect to 127.0.0.1[127.0.0.1]:2512: Connection refused', 'recipient-server-down', { dsn: '4.4.1', outcome: 'deferred' }],
  [
    'm (NXDOMAIN)',
    'Host or domain name not found. Name service error for name=nosuchdomain.invalid type=A: Host not found',
    'dns-misconfigured',
    { dsn: '5.4.4', outcome: 'bounced' },
  ],
  [
    'o (451 temporary local problem)',
    'host 127.0.0.1[127.0.0.1] said: 451 4.3.0 <later@o-tempthenok.test>: Temporary local problem - please try later (in reply to RCPT TO command)',
    'recipient-server-down',
    { dsn: '4.3.0', outcome: 'deferred' },
  ],
  [
    'mixed (user unknown in virtual mailbox table)',
    'host 127.0.0.1[127.0.0.1] said: 550 5.1.1 <unknown@mixed.test>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command)',
    'recipient-unknown',
    { dsn: '5.1.1', outcome: 'bounced' },
  ],
  [
    'p1 (NOQUEUE unknown local user)',
    '550 5.1.1 <nosuchuser@mail1.example.net>: Recipient address rejected: User unknown in local recipient table',
    'recipient-unknown',
    { stage: 'RCPT TO', outcome: 'rejected' },
  ],
  ['p2 (NOQUEUE relay)', '554 5.7.1 <victim@elsewhere.test>: Relay access denied', 'relay-denied', { stage: 'RCPT TO', outcome: 'rejected' }],
  [
    'p3 (check_sender_access REJECT)',
    '554 5.7.1 <spammer@bad.example>: Sender address rejected: Sender blocked by local policy',
    'recipient-antispam',
    { stage: 'RCPT TO', outcome: 'rejected' },
  ],
  ['p4 (header_checks REJECT)', '5.7.1 Message content rejected (spammy subject)', 'recipient-antispam', { stage: 'end of DATA', outcome: 'rejected' }],
  ['p5 (SIZE over message_size_limit)', '552 5.3.4 Message size exceeds fixed limit', 'message-too-large', { stage: 'MAIL FROM', outcome: 'rejected' }],
  ['q2 (pipe exit 67)', 'user unknown. Command output: no such user here ', 'recipient-unknown', { dsn: '5.1.1', outcome: 'bounced' }],
  [
    'q3 (mailbox_size_limit)',
    'cannot append message to file /tmp/pfcap/mbox/fullbox: error writing message: File too large',
    'mailbox-disabled',
    { dsn: '5.2.2', outcome: 'bounced' },
  ],
  ['r (expiry with no deferral seen)', 'message expired', 'recipient-server-down', { outcome: 'expired' }],
];

describe('documented causes', () => {
  it('has an example for every cause id except unclassified', () => {
    const covered = new Set(DOCUMENTED.map(([, cause]) => cause));
    expect(CAUSE_IDS.filter((id) => id !== 'unclassified' && !covered.has(id))).toEqual([]);
  });

  it.each(DOCUMENTED)('classifies %j as %s', (text, cause, hints) => {
    const result = new Classifier().classify({ text, ...hints });
    expect(result.cause).toBe(cause);
    expect(result.rule).not.toBeNull();
  });

  it('takes the seed "Unrouteable address ... Sender verify failed" for DNS, not anti-spam', () => {
    const r = new Classifier().classify({
      text: '550-Verification failed for <my@exchangeserver.com> - 550-Unrouteable address - 550 Sender verify failed (in reply to RCPT TO command)',
    });
    expect(r.rule).toBe('unrouteable-address');
  });

  it('takes the seed callout failure for the anti-spam sender verification', () => {
    const r = new Classifier().classify({
      text: 'Remote host said: 550-Verification failed for <John.Doe@YourDomain.com> 550-Previous (cached) callout verification failure 550 Sender verify failed',
    });
    expect(r).toMatchObject({ cause: 'recipient-antispam', rule: 'sender-verify-failed' });
  });

  it('takes "User not local; please try" for a changed address, before relay denial', () => {
    expect(new Classifier().classify({ text: '551 User not local; please try <new@example.com>' }).rule).toBe('address-moved');
  });
});

describe('diagnostics of the real Postfix capture', () => {
  it.each(CAPTURED)('classifies scenario %s as %s', (_scenario, text, cause, hints) => {
    expect(new Classifier().classify({ text, ...hints }).cause).toBe(cause);
  });
});

describe('evidence', () => {
  const classify = (input: ClassifyInput) => new Classifier().classify(input);

  it('reads the quoted reply code', () => {
    expect(classify({ text: 'host mx.example.com[192.0.2.1] said: 550 5.1.1 <a@b.example>: User unknown (in reply to RCPT TO command)' }).replyCode).toBe(550);
    expect(classify({ text: 'host 127.0.0.1[127.0.0.1] refused to talk to me: 421 4.3.2 mx.blocked.example Service not available' }).replyCode).toBe(421);
  });

  it('reads the reply code at the start of a reject text', () => {
    expect(classify({ text: '554 5.7.1 <victim@elsewhere.test>: Relay access denied' }).replyCode).toBe(554);
  });

  it('has no reply code when the text has none', () => {
    expect(classify({ text: 'connect to 127.0.0.1[127.0.0.1]:2512: Connection refused' }).replyCode).toBeNull();
  });

  it('reads the enhanced status from the text', () => {
    expect(classify({ text: 'host x[192.0.2.1] said: 550 5.1.1 <a@b.example>: User unknown' }).enhancedStatus).toBe('5.1.1');
  });

  it('prefers the enhanced status of the text to the dsn input', () => {
    expect(classify({ text: 'host x[192.0.2.1] said: 554 5.7.1 Message rejected as spam', dsn: '5.0.0' }).enhancedStatus).toBe('5.7.1');
  });

  it('falls back on the dsn input when the text has no enhanced status', () => {
    const r = classify({ text: 'host x[192.0.2.1] said: 550 [SUSPEND] Mailbox currently suspended', dsn: '5.0.0' });
    expect(r.enhancedStatus).toBe('5.0.0');
  });

  it('decides by the dsn input when the text has nothing else', () => {
    expect(classify({ text: 'connect to 127.0.0.1[127.0.0.1]:2512: Connection refused', dsn: '4.4.1' }).enhancedStatus).toBe('4.4.1');
    expect(classify({ text: 'host x[192.0.2.1] said: 550 go away', dsn: '5.1.1' })).toMatchObject({ cause: 'recipient-unknown', enhancedStatus: '5.1.1' });
  });

  it('ignores a dsn input that is no status code', () => {
    expect(classify({ text: '550 go away', dsn: 'bogus' }).enhancedStatus).toBeNull();
  });

  it('reads the stage from "(in reply to ... command)"', () => {
    expect(classify({ text: 'host x[192.0.2.1] said: 550 5.1.1 User unknown (in reply to RCPT TO command)' }).stage).toBe('RCPT TO');
    expect(classify({ text: 'host x[192.0.2.1] said: 530 5.7.0 Authentication required (in reply to MAIL FROM command)' }).stage).toBe('MAIL FROM');
    expect(classify({ text: 'host x[192.0.2.1] said: 554 5.7.1 Message rejected as spam (in reply to end of DATA command)' }).stage).toBe('end of DATA');
  });

  it('reads a refused greeting as the CONNECT stage', () => {
    expect(classify({ text: 'host 127.0.0.1[127.0.0.1] refused to talk to me: 421 4.3.2 Service not available' }).stage).toBe('CONNECT');
  });

  it('takes the stage input when the text states none', () => {
    expect(classify({ text: '552 5.3.4 Message size exceeds fixed limit', stage: 'MAIL FROM' }).stage).toBe('MAIL FROM');
  });

  it('has no stage when neither the text nor the input states one', () => {
    expect(classify({ text: '552 5.3.4 Message size exceeds fixed limit' }).stage).toBeNull();
  });

  it('is permanent for bounced and for 5xx, temporary for deferred and for 4xx', () => {
    expect(classify({ text: 'host x said: 550 5.1.1 User unknown', outcome: 'bounced' }).permanent).toBe(true);
    expect(classify({ text: 'host x said: 550 5.1.1 User unknown' }).permanent).toBe(true);
    expect(classify({ text: 'host x said: 450 4.2.0 Greylisted', outcome: 'deferred' }).permanent).toBe(false);
    expect(classify({ text: 'host x said: 450 4.2.0 Greylisted' }).permanent).toBe(false);
  });

  it('lets the outcome decide over the reply code', () => {
    expect(classify({ text: 'host x said: 550 5.1.1 User unknown', outcome: 'deferred' }).permanent).toBe(false);
    expect(classify({ text: 'host x said: 450 4.2.0 Greylisted', outcome: 'bounced' }).permanent).toBe(true);
  });

  it('reads permanence from the enhanced status when there is no reply code', () => {
    expect(classify({ text: 'Host or domain name not found', dsn: '5.4.4' }).permanent).toBe(true);
    expect(classify({ text: 'connect to x[192.0.2.1]:25: Connection refused', dsn: '4.4.1' }).permanent).toBe(false);
  });

  it('does not know permanence when nothing says', () => {
    expect(classify({ text: 'connect to x[192.0.2.1]:25: Connection refused' }).permanent).toBeNull();
  });

  it('never takes an IP such as 4.5.6.7 for an enhanced status code', () => {
    const r = classify({ text: 'host mx.example.com[4.5.6.7] said: 550 Go away 4.5.6.7 (in reply to RCPT TO command)' });
    expect(r.enhancedStatus).toBeNull();
    expect(r.replyCode).toBe(550);
    expect(textEvidence('connect to 4.5.6.7[4.5.6.7]:25: Connection timed out').enhancedStatus).toBeNull();
    expect(textEvidence('client 4.5.6.7 rejected').enhancedStatus).toBeNull();
  });

  it('never takes a queue id for an enhanced status or reply code', () => {
    const r = classify({ text: 'host mx.example.com[192.0.2.1] said: 554 Message 5D2A316005A rejected, id=4E5A1160008' });
    expect(r.enhancedStatus).toBeNull();
    expect(r.replyCode).toBe(554);
    expect(classify({ text: 'Message 5D2A316005A rejected, id=250AB160008' }).replyCode).toBeNull();
  });

  it('leaves a 550 with no recognisable words unclassified, with rule null', () => {
    const r = classify({ text: 'host mx.example.com[192.0.2.1] said: 550 Go away (in reply to RCPT TO command)', outcome: 'bounced' });
    expect(r).toMatchObject({ cause: 'unclassified', rule: null, replyCode: 550, enhancedStatus: null, stage: 'RCPT TO', permanent: true });
  });

  it('returns the masked text and its fingerprint', () => {
    const r = classify({ text: '550 5.1.1 <u1@x.example>: User unknown' });
    expect(r.masked).toBe('550 5.1.1 <ADDR>: User unknown');
    expect(r.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('cache', () => {
  it('returns the same result for texts that differ only in the address, and counts the hit', () => {
    const classifier = new Classifier();
    const a = classifier.classify({ text: 'host mx[192.0.2.1] said: 550 5.1.1 <u1@x.example>: User unknown (in reply to RCPT TO command)', outcome: 'bounced' });
    const b = classifier.classify({ text: 'host mx[192.0.2.2] said: 550 5.1.1 <u2@x.example>: User unknown (in reply to RCPT TO command)', outcome: 'bounced' });
    expect(b).toBe(a);
    expect(a.cause).toBe('recipient-unknown');
    expect(classifier.hits).toBe(1);
    expect(classifier.misses).toBe(1);
  });

  it('misses when the hints differ', () => {
    const classifier = new Classifier();
    const bounced = classifier.classify({ text: '550 Go away', outcome: 'bounced' });
    const deferred = classifier.classify({ text: '550 Go away', outcome: 'deferred' });
    const withDsn = classifier.classify({ text: '550 Go away', outcome: 'bounced', dsn: '5.1.1' });
    expect(bounced.permanent).toBe(true);
    expect(deferred.permanent).toBe(false);
    expect(withDsn.cause).toBe('recipient-unknown');
    expect(classifier.hits).toBe(0);
    expect(classifier.misses).toBe(3);
  });

  it('groups the same reply from other hosts, and as Postfix and Exim log it, under one reason', () => {
    const classifier = new Classifier();
    const reply = '550 5.1.1 <u1@x.example>: Recipient address rejected: User unknown in virtual mailbox table';
    const mx1 = classifier.classify({ text: `host mx1.x.example[192.0.2.1] said: ${reply} (in reply to RCPT TO command)` });
    const mx2 = classifier.classify({ text: `host mail-in.x.example[198.51.100.7] said: ${reply} (in reply to RCPT TO command)` });
    const exim = classifier.classify({ text: `SMTP error from remote mail server after RCPT TO:<u1@x.example>: ${reply}` });
    expect(mx2.fingerprint).toBe(mx1.fingerprint);
    expect(exim.fingerprint).toBe(mx1.fingerprint);
    expect(mx1.masked).toBe('550 5.1.1 <ADDR>: Recipient address rejected: User unknown in virtual mailbox table');
    expect(classifier.misses).toBe(1);
  });

  it('keeps apart the same reply at other stages: the stage the wrapper told is no longer in the masked text', () => {
    const classifier = new Classifier();
    const atRcpt = classifier.classify({ text: 'host mx[192.0.2.1] said: 554 5.7.1 Go away (in reply to RCPT TO command)' });
    const atData = classifier.classify({ text: 'host mx[192.0.2.1] said: 554 5.7.1 Go away (in reply to end of DATA command)' });
    expect(atRcpt.stage).toBe('RCPT TO');
    expect(atData.stage).toBe('end of DATA');
  });

  it('misses for a different reason', () => {
    const classifier = new Classifier();
    const unknown = classifier.classify({ text: '550 5.1.1 <u1@x.example>: User unknown' });
    const full = classifier.classify({ text: '552 5.2.2 <u1@x.example>: Mailbox full' });
    expect(full).not.toBe(unknown);
    expect(full.cause).toBe('mailbox-disabled');
    expect(classifier.hits).toBe(0);
  });
});

describe('rules table', () => {
  it('has unique rule ids', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every rule a cause of the contract, never unclassified', () => {
    for (const rule of RULES) {
      expect(CAUSE_IDS).toContain(rule.cause);
      expect(rule.cause).not.toBe('unclassified');
    }
  });
});

describe('precedence', () => {
  const classify = (text: string) => new Classifier().classify({ text });

  it('lets 5.1.1 mean an unknown recipient unless the words say the mailbox moved or is gone', () => {
    expect(classify('550 5.1.1 <a@example.com>: Recipient address rejected: User unknown').cause).toBe('recipient-unknown');
    expect(classify('551 5.1.1 <a@example.com>... User has moved; please try <b@example.net>').cause).toBe('address-changed');
    expect(classify('550 5.1.1 <a@example.com>: Recipient address rejected: Account closed due to inactivity').cause).toBe('mailbox-disabled');
  });

  it('lets the words decide a 5.7.1, and leaves a 5.7.1 without telling words unclassified', () => {
    expect(classify('550 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org').cause).toBe('recipient-antispam');
    expect(classify('554 5.7.1 <a@example.com>: Relay access denied').cause).toBe('relay-denied');
    expect(classify('550 5.7.1 Message rejected')).toMatchObject({ cause: 'unclassified', rule: null });
  });

  it('takes a 4xx with greylisting words for throttled, and the same words at 5xx by what they say', () => {
    expect(classify('450 4.2.0 <a@example.com>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.com.html').cause).toBe('throttled');
    expect(classify('421 mwinf5c77 ME Service refuse. Veuillez essayer plus tard. Service refused, please try later. OFR_999 [999]').cause).toBe('throttled');
    expect(classify('550 mwinf5c10 ME Service refuse. Veuillez essayer plus tard. Service refused, please try later. OFR006_103 [103]').cause).toBe('recipient-antispam');
  });

  it('reads the reply code of a failure, not the banner quoted before it', () => {
    expect(classify('220-laposte 421 4.2.1 Service refuse. Veuillez essayer plus tard. LPN006_107').replyCode).toBe(421);
  });

  it("takes our own store's failed user lookup for a fault of the delivering host, not of DNS", () => {
    expect(new Classifier().classify({ text: 'user lookup error', dsn: '4.0.0', outcome: 'deferred' }).cause).toBe('recipient-server-down');
    expect(classify('450 4.7.25 Client host rejected: rDNS lookup error (SERVFAIL)').cause).toBe('dns-misconfigured');
  });

  it('takes a mailbox over its size for a full mailbox, not a message too large', () => {
    expect(classify('550 Mailbox size exceeded - Mailbox voll').cause).toBe('mailbox-disabled');
    expect(classify('552 5.3.4 Message size exceeds fixed limit').cause).toBe('message-too-large');
  });

  it('takes an Exim rate limit as throttled, and a refusal that names reputation as anti-spam', () => {
    expect(classify('H=test.example.com [192.0.2.4]:18146 temporarily rejected connection in "connect" ACL: "Host is ratelimited (1.9/1h max:1.2)"').cause).toBe('throttled');
    expect(classify('host mxbw.lb.bluewin.ch[192.0.2.50] said: 554 5.2.0 sc969: IP reputation ratelimit in effect').cause).toBe('recipient-antispam');
  });

  it('reads a DNS failure inside a sender or relay refusal as the DNS fault it is', () => {
    expect(classify('NOQUEUE: reject: RCPT from foo[192.0.2.143]: 450 4.1.8 <foo@example.net>: Sender address rejected: Malformed DNS server reply; from=<foo@example.net> to=<bar@example.org> proto=ESMTP helo=<foo>').cause).toBe('dns-misconfigured');
    expect(classify('ruleset=check_rcpt, arg1=<user@example.it>, relay=[192.0.2.67], reject=450 4.4.0 <user@example.it>... Relaying temporarily denied. Cannot resolve PTR record for 192.0.2.67').cause).toBe('dns-misconfigured');
    expect(classify('554 mail.example.com... Local configuration error').cause).toBe('dns-misconfigured');
  });

  it("takes a delivery command killed at its time limit for the command's fault, whatever its output said", () => {
    const text = 'Command time limit exceeded: "/usr/bin/procmail -t". Command output: procmail: Lock failure on "./.Spam/.lock"';
    expect(new Classifier().classify({ text, dsn: '5.3.0', outcome: 'bounced' })).toMatchObject({ cause: 'other', rule: 'local-command-timeout' });
  });

  it('lets a mailbox status decide over the generic "mailbox unavailable"', () => {
    expect(classify('550 5.2.1 Mailbox unavailable.').cause).toBe('mailbox-disabled');
    expect(classify('550 5.1.1 <a@example.com>: Mailbox unavailable').cause).toBe('recipient-unknown');
  });

  it("takes our own MTA's configuration faults for other, not a server down", () => {
    expect(new Classifier().classify({ text: 'mail transport unavailable', dsn: '4.3.0', outcome: 'deferred' })).toMatchObject({ cause: 'other', rule: 'own-mta-setup' });
    expect(classify('R=localuser T=local_delivery defer (-29): User 0 set for local_delivery transport is on the never_users list').cause).toBe('other');
  });

  it("takes a lock another process holds for a passing fault of our store, and one it may not create for its set-up", () => {
    const held = 'cannot update mailbox /var/mail/user1 for user user1. unable to create lock file /var/mail/user1.lock: File exists';
    const forbidden = 'cannot update mailbox /var/mail/user1 for user user1. unable to create lock file /var/mail/user1.lock: Permission denied';
    expect(new Classifier().classify({ text: held, dsn: '4.2.0', outcome: 'deferred' }).cause).toBe('recipient-server-down');
    expect(new Classifier().classify({ text: forbidden, dsn: '5.2.0', outcome: 'bounced' }).cause).toBe('other');
  });

  it("takes Postfix's failed table lookup for a passing fault of the server, and a failed DNS lookup for DNS", () => {
    expect(classify('NOQUEUE: reject: RCPT from foo.example.com[192.0.2.17]: 451 4.3.0 Temporary lookup error; from=<> proto=SMTP').cause).toBe('recipient-server-down');
    expect(classify('550 unroutable sender address').cause).toBe('dns-misconfigured');
  });

  it('reads spam verdicts written as one token or as a spam score', () => {
    expect(classify('554 denied. 5.7.1 BLOCKED_DUE_TO_SPAM_HOST').cause).toBe('recipient-antispam');
    expect(classify('F=user@example.biz H=host.example.net [192.0.2.40] P=smtp rejected by local_scan(): Rejected: hits=7.5 required=5.0 trigger=5.0').cause).toBe('recipient-antispam');
  });

  it("takes Postfix's submission rate limit for throttled, though its status says no answer from host", () => {
    expect(classify('host mx.example.net[192.0.2.1] said: 421 4.4.2 Message submission rate for this client has exceeded the configured limit (in reply to MAIL FROM command)').cause).toBe('throttled');
  });

  it('lets a size status decide what "exceeded storage allocation" means', () => {
    expect(classify('552 5.3.4 Requested mail action aborted: exceeded storage allocation (10485760)').cause).toBe('message-too-large');
    expect(classify('552 5.2.2 Requested mail action aborted: exceeded storage allocation').cause).toBe('mailbox-disabled');
  });

  it("reads RFC 7505's 5.7.27 alone as the sender domain's null MX, and lets words that say SPF decide over it", () => {
    expect(classify('Connection unsuccessful: Failed to set the to address: 550 5.7.27 <test@example.com>').cause).toBe('dns-misconfigured');
    expect(classify("550 5.7.27 This message was blocked because it didn't pass SPF authentication.").cause).toBe('recipient-antispam');
  });

  it("reads qmail's rcpthosts refusals in their several wordings as relaying denied", () => {
    expect(classify("553 sorry, that domain isn't allowed to be relayed thru this MTA").cause).toBe('relay-denied');
    expect(classify('553 That domain is not in my allowed list of rcpt hosts').cause).toBe('relay-denied');
    expect(classify('550 Relaying mail to <user@example.com> is not allowed.').cause).toBe('relay-denied');
  });

  it('takes the DNS fault before the SPF check it breaks, and the SPF failure before the rate limit it causes', () => {
    expect(classify('450 sender <a@example.org> SPF Temporary Error').cause).toBe('dns-misconfigured');
    expect(classify("421 4.7.27 Your email has been rate limited because SPF authentication didn't pass for this message.").cause).toBe('recipient-antispam');
  });
});

describe('own relays', () => {
  const blocked = 'host fw.example.net[192.0.2.25] said: 550 5.7.1 Message rejected as spam (in reply to end of DATA command)';

  it('makes a refusal by one of the site’s own relays outbound-filter, whatever its words', () => {
    const classifier = new Classifier({ ownRelays: ['fw.example.net'] });
    const r = classifier.classify({ text: blocked, outcome: 'bounced', relay: 'fw.example.net[192.0.2.25]:25' });
    expect(r).toMatchObject({ cause: 'outbound-filter', rule: 'own-relay', replyCode: 550 });
  });

  it('knows a relay by its IP, or by IP and port', () => {
    expect(new Classifier({ ownRelays: ['192.0.2.25'] }).classify({ text: blocked, relay: 'fw.example.net[192.0.2.25]:25' }).cause).toBe('outbound-filter');
    expect(new Classifier({ ownRelays: ['192.0.2.25:10025'] }).classify({ text: blocked, relay: 'fw.example.net[192.0.2.25]:25' }).cause).toBe('recipient-antispam');
    expect(new Classifier({ ownRelays: ['192.0.2.25:25'] }).classify({ text: blocked, relay: 'fw.example.net[192.0.2.25]:25' }).cause).toBe('outbound-filter');
  });

  it('leaves other relays, and an own relay that could not be reached, to the rules', () => {
    const classifier = new Classifier({ ownRelays: ['fw.example.net'] });
    expect(classifier.classify({ text: blocked, relay: 'mx.example.org[198.51.100.7]:25' }).cause).toBe('recipient-antispam');
    const refused = classifier.classify({ text: 'connect to fw.example.net[192.0.2.25]:25: Connection refused', outcome: 'deferred', relay: 'fw.example.net[192.0.2.25]:25' });
    expect(refused.cause).toBe('recipient-server-down');
  });

  it('takes a refusal without a reply code from an own relay for outbound-filter too', () => {
    const classifier = new Classifier({ ownRelays: ['smtp.example.net'] });
    const r = classifier.classify({ text: 'Message rejected. See https://support.google.com/mail/answer/69585 for more information.', relay: 'smtp.example.net[192.0.2.30]:587' });
    expect(r).toMatchObject({ cause: 'outbound-filter', rule: 'own-relay', replyCode: null });
  });

  it('knows the relay from the wrapper of a text given without one, as `classify` gets it', () => {
    const classifier = new Classifier({ ownRelays: ['fw.example.net'] });
    expect(classifier.classify({ text: blocked }).cause).toBe('outbound-filter');
    const cyberoam = '550 Cyberoam Anti Spam Engine has identified this email as a spam. (in reply to RCPT TO command)';
    expect(classifier.classify({ text: `host mx.example.org[198.51.100.7] said: ${cyberoam}` })).toMatchObject({ cause: 'recipient-antispam', rule: 'appliance-not-own' });
    // No host named at all: nothing tells whose appliance it is, and the words decide.
    expect(classifier.classify({ text: '550 Cyberoam Anti Spam Engine has identified this email as a spam.' }).cause).toBe('outbound-filter');
  });

  it('does not let the cache mix an own relay with another relay saying the same', () => {
    const classifier = new Classifier({ ownRelays: ['fw.example.net'] });
    expect(classifier.classify({ text: blocked, relay: 'fw.example.net[192.0.2.25]:25' }).cause).toBe('outbound-filter');
    expect(classifier.classify({ text: blocked, relay: 'mx.example.org[198.51.100.7]:25' }).cause).toBe('recipient-antispam');
  });
});
