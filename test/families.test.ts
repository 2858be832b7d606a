// The families of replies that failed before (issue 13), each by its generic
// shape: replies written from the shape, with other addresses, numbers and
// wordings than the corpus holds, so that a rule fitted to the corpus's exact
// strings fails here. Diagnostics are as Postfix and Exim log them.

import { describe, expect, it } from 'vitest';
import type { CauseId } from '../src/classify/causes.js';
import { Classifier, type ClassifyInput } from '../src/classify/classifier.js';

type Row = [text: string, cause: CauseId, hints?: Omit<ClassifyInput, 'text'>];

const classifier = new Classifier();
const causeOf = (text: string, hints: Omit<ClassifyInput, 'text'> = {}) => classifier.classify({ text, ...hints }).cause;

function family(name: string, rows: Row[]) {
  describe(name, () => {
    it.each(rows)('%s → %s', (text, cause, hints) => {
      expect(causeOf(text, hints)).toBe(cause);
    });
  });
}

family('a moved address is address-changed, also inside "Recipient address rejected"', [
  ['550 5.1.6 <anna.berg@example.org>: Recipient address rejected: User has moved to a.berg@example.com', 'address-changed'],
  [
    'host mail.example.org[203.0.113.7] said: 550 5.1.6 <k.lee@example.org>: Recipient address rejected: User has moved to kim.lee@example.net (in reply to RCPT TO command)',
    'address-changed',
  ],
  ['User has moved to sales@example.com', 'address-changed', { dsn: '5.1.6' }],
  ['Mailbox has moved to support@example.net', 'address-changed', { dsn: '5.1.6' }],
  ['SMTP error from remote mail server after RCPT TO:<old@example.org>: 550 5.1.6 This user has moved, write to new@example.com', 'address-changed'],
  ['550 5.1.6 <x@example.org>: mailbox has moved; no forwarding address on file', 'address-changed'],
  // A bare 5.1.6 keeps its registry meaning.
  ['550 5.1.6 Ihre Nachricht konnte nicht zugestellt werden', 'address-changed'],
  // The words win over 5.1.6 when they say something else.
  ['550 5.1.6 Recipient addresses in single label domains are not accepted here', 'other'],
]);

family('an access restriction on the recipient is never recipient-unknown for its "Recipient address rejected"', [
  ['554 5.7.1 <board@example.org>: Recipient address rejected: Access denied', 'recipient-antispam'],
  [
    'host smtp.example.org[198.51.100.4] said: 550 5.7.1 <all@example.org>: Recipient address rejected: Access denied (in reply to RCPT TO command)',
    'recipient-antispam',
  ],
  ['550 5.7.1 <team@example.org>: Recipient address rejected: this list only accepts mail from members', 'recipient-antispam'],
  ['550 5.7.1 <partner@example.net>: Recipient address rejected: external recipients are not permitted for this account', 'external-recipient-forbidden'],
  ['554 5.7.2 This account is not allowed to send to that destination', 'external-recipient-forbidden'],
  ['550 5.7.23 <u@example.org>: Recipient address rejected: SPF fail - not authorized', 'recipient-antispam'],
  // Microsoft's 5.4.1 with the same words is directory-based edge blocking of an unknown address.
  ['550 5.4.1 <nobody@example.org>: Recipient address rejected: Access denied. AS(201806281)', 'recipient-unknown'],
  ['550 5.4.1 All recipient addresses rejected : Access denied [AM0PR01MB1234.eurprd01.prod.exchangelabs.com]', 'recipient-unknown'],
  // And an unknown user in those words stays unknown.
  ['550 5.1.1 <ghost@example.org>: Recipient address rejected: User unknown in virtual mailbox table', 'recipient-unknown'],
]);

family('a suspended mailbox or account is mailbox-suspended', [
  ['550 5.2.1 The mailbox of this user has been suspended', 'mailbox-suspended'],
  ['550 Recipient account suspended by the administrator', 'mailbox-suspended'],
  ['554 5.2.1 <m@example.org>: account temporarily suspended, contact the owner by other means', 'mailbox-suspended'],
  // Postfix's own wrapper word "suspended" says nothing of the mailbox.
  ['delivery temporarily suspended: connect to mx.example.org[192.0.2.9]:25: Connection timed out', 'recipient-server-down'],
]);

family('"Blocked - see <lookup URL>" and "Access denied - <URL>" are the recipient\'s anti-spam', [
  ['554 Blocked - see https://lookup.example.com/check?ip=203.0.113.50', 'recipient-antispam'],
  ['550 5.7.1 blocked -- see http://rbl.example.net/query/203.0.113.50', 'recipient-antispam'],
  [
    'host mx1.example.org[192.0.2.30] said: 554 5.7.0 Blocked - see https://ipcheck.example.com/?ip=203.0.113.50 (in reply to MAIL FROM command)',
    'recipient-antispam',
  ],
  ['554 Access denied - https://reputation.example.net/ip/203.0.113.50', 'recipient-antispam'],
  // The recipient's own block list.
  ['550 5.7.1 Message rejected by the recipient: sender is on the recipient\'s blocked list', 'recipient-antispam'],
  ['554 Your mail was rejected by this user', 'recipient-antispam'],
]);

family('Exchange RecipientNotFound is recipient-unknown whatever 5.1.10 means in the registry', [
  ['550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup', 'recipient-unknown'],
  ['550 5.1.10 RESOLVER.ADR.RecipientNotFound', 'recipient-unknown'],
  // 5.1.10 without those words keeps its RFC 7505 meaning.
  ['556 5.1.10 Domain example.net has a null MX', 'dns-misconfigured'],
]);

family('authentication of the message is anti-spam, SMTP AUTH of our client is auth-required', [
  [
    '550-5.7.26 This mail is unauthenticated and has been blocked. The sender must authenticate with at least one of SPF or DKIM. 550 5.7.26 Visit https://support.example.com/auth - gsmtp',
    'recipient-antispam',
  ],
  ['550 5.7.26 Your message was blocked because the sender is unauthenticated; authenticate with SPF or DKIM', 'recipient-antispam'],
  ['550 5.7.1 This message does not have authentication information', 'recipient-antispam'],
  ['421 4.7.26 Mail from unauthenticated senders is rate limited: DMARC authentication failed', 'recipient-antispam'],
  ['530 5.7.0 Must authenticate before sending mail', 'auth-required'],
  ['535 5.7.8 Error: authentication failed: UGFzc3dvcmQ6', 'auth-required'],
  ['530 5.7.57 Client not authenticated to send mail from this address', 'auth-required'],
]);

family('other MTAs\' expiry wordings are recipient-server-down', [
  ['Could not deliver for the last 86400 seconds. Giving up.', 'recipient-server-down'],
  ['Unable to deliver this message after 3 days', 'recipient-server-down'],
  ['Message was not delivered within 48 hours', 'recipient-server-down'],
  ['Envelope expired', 'recipient-server-down', { dsn: '4.4.7' }],
  ['Too many failures (connect ETIMEDOUT 192.0.2.25:25)', 'recipient-server-down'],
  // Delays and expiries that name no time.
  ['Warning: message still undelivered after 6 hours', 'recipient-server-down'],
  ['Your message could not be delivered within the time limit set by the administrator', 'recipient-server-down'],
  ['The relay tried to deliver this message for two days and has stopped trying.', 'recipient-server-down'],
  ['Your message has not been delivered yet; delivery will continue to be attempted for 2 days', 'recipient-server-down'],
  ['451 <u@example.org>... read timeout on /home/u/.forward', 'recipient-server-down'],
]);

family('a local delivery command\'s exit status is other unless its words say more', [
  ['Command died with status 75: "/usr/local/bin/filter-mail"', 'other', { dsn: '5.3.0' }],
  ['permission denied. Command output: cannot write /var/spool/tickets', 'other', { dsn: '5.7.0' }],
  ['internal software error', 'other', { dsn: '5.3.0' }],
  ['unknown mail system error 42', 'other', { dsn: '5.3.0' }],
  ['Child process of address_pipe transport returned 127 (could mean unable to exec or command does not exist) from command: /opt/bin/hook', 'other'],
  ['Child process of local_pipe transport (running command "/usr/bin/handler") was terminated by signal 9 (Killed)', 'other'],
  ['Command time limit exceeded: "/usr/local/bin/archive-mail"', 'other', { dsn: '5.3.0' }],
  // Our own store refusing for how it is set up.
  ['maildir delivery failed: create maildir file /srv/mail/u/tmp/1733511111.P77Q0M1.host: Read-only file system', 'other', { dsn: '4.2.0' }],
  ['cannot update mailbox /var/mail/erin for user erin. destination /var/mail/erin is not a regular file', 'other', { dsn: '5.2.0' }],
  ['mailbox /var/spool/mail/carol has the wrong mode 644 (600 expected)', 'other'],
  // A lock that cannot be taken now is a temporary local problem.
  ['failed to lock mailbox /var/spool/mail/dave (lock file)', 'recipient-server-down'],
  // Words that say more decide.
  ['user unknown. Command output: no such mailbox: bob', 'recipient-unknown', { dsn: '5.1.1' }],
  ['Child process of address_pipe transport returned 67 (could mean user nonexistent) from command: /usr/sbin/deliver', 'recipient-unknown'],
]);
