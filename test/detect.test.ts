// Which MTA wrote a log, from one of its lines.

import { describe, expect, it } from 'vitest';
import { detectFormat } from '../parsers/detect.js';

describe('detectFormat', () => {
  it.each([
    ['Nov 22 21:05:12 mail1 postfix/smtp[3364]: 7E7DC160014: to=<a@b.test>, relay=none, delay=0, dsn=4.4.1, status=deferred (connect to b.test[192.0.2.1]:25: Connection refused)', 'postfix'],
    ['2026-11-22T21:08:45.404993+00:00 vm postfix-out/submission/smtpd[6861]: connect from localhost[127.0.0.1]', 'postfix'],
    ['2026-11-22 20:53:49 [163] 1xVEZJ-00002c-2q ** a@b.test: Unrouteable address', 'exim'],
    ['2026-11-22 20:53:49.123 +0100 1xVEZJ-00000000Abc-2qzz => a@b.test R=dnslookup T=remote_smtp H=mx.b.test [192.0.2.1]', 'exim'],
    ['2026-11-22 20:53:51 H=(client) [127.0.0.2]:53229 I=[127.0.0.1]:25 F=<s@x.test> rejected RCPT <r@y.test>: relay not permitted', 'exim'],
    ['Nov 22 20:53:49 mx2 exim[4242]: 1xVEZJ-00002c-2q <= s@x.test U=root P=local S=368', 'exim'],
    ['@4000000067409a1b2c3d4e5f new msg 12345', 'qmail'],
    ['2026-11-22 18:46:43.123456789 delivery 7: success: did_0+0+1/', 'qmail'],
    ['Nov 22 18:46:43 host qmail: 1732301203.123456 starting delivery 7: msg 12345 to remote a@b.test', 'qmail'],
    ['@4000000067409a1b2c3d4e5f tcpserver: status: 1/20', 'qmail'],
    ['@4000000067409a1b2c3d4e5f rblsmtpd: 198.51.100.7 pid 12346: 451 https://www.spamhaus.org/query/ip/198.51.100.7', 'qmail'],
    ['2026-11-22 18:46:43.123456789 CHKUSER rejected rcpt: from <a@b.test::> remote <h:h:192.0.2.1> rcpt <c@d.test> : not existing recipient', 'qmail'],
    ['@4000000067409a1b2c3d4e5f qlogenvelope: result=rejected code=553 reason=not_in_rcpthosts detail= helo=h', 'qmail'],
    ['Nov 22 18:46:43 host smtpd: 1732301203.123456 rblsmtpd: 198.51.100.7 pid 12346: 451 listed', 'qmail'],
    ['Mar 7 02:09:33 server postfix/smtpd[27246]: 1D8CC1CA0A7F: client=x[192.0.2.151]', 'postfix'],
    ['<22>1 2026-11-22T18:46:43.123+01:00 mail1 postfix/smtpd 1234 - - NOQUEUE: reject: RCPT from unknown[192.0.2.4]: 554 5.7.1 x; proto=ESMTP', 'postfix'],
    ['<22>1 2026-11-22T18:46:43Z mail1 exim 4242 - - 1xVEZJ-00002c-2q <= s@x.test U=root P=local S=368', 'exim'],
    // qmail-send's lines through syslog without splogger's stamp (a logger named for it).
    ['Nov 22 18:46:43 host qmail-send[123]: delivery 18: failure: Sorry,_no_mailbox_here_by_that_name._(#5.1.1)/', 'qmail'],
    ['Nov 22 18:46:43 host qmail: starting delivery 7: msg 12345 to remote a@b.test', 'qmail'],
  ])('%s', (line, mta) => {
    expect(detectFormat(line)).toBe(mta);
  });

  it('knows no MTA in lines of other programs or in junk', () => {
    expect(detectFormat('Nov 22 21:05:12 mail1 dovecot: imap-login: Login: user=<a>')).toBeNull();
    expect(detectFormat('Nov 22 21:05:12 mail1 qmail: not a qmail line')).toBeNull();
    expect(detectFormat('Envelope-from: <sender@example.net>')).toBeNull();
    expect(detectFormat('')).toBeNull();
  });
});
