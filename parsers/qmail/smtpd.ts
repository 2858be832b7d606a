// The SMTP-time refusals a qmail host logs around qmail-smtpd, after their
// stamp, as records. Pure functions: a line's text in, a record out.
//   rblsmtpd (ucspi-tcp)     rblsmtpd: 192.0.2.1 pid 4321: 451 <the list's text>
//   chkuser patch            CHKUSER rejected rcpt: from <s|...> remote <helo:h|remotehostname:n|remotehostip:ip> rcpt <r> : not existing recipient
//   qlog patch               qlogenvelope: result=rejected code=553 reason=not_in_rcpthosts detail= helo=... mailfrom=... rcptto=... remoteip=...
//   qmail-smtpd's own notes  qmail-smtpd: reject (auth not available without TLS): s from 192.0.2.1 to r helo h

import type { Address, SmtpStage } from '../events.js';

export interface SmtpdReject {
  type: 'reject';
  /** The client, as `[ip]` or `name[ip]`. */
  client: string | null;
  sender: Address | null;
  recipients: Address[];
  stage: SmtpStage | null;
  /** An enhanced status code the refusal carried, where the log line gives it only by name. */
  dsn: string | null;
  text: string;
}

export type SmtpdRecord = SmtpdReject | { type: 'note' } | { type: 'tcpserver' };

// rblsmtpd's refusal: ucspi-tcp's `IP pid PID: reply`, builds that name the
// list after the pid (`IP pid PID LIST: reply`), and indimail's `pid PID from
// IP: reply`; early rblsmtpd wrote `LIST blocked IP HOST -`.
const RBLSMTPD = /^rblsmtpd: (?:(\S+) pid \d+(?: \S+)?| +pid \d+ from (\S+)): ([45]\d\d .*)$/;
const RBLSMTPD_EARLY = /^rblsmtpd: (\S+) blocked (\S+) \S+ -$/;
// A qmail-smtpd patch that logs the reply it refused a client with (`421 badiprbl: ip IP rbl: LIST`).
const SMTPD_REPLY = /^qmail-smtpd(?:\[\d+\])?: ([45]\d\d .*)$/;
const IPV4 = /\b(?:\d{1,3}\.){3}\d{1,3}\b/;
const CHKUSER = /^CHKUSER ([a-z ]+): from <([^>]*)> remote <([^>]*)> rcpt <([^>]*)> : (.*)$/;
const QLOG = /^qlog(?:envelope|received): (.*)$/;
const LOGIT = /^qmail-smtpd: (.+?): (\S*) from (\S*) to (\S*) helo (\S*)$/;
const TITLED = /^qmail-smtpd(?:\[\d+\])?: /;

// chkuser's log names for a refusal, and the enhanced status of the reply it sends for each (chkuser_settings.h).
const CHKUSER_REFUSALS = new Set(['rejected relaying', 'rejected rcpt', 'no auth resource', 'must auth', 'mbx overquota', 'rejected intrusion', 'intrusion threshold', 'rejected sender']);
const CHKUSER_STATUS: Record<string, string> = {
  'not existing recipient': '5.1.1',
  'client not allowed to relay': '5.7.1',
  'no auth resource available': '4.3.0',
  'sender not authenticated/authorized': '5.7.0',
  'rcpt mailbox is overquota': '5.2.2',
  'max number of recipients': '5.5.3',
  'max number of invalid recipients': '5.5.3',
  'rcpt ignored, session over intrusion threshold': '5.7.1',
  'max number of allowed rcpt': '5.7.1',
  'max number of allowed invalid rcpt': '5.7.1',
  'invalid rcpt address format': '5.1.3',
  'invalid rcpt MX domain': '5.1.2',
  'temporary DNS problem': '4.4.0',
  'invalid sender address format': '5.1.7',
  'invalid sender MX domain': '5.1.8',
};

// The reply qmail-smtpd (with the qlog patch) sends for each reason it logs.
const QLOG_REPLIES: Record<string, string> = {
  nomailbox: '550 sorry, no mailbox here by that name (#5.1.1)',
  not_in_rcpthosts: "553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)",
  validrcptto: '553 sorry, this recipient is not in my validrcptto list (#5.7.1)',
  dontrelay: "553 we don't relay (#5.7.1)",
  databytes_limit_exceeded: '552 sorry, that message size exceeds my databytes limit (#5.3.4)',
  max_rcpt_exceeded: '452 max rcpt limit exceeded (#5.7.1)',
  brtlimit: '421 too many invalid addresses, goodbye (#4.3.0)',
  authfailed: '535 authentication failed (#5.7.1)',
  authrequired: '530 Authorization required (#5.7.1)',
  authnotmailfrom: '503 from and auth not the same (#5.5.1)',
  pregreet: '554 SMTP protocol violation',
  bad_newlines: '451 See https://cr.yp.to/docs/smtplf.html.',
  alarmtimeout: '451 timeout (#4.4.2)',
  nullsenderdenied: '421 null senders temporarily denied (#4.3.0)',
};

function chkuserReject(m: RegExpExecArray): SmtpdRecord {
  const [, title, from, remote, rcpt, description] = m;
  if (!CHKUSER_REFUSALS.has(title)) return { type: 'note' };
  // chkuser 2.0.9 separates the fields with ':', later builds with '|' and names them.
  const sender = from.split(from.includes('|') ? '|' : ':')[0];
  const ip = remote.includes('|') ? /remotehostip:([^|]*)/.exec(remote)?.[1] : remote.split(':').pop();
  return {
    type: 'reject',
    client: ip ? `[${ip}]` : null,
    sender,
    recipients: rcpt === '' ? [] : [rcpt],
    stage: title === 'rejected sender' || (title === 'must auth' && rcpt === '') ? 'MAIL FROM' : 'RCPT TO',
    dsn: CHKUSER_STATUS[description] ?? null,
    text: `CHKUSER ${title}: ${description}`,
  };
}

function qlogFields(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const part of text.split(/ (?=[a-z]+=)/)) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq), part.slice(eq + 1));
  }
  return fields;
}

function qlogReject(head: string, body: string): SmtpdRecord {
  const f = qlogFields(body);
  if (f.get('result') !== 'rejected') return { type: 'note' };
  const reason = f.get('reason') ?? '';
  const detail = f.get('detail') ?? '';
  const ip = f.get('remoteip');
  const name = f.get('remotehost');
  const rcpts = (f.get('rcptto') ?? '').split(',').filter((r) => r !== '');
  const stage: SmtpStage | null = head === 'qlogreceived' ? 'end of DATA' : rcpts.length ? 'RCPT TO' : f.get('mailfrom') ? 'MAIL FROM' : null;
  return {
    type: 'reject',
    client: ip ? `${name ?? ''}[${ip}]` : null,
    sender: f.get('mailfrom') ?? null,
    recipients: rcpts,
    stage,
    dsn: null,
    // The reply the client was given, where the reason names one; else what the line says.
    text: QLOG_REPLIES[reason] ?? `${f.get('code') ?? ''} ${reason}${detail ? ` ${detail}` : ''}`.trim(),
  };
}

export function parseSmtpd(text: string): SmtpdRecord | null {
  let m: RegExpExecArray | null;
  if (text.startsWith('tcpserver: ')) return { type: 'tcpserver' };
  if ((m = RBLSMTPD.exec(text))) {
    return { type: 'reject', client: `[${m[1] ?? m[2]}]`, sender: null, recipients: [], stage: 'CONNECT', dsn: null, text: `rblsmtpd: ${m[3]}` };
  }
  if ((m = RBLSMTPD_EARLY.exec(text))) {
    return { type: 'reject', client: `[${m[2]}]`, sender: null, recipients: [], stage: 'CONNECT', dsn: null, text: `rblsmtpd: blocked using ${m[1]}` };
  }
  // indimail's notes of the session it holds open to refuse each recipient.
  if (text.startsWith('rblsmtpd: ')) return { type: 'note' };
  if ((m = SMTPD_REPLY.exec(text))) {
    const ip = IPV4.exec(m[1]);
    return { type: 'reject', client: ip ? `[${ip[0]}]` : null, sender: null, recipients: [], stage: null, dsn: null, text: m[1] };
  }
  if ((m = CHKUSER.exec(text))) return chkuserReject(m);
  if ((m = QLOG.exec(text))) return qlogReject(text.slice(0, text.indexOf(':')), m[1]);
  if ((m = LOGIT.exec(text))) {
    const [, what, sender, ip, rcpt] = m;
    if (!/^(?:reject|message rejected|message too big|exceeded datasize limit)/.test(what)) return { type: 'note' };
    return { type: 'reject', client: ip ? `[${ip}]` : null, sender, recipients: rcpt ? [rcpt] : [], stage: null, dsn: null, text: what };
  }
  return TITLED.test(text) ? { type: 'note' } : null;
}
