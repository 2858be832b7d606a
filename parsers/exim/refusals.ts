// Exim's SMTP server refusing a client by itself, outside its ACLs:
// protocol faults, limits, connections it will not take (smtp_in.c,
// receive.c and daemon.c of Exim 4.96). Pure: one entry in, a reject record
// out. The ACLs' rejects (`H=... rejected RCPT <r>: ...`) are read in
// records.ts.
//
//   SMTP protocol synchronization error (input sent without waiting for greeting): rejected connection from H=[192.0.2.1] input="EHLO x\r\n"
//   SMTP protocol synchronization error (next input sent too soon: pipelining was not advertised): rejected "EHLO x" H=[192.0.2.1] next input="MAIL FROM:<s>\r\n"
//   SMTP call from (helo) [192.0.2.1]:40000 I=[192.0.2.25]:25 dropped: too many unrecognized commands (last was "xyz")
//   rejected EHLO from [192.0.2.1]: syntactically invalid argument(s): (no argument given)
//   rejected MAIL from [192.0.2.1]: no HELO/EHLO given
//   rejected MAIL command H=[192.0.2.1]: too many messages in one connection
//   rejected MAIL FROM:<s> H=[192.0.2.1]: message too big: size=54069 max=20480
//   ID rejected from <s> H=[192.0.2.1]: message too big: read=53365 max=20480
//   too many recipients: message rejected: sender=<s> H=[192.0.2.1]
//   unqualified recipient rejected: <r> H=[192.0.2.1]
//   refused connection from [192.0.2.1] (host_reject_connection)
//   connection from [192.0.2.1] refused (IP options)
//   Connection from [192.0.2.1] refused: too many connections
//   ID F=s H=[192.0.2.1] P=esmtp rejected by local_scan(): text
//
// The text kept is Exim's words without the client; what Exim echoes of the
// client's own input (the input that broke synchronization, the last
// command, a HELO argument) is left out too: it names no reason, and would
// make each client's refusal a reason of its own.

import type { QueueId, SmtpStage } from '../events.js';
import { clientAt } from './hosts.js';
import type { RejectRecord } from './records.js';

/** A refusal of a shape below; null when the entry is of that shape but cut; undefined when it is not of it. */
type Read = RejectRecord | null | undefined;

const NO_PARTIES = { sender: null, recipient: null };

function reject(messageId: QueueId | null, stage: SmtpStage | null, client: string | null, text: string, parties: Pick<RejectRecord, 'sender' | 'recipient'> = NO_PARTIES): RejectRecord {
  return { type: 'reject', messageId, stage, client, ...parties, text };
}

const STAGE_OF_COMMAND: Record<string, SmtpStage> = { HELO: 'HELO', EHLO: 'HELO', MAIL: 'MAIL FROM', RCPT: 'RCPT TO', DATA: 'DATA', BDAT: 'DATA' };

/** The stage of the SMTP command that starts at `at` (`ehlo abcd`, `MAIL FROM:<s>`, `BDAT 1`), as the client wrote it. */
function stageOfCommand(s: string, at: number): SmtpStage | null {
  const verb = /^([A-Za-z]{4})(?![A-Za-z])/.exec(s.slice(at, at + 5));
  return verb ? (STAGE_OF_COMMAND[verb[1].toUpperCase()] ?? null) : null;
}

/** host_and_ident(TRUE): `H=client`, or `U=user` alone for SMTP over standard input. */
function flaggedClientAt(s: string, at: number): string | null {
  return s.startsWith('H=', at) ? clientAt(s, at + 2) : null;
}

// smtp_in.c: "SMTP protocol synchronization error (input sent without waiting for greeting): rejected connection from %s input=\"%s\""
//            "SMTP protocol synchronization error (next input sent too soon: pipelining was%s advertised): rejected \"%s\" %s next input=\"%s\""
function synchronization(messageId: QueueId | null, s: string): Read {
  const close = s.indexOf('): rejected ');
  if (close === -1) return null;
  const text = s.slice(0, close + 1);
  const what = close + '): rejected '.length;
  if (s.startsWith('connection from ', what)) return reject(messageId, 'CONNECT', flaggedClientAt(s, what + 'connection from '.length), text);
  if (s[what] !== '"') return null;
  const hostAt = s.indexOf('" H=', what + 1);
  return reject(messageId, stageOfCommand(s, what + 1), hostAt === -1 ? null : clientAt(s, hostAt + 4), text);
}

// smtp_in.c: "SMTP call from %s dropped: too many unrecognized commands (last was \"%s\")",
//            "... dropped: too many syntax or protocol errors (last command was \"%s\", %s)",
//            "... dropped: too many nonmail commands (last was \"%.*s\")"
function dropped(messageId: QueueId | null, s: string): Read {
  const at = s.indexOf(' dropped: ');
  if (at === -1) return undefined;
  const reasonAt = at + ' dropped: '.length;
  const last = s.indexOf(' (last ', reasonAt);
  const command = last === -1 ? -1 : s.indexOf('"', last);
  return reject(messageId, command === -1 ? null : stageOfCommand(s, command + 1), clientAt(s, 'SMTP call from '.length), s.slice(reasonAt, last === -1 ? s.length : last));
}

// smtp_in.c: "rejected %s from %s: syntactically invalid argument(s): %s" (HELO or EHLO),
//            "rejected MAIL from %s: no HELO/EHLO given", "rejected MAIL command %s: too many messages in one connection"
function command(stage: SmtpStage, prefix: string, flagged: boolean) {
  return (messageId: QueueId | null, s: string): Read => {
    const colon = s.indexOf(': ', prefix.length);
    if (colon === -1) return null;
    const argument = s.indexOf(': ', colon + 2); // the HELO argument Exim echoes
    const client = flagged ? flaggedClientAt(s, prefix.length) : clientAt(s, prefix.length);
    return reject(messageId, stage, client, s.slice(colon + 2, stage === 'HELO' && argument !== -1 ? argument : s.length));
  };
}

// smtp_in.c: "rejected MAIL FROM:<%s> %s: message too big: size%s=%d max=%d" (the SIZE= of MAIL)
// receive.c: "rejected from <%s>%s%s%s%s: message too big: read=%d max=%d", "...: Too many \"Received\" headers",
//            "...: Non-CRLF-terminated header, under CHUNKING: message abandoned" (the last two with no space before H=)
function fromSender(stage: SmtpStage) {
  return (messageId: QueueId | null, s: string): Read => {
    const open = s.indexOf('<');
    const close = s.indexOf('>', open);
    if (close === -1) return null;
    const hostAt = s.indexOf('H=', close);
    const colon = s.indexOf(': ', hostAt === -1 ? close : hostAt);
    if (colon === -1) return null;
    return reject(messageId, stage, hostAt === -1 ? null : clientAt(s, hostAt + 2), s.slice(colon + 2), { sender: s.slice(open + 1, close), recipient: null });
  };
}

// smtp_in.c: "too many recipients: message rejected: sender=<%s> %s", "too many recipients: excess temporarily rejected: sender=<%s> %s"
function tooManyRecipients(messageId: QueueId | null, s: string): Read {
  const senderAt = s.indexOf(': sender=<');
  const close = senderAt === -1 ? -1 : s.indexOf('> ', senderAt);
  if (close === -1) return null;
  const sender = s.slice(senderAt + ': sender=<'.length, close);
  return reject(messageId, 'RCPT TO', flaggedClientAt(s, close + 2), s.slice(0, senderAt), { sender, recipient: null });
}

// smtp_in.c: "unqualified %s rejected: <%s> %s%s" (recipient, sender, or verify for VRFY)
function unqualified(messageId: QueueId | null, s: string): Read {
  const open = s.indexOf(' rejected: <');
  const close = open === -1 ? -1 : s.indexOf('> ', open);
  if (close === -1) return undefined;
  const address = s.slice(open + ' rejected: <'.length, close);
  const what = s.slice('unqualified '.length, open);
  const client = flaggedClientAt(s, close + 2);
  const text = s.slice(0, open + ' rejected'.length);
  if (what === 'recipient') return reject(messageId, 'RCPT TO', client, text, { sender: null, recipient: address });
  if (what === 'sender') return reject(messageId, 'MAIL FROM', client, text, { sender: address, recipient: null });
  return reject(messageId, null, client, text);
}

// smtp_in.c: "refused connection from %s (host_reject_connection)", "... (tcp wrappers)",
//            "temporarily refused connection from %s (tcp wrappers errno=%d)", "...: not in reserve list: connected=%d max=%d reserve=%d%s",
//            "...: not in reserve list and load average = %.2f"
// No HELO has come yet: the client's first `]` closes its address.
function refusedConnection(prefix: string) {
  return (messageId: QueueId | null, s: string): Read => {
    const address = s.indexOf(']', prefix.length);
    const from = address === -1 ? prefix.length : address;
    const paren = s.indexOf(' (', from);
    const colon = s.indexOf(': ', from);
    const reasonAt = paren === -1 ? colon : colon === -1 ? paren : Math.min(paren, colon);
    if (reasonAt === -1) return null;
    return reject(messageId, 'CONNECT', clientAt(s, prefix.length), s.slice(0, prefix.length - ' from '.length) + s.slice(reasonAt));
  };
}

// smtp_in.c: "connection from %s refused (IP options)"
// daemon.c:  "Connection from %s refused: too many connections", "...: too many connections from that IP address",
//            "...: load average = %.2f"
function connectionRefused(messageId: QueueId | null, s: string): Read {
  const refused = s.indexOf(' refused', 'connection from '.length);
  if (refused === -1) return undefined;
  return reject(messageId, 'CONNECT', clientAt(s, 'connection from '.length), s.slice(0, 'connection'.length) + s.slice(refused));
}

// receive.c: "%s %srejected by local_scan(): %.256s" after `F=sender` (no angle
// brackets but for the null sender's `<>`) and the client fields (` H=... P=...`):
// the local_scan function (SA-Exim and the like) refused the message after DATA.
function localScan(messageId: QueueId | null, s: string): Read {
  const verdict = s.indexOf('rejected by local_scan(): ');
  if (verdict === -1) return undefined;
  const senderEnd = s.indexOf(' ', 2);
  const sender = s.slice(2, senderEnd === -1 ? verdict : senderEnd);
  const hostAt = s.indexOf(' H=');
  const client = hostAt !== -1 && hostAt < verdict ? flaggedClientAt(s, hostAt + 1) : null;
  const temporarily = s.startsWith('temporarily ', verdict - 'temporarily '.length);
  return reject(messageId, 'end of DATA', client, s.slice(temporarily ? verdict - 'temporarily '.length : verdict), {
    sender: sender === '<>' ? '' : sender,
    recipient: null,
  });
}

const SHAPES: [string, (messageId: QueueId | null, s: string) => Read][] = [
  ['F=', localScan],
  ['SMTP protocol synchronization error (', synchronization],
  ['SMTP call from ', dropped],
  ['rejected MAIL FROM:<', fromSender('MAIL FROM')],
  ['rejected from <', fromSender('DATA')],
  ['rejected MAIL command ', command('MAIL FROM', 'rejected MAIL command ', true)],
  ['rejected MAIL from ', command('MAIL FROM', 'rejected MAIL from ', false)],
  ['rejected EHLO from ', command('HELO', 'rejected EHLO from ', false)],
  ['rejected HELO from ', command('HELO', 'rejected HELO from ', false)],
  ['too many recipients: ', tooManyRecipients],
  ['unqualified ', unqualified],
  ['refused connection from ', refusedConnection('refused connection from ')],
  ['temporarily refused connection from ', refusedConnection('temporarily refused connection from ')],
  ['connection from ', connectionRefused],
  ['Connection from ', connectionRefused],
];

/**
 * The refusal an entry (after the stamp, and after the message id where it
 * has one) records; null when it is one of these shapes cut short; undefined
 * when it is none of them.
 */
export function parseServerRefusal(messageId: QueueId | null, entry: string): RejectRecord | null | undefined {
  for (const [prefix, read] of SHAPES) if (entry.startsWith(prefix)) return read(messageId, entry);
  return undefined;
}
