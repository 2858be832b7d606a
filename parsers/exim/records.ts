// Exim main log and reject log entries (after the stamp) into typed records.
// Pure: one entry in, one record out. Correlation by message id happens later.
//
//   1tXyzA-000123-AB <= sender@example.net H=client (helo) [192.0.2.1] P=esmtp S=1234 id=...
//   1tXyzA-000123-AB => rcpt@example.org R=dnslookup T=remote_smtp H=mx.example.org [198.51.100.7] C="250 OK"
//   1tXyzA-000123-AB ** rcpt@example.org <orig@example.net> R=dnslookup T=remote_smtp H=mx [ip]: SMTP error from remote mail server after RCPT TO:<rcpt@example.org>: 550 5.1.1 ...
//   1tXyzA-000123-AB == rcpt@example.org R=dnslookup T=remote_smtp defer (111): Connection refused
//   H=client (helo) [192.0.2.1] F=<s@example.net> rejected RCPT <r@example.org>: relay not permitted

import type { Address, QueueId, Severity, SmtpStage } from '../events.js';
import { clientAt, hostOf, spaceOrEnd } from './hosts.js';
import { parseServerRefusal } from './refusals.js';

// The reports name an Exim host as its entries do.
export { hostOf } from './hosts.js';

export interface ArrivalRecord {
  type: 'arrival';
  messageId: QueueId;
  sender: Address;
  /** S=, the message's size in bytes; null when the line gives none. */
  size: number | null;
  /** H=, the SMTP client it came from, as `name[ip]`; null for a message submitted locally (`U=user` alone). */
  client: string | null;
}

const ARRIVAL_SIZE = / S=(\d{1,15})(?: |$)/;

export interface DeliveryRecord {
  type: 'delivery';
  messageId: QueueId;
  recipient: Address;
  /** T=, the transport that delivered. */
  transport: string | null;
  /** H=, the host it went to, as `name[ip]` (a local transport's host list names no address: its name alone); null when the line names none. */
  host: string | null;
  /** QT=, how long the message had been queued, in seconds; null when the line has none Exim could have written. */
  queueTime: number | null;
}

/** `**` (failed) and `==` (deferred) lines. */
export interface FailureRecord {
  type: 'failure';
  messageId: QueueId;
  permanent: boolean;
  recipient: Address;
  /** The envelope sender, when the line has F=<...> (log_selector +sender_on_delivery). */
  sender: Address | null;
  transport: string | null;
  host: string | null;
  text: string;
}

export interface CompletedRecord {
  type: 'completed';
  messageId: QueueId;
}

/** An SMTP-time refusal by our Exim: its ACLs' rejects, and its own (refusals.ts). */
export interface RejectRecord {
  type: 'reject';
  messageId: QueueId | null;
  stage: SmtpStage | null;
  /** The client, as `name[ip]` (hosts.ts); null for SMTP over standard input (`exim -bs`), which has no address. */
  client: string | null;
  sender: Address | null;
  recipient: Address | null;
  text: string;
}

/** `H=... sender verify fail for <s>: detail`: Exim logs the RCPT reject it causes on the next line. */
export interface VerifyFailRecord {
  type: 'verify-fail';
  client: string | null;
  text: string;
}

/**
 * Exim's own trouble, written to the main log and the panic log alike (log.c,
 * LOG_MAIN|LOG_PANIC): a configuration error (LOG_CONFIG's fixed words; Exim
 * dies after it) or a hints database it could not lock (dbfn.c).
 */
export interface ProblemRecord {
  type: 'problem';
  severity: Severity;
  text: string;
}

const PROBLEMS: [RegExp, Severity][] = [
  [/^Exim configuration error\b/, 'fatal'],
  [/^Failed to get (?:read|write) lock for /, 'error'],
];

function parseProblem(entry: string): ProblemRecord | null {
  for (const [shape, severity] of PROBLEMS) if (shape.test(entry)) return { type: 'problem', severity, text: entry };
  return null;
}

export interface OtherRecord {
  type: 'other';
}

export type EximRecord = ArrivalRecord | DeliveryRecord | FailureRecord | CompletedRecord | RejectRecord | VerifyFailRecord | ProblemRecord | OtherRecord;

const OTHER: OtherRecord = { type: 'other' };

// Classic ids (1tXyzA-000123-AB) and the longer ones of Exim 4.97 and later (1tXyzA-00000000123-ABCD).
const MESSAGE_ID = /^(?:[0-9A-Za-z]{6}-[0-9A-Za-z]{6}-[0-9A-Za-z]{2}|[0-9A-Za-z]{6}-[0-9A-Za-z]{11}-[0-9A-Za-z]{4})$/;

export function isMessageId(s: string): boolean {
  return MESSAGE_ID.test(s);
}

/**
 * When a message id says its message started to arrive, in milliseconds
 * since the epoch: its first six characters are that second in base 62
 * (0-9, A-Z, a-z), as the spec's "Message identification" says. Where Exim
 * counts in base 36 (Darwin, Cygwin) this reads another number, which the
 * caller's plausibility check turns away.
 */
export function messageIdTime(id: QueueId): number {
  let seconds = 0;
  for (let i = 0; i < 6; i++) {
    const c = id.charCodeAt(i);
    seconds = seconds * 62 + (c <= 57 ? c - 48 : c <= 90 ? c - 55 : c - 61);
  }
  return seconds * 1000;
}

// readconf_printtime: weeks, days, hours, minutes and seconds, each left out
// when 0 (`QT=0s`, `QT=2m12s`, `QT=1w2d`); with log_selector +millisec a time
// under 5 s has milliseconds (`QT=1.578s`). A clock set back makes `-`: no delay.
const QUEUE_TIME = /^(?:(\d{1,9})w)?(?:(\d{1,9})d)?(?:(\d{1,9})h)?(?:(\d{1,9})m)?(?:(\d{1,9}(?:\.\d{1,6})?)s)?$/;

/** An Exim time value (QT=, DT=, RT=) in seconds; null when Exim could not have written it. */
export function eximSeconds(text: string): number | null {
  const m = text === '' ? null : QUEUE_TIME.exec(text);
  if (!m) return null;
  const [, w, d, h, mi, s] = m;
  return ((Number(w ?? 0) * 7 + Number(d ?? 0)) * 24 + Number(h ?? 0)) * 3600 + Number(mi ?? 0) * 60 + Number(s ?? 0);
}

/** Parse one entry (the text after the stamp). Null when an entry of a known shape is cut. */
export function parseEximEntry(entry: string): EximRecord | null {
  const space = entry.indexOf(' ');
  const first = space === -1 ? entry : entry.slice(0, space);
  if (!isMessageId(first)) {
    if (entry.startsWith('H=')) return parseSmtpRefusal(null, entry);
    const refusal = parseServerRefusal(null, entry);
    return refusal !== undefined ? refusal : (parseProblem(entry) ?? OTHER);
  }
  const messageId = first;
  const rest = entry.slice(space + 1);
  const flag = rest.slice(0, 3);
  switch (flag) {
    case '<= ': {
      const sender = addressToken(rest, 3);
      if (sender === null) return null;
      const size = ARRIVAL_SIZE.exec(rest);
      return { type: 'arrival', messageId, sender: sender[0], size: size ? Number(size[1]) : null, client: arrivalClient(rest, sender[1]) };
    }
    case '=> ':
    case '-> ':
    case '*> ': {
      let recipient = addressToken(rest, 3);
      if (recipient === null) return null;
      // A local delivery is logged as the local part, then the address it was for: `=> bob <bob@example.org>`.
      if (!recipient[0].includes('@') && rest.startsWith(' <', recipient[1])) recipient = addressToken(rest, recipient[1] + 1) ?? recipient;
      // C="..." quotes the remote server's reply, which may hold anything: H= comes before it, QT= after it.
      const confirmAt = rest.indexOf(' C="', recipient[1]);
      const hostAt = rest.indexOf(' H=', recipient[1]);
      const queueTimeAt = rest.lastIndexOf(' QT=');
      return {
        type: 'delivery',
        messageId,
        recipient: recipient[0],
        transport: field(rest, 'T', recipient[1], rest.length),
        host: hostAt === -1 || (confirmAt !== -1 && hostAt > confirmAt) ? null : hostOf(rest, hostAt + 3),
        queueTime: queueTimeAt < recipient[1] || rest.includes('"', queueTimeAt) ? null : eximSeconds(rest.slice(queueTimeAt + 4, spaceOrEnd(rest, queueTimeAt + 4))),
      };
    }
    case '** ':
    case '== ':
      return parseFailure(messageId, flag === '** ', rest);
    default: {
      if (rest === 'Completed' || rest.startsWith('Completed ')) return { type: 'completed', messageId };
      if (rest.startsWith('H=')) return parseSmtpRefusal(messageId, rest);
      const refusal = parseServerRefusal(messageId, rest);
      return refusal !== undefined ? refusal : OTHER;
    }
  }
}

/** The address at `at`: `<>`, `<addr>` or a bare word; and the index after it. */
function addressToken(s: string, at: number): [Address, number] | null {
  if (at >= s.length) return null;
  if (s[at] === '<') {
    const end = s.indexOf('>', at);
    return end === -1 ? null : [s.slice(at + 1, end), end + 1];
  }
  const end = s.indexOf(' ', at);
  const word = end === -1 ? s.slice(at) : s.slice(at, end);
  // A failure line's address is followed by ':' when no field comes between.
  const clean = word.endsWith(':') ? word.slice(0, -1) : word;
  return [clean, at + clean.length];
}

// `<= sender [R=id] [DS] H=client [I=...] [U=ident] P=protocol ...`: a message
// submitted on our host has `U=user P=local` and no H=. H= comes before P=;
// one after it would be in the subject (T="...").
function arrivalClient(rest: string, from: number): string | null {
  const hostAt = rest.indexOf(' H=', from);
  if (hostAt === -1) return null;
  const protocolAt = rest.indexOf(' P=', from);
  return protocolAt !== -1 && protocolAt < hostAt ? null : hostOf(rest, hostAt + 3);
}

/** Value of a ` K=value` field between `from` and `to`, up to the next space. */
function field(s: string, key: string, from: number, to: number): string | null {
  const at = s.indexOf(` ${key}=`, from);
  if (at === -1 || at >= to) return null;
  const start = at + key.length + 2;
  let end = s.indexOf(' ', start);
  if (end === -1 || end > to) end = to;
  return s.slice(start, end);
}

// `** rcpt [<parent>] [R=router] [T=transport] [H=host [ip]]: text`
// `== rcpt [<parent>] R=router T=transport defer (errno)[ H=host [ip]]: text`
// A pipe or file an alias or .forward named is logged as the command or path,
// then the address it was for: `** |/usr/bin/procmail -f- <bob@example.org> R=userforward T=address_pipe: ...`.
const FORWARDED_FOR = / <([^<>\s|]+@[^<>\s]+)>/y;

function parseFailure(messageId: QueueId, permanent: boolean, rest: string): FailureRecord | null {
  let recipient = addressToken(rest, 3);
  if (!recipient) return null;
  if (rest[3] === '|' || rest[3] === '/') {
    const parent = rest.indexOf(' <', 3);
    FORWARDED_FOR.lastIndex = parent;
    const address = parent === -1 ? null : FORWARDED_FOR.exec(rest);
    if (address) recipient = [address[1], parent + address[0].length];
  }
  let colon = rest.indexOf(': ', recipient[1]);
  let text: string;
  if (colon === -1) {
    // deliver.c adds ": message" only when there is one (`== r R=others T=smtp defer (-58)`): the errno is all it says.
    const errno = / defer \(-?\d+\)$/.exec(rest);
    if (!errno) return null;
    colon = errno.index;
    text = errno[0].slice(1);
  } else {
    text = replyText(rest.slice(colon + 2));
  }
  const hostAt = rest.indexOf(' H=', recipient[1]);
  let host: string | null = null;
  if (hostAt !== -1 && hostAt < colon) {
    const bracket = rest.indexOf(']', hostAt);
    host = rest.slice(hostAt + 3, bracket !== -1 && bracket < colon ? bracket + 1 : colon);
  }
  const sender = field(rest, 'F', recipient[1], colon);
  return {
    type: 'failure',
    messageId,
    permanent,
    recipient: recipient[0],
    sender: sender === null ? null : sender.replace(/^<|>$/g, ''),
    transport: field(rest, 'T', recipient[1], colon),
    host,
    text,
  };
}

/**
 * The error text as the remote server or the transport gave it: Exim writes
 * the lines of a multi-line reply joined by a literal `\n`, and may append
 * its own timing fields (DT=, QT=) after the text.
 */
function replyText(text: string): string {
  return text.replace(/\\n/g, ' ').replace(/(?: (?:DT|QT|RT)=\S+)+$/, '');
}

const STAGE_OF_REJECT: [string, SmtpStage | null][] = [
  ['RCPT ', 'RCPT TO'],
  ['MAIL ', 'MAIL FROM'],
  ['after DATA', 'end of DATA'],
  ['after MAIL', 'MAIL FROM'],
  ['EHLO or HELO ', 'HELO'],
  ['EHLO ', 'HELO'],
  ['HELO ', 'HELO'],
  ['connection', 'CONNECT'],
  ['AUTH ', null],
];

// `H=client [F=<s>] rejected RCPT <r>: text`, `... rejected after DATA: text`,
// `H=client sender verify fail for <s>: detail`.
function parseSmtpRefusal(messageId: QueueId | null, s: string): RejectRecord | VerifyFailRecord | OtherRecord | null {
  const client = clientAt(s, 2);
  const verify = s.indexOf(' sender verify fail for <');
  if (verify !== -1) {
    // smtp_in.c adds ": detail" only when verification gave a message: without one there is nothing to join.
    const colon = s.indexOf(': ', verify);
    return colon === -1 ? OTHER : { type: 'verify-fail', client, text: s.slice(colon + 2) };
  }
  const rejected = s.indexOf(' rejected ');
  if (rejected === -1) return OTHER;
  const what = s.slice(rejected + ' rejected '.length);
  const colon = what.indexOf(': ');
  const sender = s.lastIndexOf(' F=<', rejected);
  const senderAddr = sender === -1 ? null : addressToken(s, sender + 3);
  let recipient: Address | null = null;
  if (what.startsWith('RCPT <')) recipient = addressToken(what, 5)?.[0] ?? null;
  const stage = STAGE_OF_REJECT.find(([prefix]) => what.startsWith(prefix))?.[1] ?? null;
  return {
    type: 'reject',
    messageId,
    stage,
    client,
    sender: senderAddr?.[0] ?? null,
    recipient,
    text: colon === -1 ? what : what.slice(colon + 2),
  };
}
