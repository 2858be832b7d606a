// Masking and fingerprints: the same refusal to different recipients, hosts
// and ids reads the same; different refusals do not.

import { describe, expect, it } from 'vitest';
import { fingerprintOf, maskDiagnostic } from '../src/classify/fingerprint.js';

const fp = (text: string) => fingerprintOf(maskDiagnostic(text));

const GMAIL = (rcptId: string) =>
  `host 127.0.0.1[127.0.0.1] said: 550-5.1.1 The email account that you tried to reach does not exist. Please try 550-5.1.1 double-checking the recipient's email address for typos or 550-5.1.1 unnecessary spaces. For more information, go to 550 5.1.1  https://support.google.com/mail/?p=NoSuchUser ${rcptId} - gsmtp (in reply to RCPT TO command)`;

describe('maskDiagnostic', () => {
  it('masks addresses', () => {
    expect(maskDiagnostic('550 5.1.1 <u1@x.example>: User unknown')).toBe('550 5.1.1 <ADDR>: User unknown');
  });

  it('masks IPv4 addresses, bracketed, with a port and at the end of a sentence', () => {
    expect(maskDiagnostic('host mx.example.com[192.0.2.1] said: 550 no')).toBe('host mx.example.com[IP] said: 550 no');
    expect(maskDiagnostic('connect to 127.0.0.1[127.0.0.1]:2512: Connection refused')).toBe('connect to IP[IP]:#: Connection refused');
    expect(maskDiagnostic('Giving up on 240.240.240.240.')).toBe('Giving up on IP.');
  });

  it('masks IPv6 addresses, full and with ::', () => {
    expect(maskDiagnostic('Client host [2001:db8::1] blocked')).toBe('Client host [IP] blocked');
    expect(maskDiagnostic('Client host [2a00:1450:4864:20::52e] blocked')).toBe('Client host [IP] blocked');
    expect(maskDiagnostic('host mx[2001:db8:0:0:0:0:0:1]:25 said: 550 no')).toBe('host mx[IP]:# said: 550 no');
  });

  // RFC 5321 address literals, as in `Helo command rejected: ... <[IPv6:...]>`: the
  // `IPv6:` tag puts a ':' before the address, which the IPv6 patterns' look-behind refuses.
  it('masks an IPv6 address literal [IPv6:...]', () => {
    expect(maskDiagnostic('504 5.5.2 <[IPv6:2001:db8::1]>: Helo command rejected')).toBe('504 5.5.2 <[IPv6:IP]>: Helo command rejected');
  });

  it('keeps reply codes and enhanced status codes, including the continuation form 550-5.1.1', () => {
    expect(maskDiagnostic('host x[192.0.2.1] said: 550-5.1.1 first 550 5.1.1 last')).toBe('host x[IP] said: 550-5.1.1 first 550 5.1.1 last');
    expect(maskDiagnostic('452 4.2.2 Over quota')).toBe('452 4.2.2 Over quota');
    expect(maskDiagnostic('5.7.1 Message content rejected (spammy subject)')).toBe('5.7.1 Message content rejected (spammy subject)');
  });

  it('masks other numbers', () => {
    expect(maskDiagnostic('552 5.3.4 Message size 52000 exceeds limit 20000')).toBe('552 5.3.4 Message size # exceeds limit #');
  });

  it('drops the query of a URL but keeps its path', () => {
    expect(maskDiagnostic('550 see https://support.google.com/mail/?p=NoSuchUser now')).toBe('550 see https://support.google.com/mail/?… now');
    expect(maskDiagnostic('550 see https://x.example/a/b?id=123&u=foo for info')).toBe('550 see https://x.example/a/b?… for info');
  });

  it("masks Gmail's long id", () => {
    const masked = maskDiagnostic(GMAIL('d75a77b69052e-4b2e1f3a1c2si123456qt.45'));
    expect(masked).not.toContain('d75a77b69052e');
    expect(masked).not.toContain('4b2e1f3a1c2si123456qt');
    expect(masked).toContain('550 5.1.1 https://support.google.com/mail/?… X.# - gsmtp (in reply to RCPT TO command)');
  });

  it('masks long hex and base64 ids', () => {
    expect(maskDiagnostic('Message 1a2b3c4d5e6f7a8b9c0d rejected')).toBe('Message X rejected');
    expect(maskDiagnostic('ref QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo= rejected')).toBe('ref X rejected');
    expect(maskDiagnostic('250 2.0.0 Ok: queued as 4D5E6F7A8B')).toBe('250 2.0.0 Ok: queued as X');
  });

  it('keeps the letters of short mixed words', () => {
    expect(maskDiagnostic('mx-7.example.com refused')).toBe('mx-#.example.com refused');
  });

  it('keeps the letters of a word that ends in a version or count', () => {
    expect(maskDiagnostic('553 5.6.7 Must declare SMTPUTF8 to send unicode address')).toBe('553 5.6.7 Must declare SMTPUTF# to send unicode address');
    expect(maskDiagnostic('mailserver12 busy')).toBe('mailserver# busy');
  });

  it('ends an address at CJK punctuation', () => {
    expect(maskDiagnostic('收件人邮件地址（user@example.com）不存在，邮件无法送达。')).toBe('收件人邮件地址（ADDR）不存在，邮件无法送达。');
  });

  it('folds white space and trims', () => {
    expect(maskDiagnostic('  user unknown. Command output: no such user here ')).toBe('user unknown. Command output: no such user here');
    expect(maskDiagnostic('550 5.1.1  https://x.example/')).toBe('550 5.1.1 https://x.example/');
  });
});

describe('fingerprintOf', () => {
  it('gives the same refusal to two recipients one fingerprint', () => {
    expect(fp('550 5.1.1 <u1@x.example>: User unknown')).toBe(fp('550 5.1.1 <u2@x.example>: User unknown'));
  });

  it('gives the same refusal from two IPv4 and two IPv6 hosts one fingerprint', () => {
    expect(fp('host mx[192.0.2.1] said: 554 5.7.1 blocked using zen.spamhaus.org')).toBe(fp('host mx[198.51.100.23] said: 554 5.7.1 blocked using zen.spamhaus.org'));
    expect(fp('Client host [2001:db8::1] blocked')).toBe(fp('Client host [2a00:1450:4864:20::52e] blocked'));
  });

  it('gives two Gmail replies with different ids and queries one fingerprint', () => {
    expect(fp(GMAIL('d75a77b69052e-4b2e1f3a1c2si123456qt.45'))).toBe(fp(GMAIL('a640c23a62f3a-a7c4b7e1234si98765zz.12')));
    expect(fp('see https://x.example/help?id=1')).toBe(fp('see https://x.example/help?id=2&lang=en'));
  });

  it('gives different reasons different fingerprints', () => {
    const unknown = fp('550 5.1.1 <u1@x.example>: User unknown');
    expect(fp('552 5.2.2 <u1@x.example>: Mailbox full')).not.toBe(unknown);
    expect(fp('550 5.1.1 <u1@x.example>: Mailbox unavailable')).not.toBe(unknown);
  });

  it('tells reply codes and enhanced status codes apart', () => {
    expect(fp('550 5.1.1 User unknown')).not.toBe(fp('450 4.1.1 User unknown'));
    expect(fp('550 5.1.1 User unknown')).not.toBe(fp('550 5.1.2 User unknown'));
  });

  it('tells different URL paths apart', () => {
    expect(fp('see https://x.example/a?x=1')).not.toBe(fp('see https://x.example/b?x=1'));
  });

  it('is a stable 16-hex-digit id of the masked text', () => {
    const id = fingerprintOf('550 5.1.1 <ADDR>: User unknown');
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(fingerprintOf('550 5.1.1 <ADDR>: User unknown')).toBe(id);
  });
});
