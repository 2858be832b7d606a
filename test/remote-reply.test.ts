// The remote reply out of the MTA's wrapper: what the rules see, what the
// wrapper still tells (stage, host), and the site's own relays in every form
// Postfix, Exim and qmail log them. The wrapped texts are those of the real
// Postfix 3.7 and Exim 4.96 in samples/, and qmail-send's report unescaped.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Classifier } from '../src/classify/classifier.js';
import { hostNames, remoteReply } from '../src/classify/remote-reply.js';
import { ingest, type FormatOption } from '../src/ingest.js';
import { tempDb } from './helpers.js';

describe('remoteReply', () => {
  it('takes the reply out of Postfix "host X[ip] said: ... (in reply to ... command)", with its host and stage', () => {
    expect(
      remoteReply(
        'host 127.0.0.1[127.0.0.1] said: 550 5.1.1 <unknown@mixed.test>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command)',
      ),
    ).toEqual({ reply: '550 5.1.1 <unknown@mixed.test>: Recipient address rejected: User unknown in virtual mailbox table', host: '127.0.0.1[127.0.0.1]', stage: 'RCPT TO' });
    expect(remoteReply('host 127.0.0.1[127.0.0.1] said: 552 5.3.4 Message size exceeds fixed maximum message size (in reply to end of DATA command)')).toMatchObject({
      reply: '552 5.3.4 Message size exceeds fixed maximum message size',
      stage: 'end of DATA',
    });
    expect(remoteReply('host mx.example.com[2001:db8::1] said: 530 5.7.0 Authentication required (in reply to MAIL FROM command)')).toEqual({
      reply: '530 5.7.0 Authentication required',
      host: 'mx.example.com[2001:db8::1]',
      stage: 'MAIL FROM',
    });
  });

  it('takes the reply out of Postfix "refused to talk to me", deferred or not, as the CONNECT stage', () => {
    const greeting = '421 4.3.2 mx.blocked.example Service not available, closing transmission channel';
    expect(remoteReply(`host 127.0.0.1[127.0.0.1] refused to talk to me: ${greeting}`)).toEqual({ reply: greeting, host: '127.0.0.1[127.0.0.1]', stage: 'CONNECT' });
    expect(remoteReply(`delivery temporarily suspended: host 127.0.0.1[127.0.0.1] refused to talk to me: ${greeting}`)).toMatchObject({ reply: greeting, stage: 'CONNECT' });
  });

  it('takes the reply out of Exim "SMTP error from remote mail server after ...", whatever the command', () => {
    expect(remoteReply('SMTP error from remote mail server after RCPT TO:<x@f-relaydenied.test>: 554 5.7.1 <x@f-relaydenied.test>: Relay access denied')).toEqual({
      reply: '554 5.7.1 <x@f-relaydenied.test>: Relay access denied',
      host: null,
      stage: 'RCPT TO',
    });
    expect(remoteReply('SMTP error from remote mail server after pipelined MAIL FROM:<sender@example.net> SIZE=1401: 553 5.7.1 Sender address rejected: not owned by user')).toEqual({
      reply: '553 5.7.1 Sender address rejected: not owned by user',
      host: null,
      stage: 'MAIL FROM',
    });
    expect(remoteReply('SMTP error from remote mail server after end of data: 552 5.3.4 Message size exceeds fixed maximum message size').stage).toBe('end of DATA');
    expect(remoteReply('SMTP error from remote mail server after initial connection: 421 4.3.2 mx.blocked.example Service not available, closing transmission channel')).toMatchObject({
      reply: '421 4.3.2 mx.blocked.example Service not available, closing transmission channel',
      stage: 'CONNECT',
    });
  });

  it('takes the host of older Exim releases and of Exim bounce messages, before or after the command', () => {
    expect(
      remoteReply('SMTP error from remote mail server after RCPT TO:<user@example.net>: host 192.0.2.22 [192.0.2.22]: 550 5.1.1 <user@example.net>: Recipient address rejected: User unknown in local recipient table'),
    ).toEqual({ reply: '550 5.1.1 <user@example.net>: Recipient address rejected: User unknown in local recipient table', host: '192.0.2.22 [192.0.2.22]', stage: 'RCPT TO' });
    expect(remoteReply('host mx.example.org [192.0.2.44] SMTP error from remote mail server after end of data: 550 Message body: SPAM URL FOUND')).toEqual({
      reply: '550 Message body: SPAM URL FOUND',
      host: 'mx.example.org [192.0.2.44]',
      stage: 'end of DATA',
    });
  });

  it("takes the reply out of qmail-remote's report, with the host and stage of its phrase", () => {
    expect(
      remoteReply(
        '192.0.2.11 does not like recipient. Remote host said: 554 5.7.1 Service unavailable; Client host [198.51.100.5] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/198.51.100.5 Giving up on 192.0.2.11.',
      ),
    ).toEqual({
      reply: '554 5.7.1 Service unavailable; Client host [198.51.100.5] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/198.51.100.5',
      host: '192.0.2.11',
      stage: 'RCPT TO',
    });
    expect(remoteReply('192.0.2.10 failed after I sent the message. Remote host said: 552 5.3.4 Message size exceeds fixed maximum message size')).toMatchObject({
      reply: '552 5.3.4 Message size exceeds fixed maximum message size',
      stage: 'end of DATA',
    });
  });

  it("takes our own refusal out of an Exim reject log line pasted whole, with the client and the stage", () => {
    expect(remoteReply('H=(client-p2.generate.test) [127.0.0.2]:57565 I=[127.0.0.1]:25 F=<sender@example.net> rejected RCPT <victim@elsewhere.test>: relay not permitted')).toEqual({
      reply: 'relay not permitted',
      host: '(client-p2.generate.test) [127.0.0.2]:57565',
      stage: 'RCPT TO',
    });
    expect(remoteReply('H=mail.example.org [192.0.2.10] F=<sender@example.org> rejected RCPT <nobody@example.com>: Unknown user')).toMatchObject({ reply: 'Unknown user', stage: 'RCPT TO' });
  });

  it('leaves whole a text where no server replied: the MTA’s words are the reason', () => {
    for (const text of [
      'connect to 127.0.0.1[127.0.0.1]:2512: Connection refused',
      'lost connection with mx.example.com[192.0.2.20] while receiving the initial server greeting',
      'conversation with mx.example.com[192.0.2.20] timed out while sending message body',
      'Host or domain name not found. Name service error for name=m-nxdomain.test type=A: Host not found',
      'Unrouteable address',
      'retry timeout exceeded',
    ]) {
      expect(remoteReply(text)).toEqual({ reply: text, host: null, stage: null });
    }
  });

  it("leaves whole a reply that quotes another server's: the outer server's reason is the one told", () => {
    const verify =
      '450 4.1.7 <sender@example.org>: Sender address rejected: undeliverable address: host mx.example.org[192.0.2.50] said: 550 5.1.1 <sender@example.org>: Recipient address rejected: User unknown in local recipient table (in reply to RCPT TO command)';
    expect(remoteReply(verify).reply).toBe(verify);
  });
});

describe('a host name never decides', () => {
  it('takes "No such user" from a host under barracudanetworks.com for an unknown recipient', () => {
    const r = new Classifier().classify({
      text: 'host mx1.barracudanetworks.com[64.235.150.1] said: 550 No such user (x@y) (in reply to RCPT TO command)',
      outcome: 'bounced',
      relay: 'mx1.barracudanetworks.com[64.235.150.1]:25',
    });
    expect(r).toMatchObject({ cause: 'recipient-unknown', replyCode: 550, stage: 'RCPT TO' });
  });

  it('takes the same reply from Exim naming such a host the same way', () => {
    const r = new Classifier().classify({
      text: 'SMTP error from remote mail server after RCPT TO:<x@example.org>: host mx1.barracudanetworks.com [64.235.150.1]: 550 No such user (x@example.org)',
    });
    expect(r).toMatchObject({ cause: 'recipient-unknown', stage: 'RCPT TO' });
  });
});

describe('hostNames', () => {
  it('reads the host as Postfix, Exim and qmail log it, and as a site declares it', () => {
    expect(hostNames('mx.example.com[192.0.2.25]:25')).toEqual({ names: ['mx.example.com', '192.0.2.25'], port: '25' });
    expect(hostNames('mx.example.com [192.0.2.25]:25')).toEqual({ names: ['mx.example.com', '192.0.2.25'], port: '25' });
    expect(hostNames('mx.example.com [192.0.2.25]')).toEqual({ names: ['mx.example.com', '192.0.2.25'], port: null });
    expect(hostNames('[192.0.2.10]')).toEqual({ names: ['192.0.2.10'], port: null });
    expect(hostNames('192.0.2.25')).toEqual({ names: ['192.0.2.25'], port: null });
    expect(hostNames('MX.Example.COM.:2525')).toEqual({ names: ['mx.example.com'], port: '2525' });
  });

  it('reads IPv6 in brackets or bare, in its canonical form', () => {
    expect(hostNames('mx.example.com[2001:db8::25]:25')).toEqual({ names: ['mx.example.com', '2001:db8::25'], port: '25' });
    expect(hostNames('[2001:DB8:0:0::25]:25')).toEqual({ names: ['2001:db8::25'], port: '25' });
    expect(hostNames('2001:db8::25')).toEqual({ names: ['2001:db8::25'], port: null });
  });

  it("never takes a client's HELO name for its host", () => {
    expect(hostNames('(fw.example.net) [198.51.100.9]:4321')).toEqual({ names: ['198.51.100.9'], port: '4321' });
  });
});

// Real-format lines: Postfix's as the sample's smtp writes them, Exim's as its main log does.
const SPAMHAUS = '550 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.1';
const CYBEROAM = '550 Cyberoam Anti Spam Engine has identified this email as a spam. Ref-id:str=0001.0A0B0206.4BA7422C.01F5,ss=1,vtr=str,vl=0,p t=';

function postfixLog(host: string, ip: string, reply: string): string {
  return [
    'Nov 22 21:22:16 vm postfix/qmgr[792]: 54CE716005A: from=<sender@example.net>, size=299, nrcpt=1 (queue active)',
    `Nov 22 21:22:16 vm postfix/smtp[844]: 54CE716005A: to=<victim@example.org>, relay=${host}[${ip}]:25, delay=0.07, delays=0.02/0.03/0.01/0, dsn=5.7.1, status=bounced (host ${host}[${ip}] said: ${reply} (in reply to RCPT TO command))`,
    '',
  ].join('\n');
}

function eximLog(host: string, ip: string, reply: string): string {
  return [
    '2026-11-22 21:25:10 [164] 1xVF3e-00002e-1d <= sender@example.net U=root P=local S=366 M8S=0 RT=0s id=scen-b.exim@generate.maillog.test T="maillog sample b exim" from <sender@example.net> for victim@example.org',
    `2026-11-22 21:25:10 [166] 1xVF3e-00002e-1d ** victim@example.org F=<sender@example.net> P=<sender@example.net> R=dnslookup T=remote_smtp H=${host} [${ip}]:25 I=[192.0.2.1]:35264: SMTP error from remote mail server after RCPT TO:<victim@example.org>: ${reply} DT=0s`,
    '',
  ].join('\n');
}

// Exim's relay as its parser keeps it has no port (`H=name [ip]`), so a declaration with a port is tried on Postfix only.
const LOGS: [string, FormatOption, typeof postfixLog, string[]][] = [
  ['Postfix', 'postfix', postfixLog, ['fw.example.net', '192.0.2.25', 'FW.example.net.', '192.0.2.25:25', 'fw.example.net:25']],
  ['Exim', 'exim', eximLog, ['fw.example.net', '192.0.2.25', 'FW.example.net.']],
];

async function causeOf(log: string, format: FormatOption, ownRelays: string[]): Promise<string> {
  const { db, dir } = tempDb();
  const file = join(dir, 'mail.log');
  writeFileSync(file, log);
  await ingest(db, [file], { format, year: 2026, classifier: { ownRelays } });
  return db.prepare('SELECT cause FROM events').pluck().get() as string;
}

describe.each(LOGS)('own relays in a %s log', (_mta, format, log, ipv4Forms) => {
  it.each(ipv4Forms)('knows the relay declared as %s (IPv4)', async (declared) => {
    expect(await causeOf(log('fw.example.net', '192.0.2.25', SPAMHAUS), format, [declared])).toBe('outbound-filter');
  });

  it.each([['fw.example.net'], ['2001:db8::25'], ['[2001:db8::25]'], ['2001:DB8:0:0::25']])('knows the relay declared as %s (IPv6)', async (declared) => {
    expect(await causeOf(log('fw.example.net', '2001:db8::25', SPAMHAUS), format, [declared])).toBe('outbound-filter');
  });

  it('leaves the refusals of other hosts to the rules', async () => {
    expect(await causeOf(log('mx.example.org', '198.51.100.7', SPAMHAUS), format, ['fw.example.net', '192.0.2.25'])).toBe('recipient-antispam');
  });

  it("takes appliance wording from another host for the recipient's appliance once the site declares its relays", async () => {
    expect(await causeOf(log('mx.example.org', '198.51.100.7', CYBEROAM), format, ['fw.example.net'])).toBe('recipient-antispam');
    expect(await causeOf(log('fw.example.net', '192.0.2.25', CYBEROAM), format, ['fw.example.net'])).toBe('outbound-filter');
  });

  it('lets appliance wording decide when the site declares no relay', async () => {
    expect(await causeOf(log('mx.example.org', '198.51.100.7', CYBEROAM), format, [])).toBe('outbound-filter');
  });

  it('takes "No such user" from a host under barracudanetworks.com for an unknown recipient', async () => {
    expect(await causeOf(log('mx1.barracudanetworks.com', '64.235.150.1', '550 No such user (victim@example.org)'), format, [])).toBe('recipient-unknown');
  });
});

describe('own relays of qmail', () => {
  it('knows the relay qmail-send names as [ip]', () => {
    const text = '192.0.2.10 does not like recipient. Remote host said: 554 5.7.1 Message rejected as spam Giving up on 192.0.2.10.';
    const classifier = new Classifier({ ownRelays: ['192.0.2.10'] });
    expect(classifier.classify({ text, outcome: 'bounced', relay: '[192.0.2.10]' })).toMatchObject({ cause: 'outbound-filter', rule: 'own-relay' });
    expect(classifier.classify({ text, outcome: 'bounced', relay: '[192.0.2.11]' }).cause).toBe('recipient-antispam');
  });
});
