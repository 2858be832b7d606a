// The syslog prefix: stamps of every writer Postfix logs through, the host,
// the program without its [pid], and lines that are no syslog lines at all.

import { describe, expect, it } from 'vitest';
import { clockFromReference, SyslogPrefixReader } from '../parsers/syslog.js';

/** A reader whose RFC 3164 stamps all fall in 2026. */
function reader2026(): SyslogPrefixReader {
  return new SyslogPrefixReader(clockFromReference(new Date(2026, 11, 31), 2026));
}

describe('SyslogPrefixReader: RFC 3164 and Postfix maillog_file stamps', () => {
  it('reads an RFC 3164 line as local time of the clock year, with host, program and message', () => {
    const r = reader2026().parse(
      'Nov 22 19:53:02 vm postfix/smtp[3364]: 5344A160053: to=<nosuchuser1@a-nouser.test>, relay=127.0.0.1[127.0.0.1]:2501, delay=0.08',
    );
    expect(r).toEqual({
      time: new Date(2026, 10, 22, 19, 53, 2).getTime(),
      host: 'vm',
      program: 'postfix/smtp',
      message: '5344A160053: to=<nosuchuser1@a-nouser.test>, relay=127.0.0.1[127.0.0.1]:2501, delay=0.08',
    });
  });

  it("reads Postfix maillog_file's zero-padded day (Nov 02)", () => {
    const r = reader2026().parse('Nov 02 19:50:09 mail1 postfix/qmgr[3293]: 7E7DC160014: removed');
    expect(r?.time).toBe(new Date(2026, 10, 2, 19, 50, 9).getTime());
    expect(r?.host).toBe('mail1');
    expect(r?.program).toBe('postfix/qmgr');
    expect(r?.message).toBe('7E7DC160014: removed');
  });

  it("reads syslog's space-padded day (Nov  2) as the same instant as Nov 02", () => {
    const spaced = reader2026().parse('Nov  2 19:50:09 vm postfix/qmgr[3293]: 7E7DC160014: removed');
    const zeroed = reader2026().parse('Nov 02 19:50:09 vm postfix/qmgr[3293]: 7E7DC160014: removed');
    expect(spaced?.time).toBe(new Date(2026, 10, 2, 19, 50, 9).getTime());
    expect(spaced?.time).toBe(zeroed?.time);
    expect(spaced?.host).toBe('vm');
  });

  // As in fail2ban's test logs of real servers: `Mar 7 02:09:33 server postfix/smtpd[27246]: ...`.
  it('reads a day written without padding (Mar 7) as the same instant as Mar  7', () => {
    const bare = reader2026().parse('Mar 7 02:09:33 server postfix/smtpd[27246]: 1D8CC1CA0A7F: client=x[192.0.2.151]');
    const spaced = reader2026().parse('Mar  7 02:09:33 server postfix/smtpd[27246]: 1D8CC1CA0A7F: client=x[192.0.2.151]');
    expect(bare).toEqual(spaced);
    expect(bare?.time).toBe(new Date(2026, 2, 7, 2, 9, 33).getTime());
    expect(bare?.host).toBe('server');
  });

  it('adds a fraction of a second written after the RFC 3164 seconds', () => {
    const r = reader2026().parse('Nov 22 19:53:02.250 vm postfix/smtp[3364]: x: y');
    expect(r?.time).toBe(new Date(2026, 10, 22, 19, 53, 2, 250).getTime());
  });

  it('gives every line its own stamp when consecutive lines change second', () => {
    const reader = reader2026();
    const a = reader.parse('Nov 22 19:53:02 vm postfix/smtp[3364]: a');
    const b = reader.parse('Nov 22 19:53:30 vm postfix/smtp[3364]: b');
    const c = reader.parse('Nov 22 19:53:02 vm postfix/smtp[3364]: c');
    expect(b!.time - a!.time).toBe(28_000);
    expect(c?.time).toBe(a?.time);
  });

  it('keeps ": " inside the message', () => {
    const r = reader2026().parse('Nov 22 19:50:09 mail1 postfix/smtp[3369]: connect to 127.0.0.1[127.0.0.1]:2512: Connection refused');
    expect(r?.program).toBe('postfix/smtp');
    expect(r?.message).toBe('connect to 127.0.0.1[127.0.0.1]:2512: Connection refused');
  });
});

describe('SyslogPrefixReader: ISO stamps', () => {
  it('reads RFC 3339 with microseconds and +00:00 as UTC, to the millisecond', () => {
    const r = reader2026().parse('2026-11-22T19:53:02.341400+00:00 vm postfix/pickup[4060]: 5344A160053: uid=0 from=<sender@example.net>');
    expect(r).toEqual({
      time: Date.UTC(2026, 10, 22, 19, 53, 2, 341),
      host: 'vm',
      program: 'postfix/pickup',
      message: '5344A160053: uid=0 from=<sender@example.net>',
    });
  });

  it('subtracts a +01:00 offset', () => {
    const r = reader2026().parse('2026-11-22T19:53:02.341400+01:00 vm postfix/smtp[4110]: x: y');
    expect(r?.time).toBe(Date.UTC(2026, 10, 22, 18, 53, 2, 341));
  });

  it('adds a negative offset', () => {
    const r = reader2026().parse('2026-11-22T14:53:02-05:00 vm postfix/smtp[4110]: x: y');
    expect(r?.time).toBe(Date.UTC(2026, 10, 22, 19, 53, 2));
  });

  it("reads journalctl short-iso's +0100 offset without a colon", () => {
    const r = reader2026().parse('2026-11-22T18:46:43+0100 mail1 postfix/smtp[1234]: 5344A160053: removed');
    expect(r?.time).toBe(Date.UTC(2026, 10, 22, 17, 46, 43));
    expect(r?.host).toBe('mail1');
    expect(r?.program).toBe('postfix/smtp');
  });

  it('reads Z as UTC', () => {
    const r = reader2026().parse('2026-11-22T19:53:02.5Z vm postfix/smtp[4110]: x: y');
    expect(r?.time).toBe(Date.UTC(2026, 10, 22, 19, 53, 2, 500));
  });

  it('reads a stamp without a zone as local time', () => {
    const r = reader2026().parse('2026-11-22T19:53:02 vm postfix/smtp[4110]: x: y');
    expect(r?.time).toBe(new Date(2026, 10, 22, 19, 53, 2).getTime());
    const f = reader2026().parse('2026-11-22T19:53:02.250000 vm postfix/smtp[4110]: x: y');
    expect(f?.time).toBe(new Date(2026, 10, 22, 19, 53, 2, 250).getTime());
  });

  it('gives lines of the same second their own fractions', () => {
    const reader = reader2026();
    const a = reader.parse('2026-11-22T19:53:02.341400+00:00 vm postfix/pickup[4060]: a: b');
    const b = reader.parse('2026-11-22T19:53:02.353418+00:00 vm postfix/cleanup[4106]: a: b');
    expect(a?.time).toBe(Date.UTC(2026, 10, 22, 19, 53, 2, 341));
    expect(b?.time).toBe(Date.UTC(2026, 10, 22, 19, 53, 2, 353));
  });

  it('does not reuse the time of the same wall-clock second in another zone', () => {
    const reader = reader2026();
    const utc = reader.parse('2026-11-22T19:53:02.100000+00:00 vm postfix/smtp[1]: a: b');
    const cet = reader.parse('2026-11-22T19:53:02.100000+01:00 vm postfix/smtp[1]: a: b');
    expect(utc!.time - cet!.time).toBe(3_600_000);
  });
});

describe('SyslogPrefixReader: program names', () => {
  it.each([
    ['postfix/smtp[3364]', 'postfix/smtp'],
    ['postfix-out/smtp[3364]', 'postfix-out/smtp'],
    ['postfix/submission/smtpd[88]', 'postfix/submission/smtpd'],
    ['postfix/postscreen[12]', 'postfix/postscreen'],
  ])('keeps the tag %s as %s, without the [pid]', (tag, program) => {
    const r = reader2026().parse(`Nov 22 19:53:02 vm ${tag}: NOQUEUE: reject: x`);
    expect(r?.program).toBe(program);
    expect(r?.message).toBe('NOQUEUE: reject: x');
  });

  it('reads a tag without a [pid]', () => {
    const r = reader2026().parse('Nov 22 19:50:01 vm pfcap-test: rsyslog self-test before run A');
    expect(r?.program).toBe('pfcap-test');
    expect(r?.message).toBe('rsyslog self-test before run A');
  });
});

describe('clockFromReference', () => {
  it('gives December lines of a file modified in January the previous year', () => {
    const reader = new SyslogPrefixReader(clockFromReference(new Date(2027, 0, 3, 12, 0, 0)));
    const dec = reader.parse('Dec 31 23:59:59 vm postfix/smtp[1]: a: b');
    const jan = reader.parse('Jan  1 00:00:01 vm postfix/smtp[1]: a: b');
    expect(dec?.time).toBe(new Date(2026, 11, 31, 23, 59, 59).getTime());
    expect(jan?.time).toBe(new Date(2027, 0, 1, 0, 0, 1).getTime());
    expect(jan!.time - dec!.time).toBe(2_000);
  });

  it('gives the reference year to the reference month and the months before it', () => {
    const clock = clockFromReference(new Date(2026, 10, 22));
    expect(clock.yearFor(10)).toBe(2026);
    expect(clock.yearFor(0)).toBe(2026);
    expect(clock.yearFor(11)).toBe(2025);
  });

  it('uses a fixed year for every month when one is given', () => {
    const clock = clockFromReference(new Date(2027, 0, 3), 2020);
    expect(clock.yearFor(0)).toBe(2020);
    expect(clock.yearFor(11)).toBe(2020);
    const r = new SyslogPrefixReader(clock).parse('Dec 31 23:59:59 vm postfix/smtp[1]: a: b');
    expect(r?.time).toBe(new Date(2020, 11, 31, 23, 59, 59).getTime());
  });
});

describe('SyslogPrefixReader: lines that are not syslog lines', () => {
  it.each([
    ['an empty line', ''],
    ['plain text', 'hello world, this is not a log line'],
    ['an unknown month', 'Foo 22 19:53:02 vm postfix/smtp[1]: a: b'],
    ['day 32', 'Nov 32 19:53:02 vm postfix/smtp[1]: a: b'],
    ['day 0', 'Nov 00 19:53:02 vm postfix/smtp[1]: a: b'],
    ['a stamp without seconds', 'Nov 22 19:53 vm postfix/smtp[1]: a: b'],
    ['a stamp and nothing else', 'Nov 22 19:53:02'],
    ['a stamp and a host only', 'Nov 22 19:53:02 vm'],
    ['no tag (no ": ")', 'Nov 22 19:53:02 vm postfix/smtp[3364] cut here'],
    ['a message without a tag', 'Nov 22 19:53:02 vm last message repeated 3 times: x'],
    ['an Exim native line', '2026-11-22 19:53:02 1tXyzA-000123-AB <= sender@example.net H=mail.example.net [192.0.2.1]'],
    ['a broken ISO stamp', '2026-11-22X19:53:02+00:00 vm postfix/smtp[1]: a: b'],
    ['an ISO date without time', '2026-11-22 vm postfix/smtp[1]: a: b'],
  ])('returns null for %s', (_name, line) => {
    expect(reader2026().parse(line)).toBeNull();
  });
});

// RFC 5424 section 6, as rsyslog's RSYSLOG_SyslogProtocol23Format writes it: no [pid] in the tag,
// the procid and msgid fields after it, `-` for a field with no value.
describe('SyslogPrefixReader: RFC 5424', () => {
  it('reads stamp, host, app name and message, the procid and msgid fields left out', () => {
    const r = reader2026().parse('<22>1 2026-11-22T18:46:43.123+01:00 mail1 postfix/smtpd 1234 - - NOQUEUE: reject: RCPT from unknown[192.0.2.4]: 554 5.7.1 x; proto=ESMTP');
    expect(r).toEqual({
      time: Date.UTC(2026, 10, 22, 17, 46, 43, 123),
      host: 'mail1',
      program: 'postfix/smtpd',
      message: 'NOQUEUE: reject: RCPT from unknown[192.0.2.4]: 554 5.7.1 x; proto=ESMTP',
    });
  });

  it('steps over structured data, a ] escaped inside it included, and the BOM of a UTF-8 message', () => {
    const r = reader2026().parse('<22>1 2026-11-22T17:46:43Z mail1 exim - - [origin ip="192.0.2.25"][meta note="a \\] b"] \uFEFF1tXyzA-000123-AB Completed');
    expect(r).toMatchObject({ program: 'exim', message: '1tXyzA-000123-AB Completed', time: Date.UTC(2026, 10, 22, 17, 46, 43) });
  });

  it('is no line of a program without a stamp, an app name or a closed structured data', () => {
    for (const line of [
      '<22>1 - mail1 postfix/smtpd 1234 - - x',
      '<22>1 2026-11-22T17:46:43Z mail1 - 1234 - - x',
      '<22>1 2026-11-22T17:46:43Z mail1 postfix/smtpd 1234 - [origin ip="192.0.2.25" x',
    ]) {
      expect(reader2026().parse(line)).toBeNull();
    }
  });
});

