// Which MTA wrote a log, from its first recognisable lines.

import type { Mta } from './events.js';
import { postfixDaemon } from './postfix/parser.js';

// Exim's own stamp, optional +pid and a message id (classic 1tXyzA-000123-AB or the longer 4.97+ form).
const EXIM_NATIVE = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d{3})?(?: [+-]\d{4})?(?: \[\d+\])? (?:[0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4} |H=|SMTP |Start |exim )/;
// What qmail-send, and the programs around qmail-smtpd, start their lines with.
const QMAIL_WORDS = /(?:new msg|info msg|starting delivery|delivery \d+:|end msg|bounce msg|status: local|tcpserver: |rblsmtpd: |CHKUSER |qlog(?:envelope|received): |qmail-smtpd)/.source;
// multilog's TAI64N label, or tai64nlocal's stamp, before those words.
const QMAIL_NATIVE = new RegExp(`^(?:@4000[0-9a-f]{20}|\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{9}) ${QMAIL_WORDS}`);
// splogger's stamp before them, in a syslog message whatever its tag; or
// those words alone under a qmail tag (qmail-send's output sent to syslog by
// another logger than splogger).
const SPLOGGER = new RegExp(`^\\d+\\.\\d{6} ${QMAIL_WORDS}`);
const QMAIL_MESSAGE = new RegExp(`^${QMAIL_WORDS}`);
// A syslog tag (after stamp and host) naming the program, and the message.
const SYSLOG_TAG = /^(?:[A-Z][a-z]{2} [ \d]?\d \d\d:\d\d:\d\d(?:\.\d+)?|\d{4}-\d\d-\d\dT\S+) \S+ ([^\s[:]+)(?:\[\d+\])?: (.*)$/;
// RFC 5424: `<PRI>1 STAMP HOST APP PROCID MSGID SD MSG`.
const PROTOCOL_TAG = /^<\d{1,3}>1 \S+ \S+ (\S+) \S+ \S+ (?:-|(?:\[(?:[^\]\\]|\\.)*\])+) \uFEFF?(.*)$/;

export function detectFormat(line: string): Mta | null {
  if (EXIM_NATIVE.test(line)) return 'exim';
  if (QMAIL_NATIVE.test(line)) return 'qmail';
  const tag = SYSLOG_TAG.exec(line) ?? PROTOCOL_TAG.exec(line);
  if (!tag) return null;
  const [, program, message] = tag;
  if (postfixDaemon(program) !== null) return 'postfix';
  if (program === 'exim' || program === 'exim4') return 'exim';
  if (program === 'qmail-smtpd' || program === 'rblsmtpd' || SPLOGGER.test(message)) return 'qmail';
  if (program.startsWith('qmail') && QMAIL_MESSAGE.test(message)) return 'qmail';
  return null;
}
