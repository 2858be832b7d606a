import { it } from 'vitest';
import { Classifier } from '../src/classify/classifier.js';
import { maskDiagnostic } from '../src/classify/fingerprint.js';
const T: [string, any?][] = [
 ["host 127.0.0.1[127.0.0.1] said: 550-5.1.1 The email account that you tried to reach does not exist. Please try 550-5.1.1 double-checking the recipient's email address for typos or 550-5.1.1 unnecessary spaces. For more information, go to 550 5.1.1  https://support.google.com/mail/?p=NoSuchUser d75a77b69052e-4b2e1f3a1c2si123456qt.45 - gsmtp (in reply to RCPT TO command)", {dsn:'5.1.1', outcome:'bounced'}],
 ["host 127.0.0.1[127.0.0.1] said: 554 5.7.1 Message rejected as spam (in reply to end of DATA command)"],
 ["host 127.0.0.1[127.0.0.1] said: 550 5.7.1 Service unavailable; Client host [127.0.0.1] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/127.0.0.1 (in reply to RCPT TO command)"],
 ["host 127.0.0.1[127.0.0.1] said: 550 5.7.1 Sender address rejected: not owned by user (in reply to MAIL FROM command)"],
 ["host 127.0.0.1[127.0.0.1] said: 530 5.7.0 Authentication required (in reply to MAIL FROM command)"],
 ["host 127.0.0.1[127.0.0.1] said: 554 5.7.1 <x@f-relaydenied.test>: Relay access denied (in reply to RCPT TO command)"],
 ["host 127.0.0.1[127.0.0.1] said: 552 5.2.2 <fulluser@g-mbxfull.test>: Mailbox full, quota exceeded (in reply to RCPT TO command)"],
 ["host 127.0.0.1[127.0.0.1] said: 550 [SUSPEND] Mailbox currently suspended - Please contact correct addressee (in reply to RCPT TO command)", {dsn:'5.0.0'}],
 ["host 127.0.0.1[127.0.0.1] said: 551 5.1.6 User not local; please try <newaddr@moved.example.com> (in reply to RCPT TO command)"],
 ["host 127.0.0.1[127.0.0.1] said: 450 4.2.0 <grey@j-greylist.test>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.html (in reply to RCPT TO command)", {outcome:'deferred'}],
 ["host 127.0.0.1[127.0.0.1] refused to talk to me: 421 4.3.2 mx.blocked.example Service not available, closing transmission channel", {outcome:'deferred'}],
 ["connect to 127.0.0.1[127.0.0.1]:2512: Connection refused", {dsn:'4.4.1',outcome:'deferred'}],
 ["Host or domain name not found. Name service error for name=nosuchdomain.invalid type=A: Host not found", {dsn:'5.4.4'}],
 ["host 127.0.0.1[127.0.0.1] said: 451 4.3.0 <later@o-tempthenok.test>: Temporary local problem - please try later (in reply to RCPT TO command)"],
 ["host 127.0.0.1[127.0.0.1] said: 550 5.1.1 <unknown@mixed.test>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command)"],
 ["550 5.1.1 <nosuchuser@mail1.example.net>: Recipient address rejected: User unknown in local recipient table", {stage:'RCPT TO', outcome:'rejected'}],
 ["554 5.7.1 <victim@elsewhere.test>: Relay access denied", {stage:'RCPT TO', outcome:'rejected'}],
 ["554 5.7.1 <spammer@bad.example>: Sender address rejected: Sender blocked by local policy", {stage:'RCPT TO', outcome:'rejected'}],
 ["5.7.1 Message content rejected (spammy subject)", {stage:'end of DATA', outcome:'rejected'}],
 ["552 5.3.4 Message size exceeds fixed limit", {stage:'MAIL FROM', outcome:'rejected'}],
 ["temporary failure. Command output: mailbox service temporarily unavailable ", {dsn:'4.3.0', outcome:'deferred'}],
 ["user unknown. Command output: no such user here ", {dsn:'5.1.1', outcome:'bounced'}],
 ["cannot append message to file /tmp/pfcap/mbox/fullbox: error writing message: File too large", {dsn:'5.2.2', outcome:'bounced'}],
 ["message expired", {outcome:'expired'}],
 ["host mx[4.5.6.7] said: 550 message 5D2A316005A refused by 4.5.6.7"],
 ["550 foo 4.5.6.7 bar 2001:db8::1 baz 2001:db8:0:0:1:0:0:1 fe80::1%eth0 ::1 10:20:30"],
 ["550 see https://x.example/a/b?id=123&u=foo for info"],
];
it('probe', () => {
  const c = new Classifier();
  for (const [t, o] of T) { const r = c.classify({ text: t, ...(o ?? {}) }); console.log('@@'+JSON.stringify([t.slice(0,50), r.cause, r.rule, r.replyCode, r.enhancedStatus, r.stage, r.permanent, r.masked])); }
});
