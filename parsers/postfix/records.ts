// Postfix messages (the text after `postfix/daemon[pid]: `) into typed records.
// Pure: one message in, one record out. Correlation by queue id happens later.

import type { Address, QueueId, Severity, SmtpStage } from '../events.js';

/** `QID: to=<r>, relay=..., dsn=..., status=... (text)` of any delivery agent. */
export interface StatusRecord {
  type: 'status';
  queueId: QueueId;
  recipient: Address;
  origRecipient: Address | null;
  relay: string | null;
  /** delay=, seconds from the message's arrival to this attempt; null when absent or not a number. */
  delay: number | null;
  dsn: string | null;
  status: string;
  text: string;
}

/** qmgr's `QID: from=<s>, size=..., nrcpt=... (queue active)`, written again at every retry. */
export interface SenderRecord {
  type: 'sender';
  queueId: QueueId;
  sender: Address;
  /** Bytes; null when the line gives none. */
  size: number | null;
}

/** smtpd's (or qmqpd's) `QID: client=name[ip]`, the SMTP client a message came from, before qmgr takes it up. */
export interface ClientRecord {
  type: 'client';
  queueId: QueueId;
  /** `name[ip]`, without the port that smtpd_client_port_logging adds. */
  client: string;
}

/** qmgr's `QID: from=<s>, status=expired, returned to sender`. */
export interface ExpiredRecord {
  type: 'expired';
  queueId: QueueId;
  sender: Address;
}

/** qmgr's `QID: removed`: the queue id may be reused from here on. */
export interface RemovedRecord {
  type: 'removed';
  queueId: QueueId;
}

/** smtpd/postscreen `reject:`, `milter-reject:` and cleanup header/body rejects. */
export interface RejectRecord {
  type: 'reject';
  queueId: QueueId | null;
  stage: SmtpStage | null;
  client: string | null;
  sender: Address | null;
  recipient: Address | null;
  text: string;
}

/** A daemon's own `warning: `, `error: `, `fatal: ` or `panic: ` line (Postfix's msg_warn, msg_error, msg_fatal, msg_panic). */
export interface ProblemRecord {
  type: 'problem';
  severity: Severity;
  text: string;
}

/** A Postfix line that carries nothing for failure analysis (connect, warning, ...). */
export interface OtherRecord {
  type: 'other';
}

export type PostfixRecord = StatusRecord | SenderRecord | ClientRecord | ExpiredRecord | RemovedRecord | RejectRecord | ProblemRecord | OtherRecord;

const SEVERITIES = new Set<string>(['warning', 'error', 'fatal', 'panic']);

const OTHER: OtherRecord = { type: 'other' };

// Short ids are hex; long ids (enable_long_queue_ids) use a 52-letter alphabet.
const QUEUE_ID = /^[0-9A-Za-z]{5,20}$/;

const STAGE_OF_COMMAND: Record<string, SmtpStage> = {
  CONNECT: 'CONNECT',
  EHLO: 'HELO',
  HELO: 'HELO',
  MAIL: 'MAIL FROM',
  RCPT: 'RCPT TO',
  DATA: 'DATA',
  'END-OF-MESSAGE': 'end of DATA',
  BDAT: 'DATA',
  connect: 'CONNECT',
};

/**
 * Parse one Postfix message. Returns null when the message is a Postfix line
 * whose expected shape is broken (a truncated status line, say).
 */
export function parsePostfixMessage(message: string): PostfixRecord | null {
  const colon = message.indexOf(': ');
  if (colon === -1) return OTHER;
  const head = message.slice(0, colon);
  const rest = message.slice(colon + 2);
  // Before the queue-id shapes: `warning` would pass for a long queue id.
  if (SEVERITIES.has(head)) return { type: 'problem', severity: head as Severity, text: withoutQueueId(rest) };
  // postscreen.c: `reject: connect from [ip]:port: all screening ports busy`, with no queue id at all.
  if (head === 'reject') return parseReject(null, message);
  if (head === 'proxy-reject') return parseProxyReject(rest);
  if (head === 'NOQUEUE') {
    if (rest.startsWith('reject_warning: ')) return parseRejectWarning(rest);
    return rest.startsWith('reject: ') || rest.startsWith('milter-reject: ') ? parseReject(null, rest) : OTHER;
  }
  // The cheap test of the text first: most queue-id lines (client=, message-id=, uid=) carry nothing.
  switch (rest.charCodeAt(0)) {
    case 116: // t
      return rest.startsWith('to=<') && QUEUE_ID.test(head) ? parseStatus(head, rest) : OTHER;
    case 102: // f
      return rest.startsWith('from=<') && QUEUE_ID.test(head) ? parseFrom(head, rest) : OTHER;
    case 99: // c
      return rest.startsWith('client=') && QUEUE_ID.test(head) ? parseClient(head, rest) : OTHER;
    case 114: // r
      if (!QUEUE_ID.test(head)) return OTHER;
      if (rest === 'removed') return { type: 'removed', queueId: head };
      if (rest.startsWith('reject_warning: ')) return parseRejectWarning(rest);
      return rest.startsWith('reject: ') ? parseReject(head, rest) : OTHER;
    case 109: // m
      return rest.startsWith('milter-reject: ') && QUEUE_ID.test(head) ? parseReject(head, rest) : OTHER;
    default:
      return OTHER;
  }
}

/**
 * A daemon's warning about one message names its queue id first (`warning:
 * 4F9D3160065: queue file size limit exceeded`): the trouble is the daemon's,
 * and without the id the same warning reads the same for every message, whether
 * its id is short (hex, masked as a number) or long.
 */
function withoutQueueId(text: string): string {
  const colon = text.indexOf(': ');
  if (colon === -1) return text;
  const head = text.slice(0, colon);
  // A function name (`myfree: corrupt or unallocated memory block`) has the letters of an id, never its digits.
  return QUEUE_ID.test(head) && /\d/.test(head) ? text.slice(colon + 2) : text;
}

/** `<addr>` at `start` (which points at '<'): the address and the index after '>'. */
function angleAddress(s: string, start: number): [Address, number] | null {
  // Postfix quotes a local part with specials (`<"a>b"@example.com>`): a `>` inside the quotes does not end the address.
  const end = s.indexOf('>', s.charCodeAt(start + 1) === 34 /* " */ ? quotedEnd(s, start + 1) : start + 1);
  return end === -1 ? null : [s.slice(start + 1, end), end + 1];
}

/** The index after the quoted string that starts at `open`, its `\"` and `\\` escapes skipped; `open + 1` when it never closes. */
function quotedEnd(s: string, open: number): number {
  for (let i = open + 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 92 /* backslash */) i++;
    else if (c === 34 /* " */) return i + 1;
  }
  return open + 1;
}

function parseStatus(queueId: QueueId, rest: string): StatusRecord | null {
  let recipient: Address | null = null;
  let origRecipient: Address | null = null;
  let relay: string | null = null;
  let delay: string | null = null;
  let dsn: string | null = null;
  let i = 0;
  while (i < rest.length) {
    const eq = rest.indexOf('=', i);
    if (eq === -1) return null;
    if (eq - i === 6 && rest.startsWith('status', i)) break;
    let value: string;
    let next: number;
    if (rest.charCodeAt(eq + 1) === 60 /* < */) {
      const addr = angleAddress(rest, eq + 1);
      if (!addr) return null;
      [value, next] = addr;
    } else {
      next = rest.indexOf(',', eq + 1);
      if (next === -1) return null;
      value = rest.slice(eq + 1, next);
    }
    if (rest.charCodeAt(next) !== 44 || rest.charCodeAt(next + 1) !== 32) return null;
    // Keys compared in place: slicing each one would cost an allocation per field.
    if (eq - i === 2 && rest.startsWith('to', i)) recipient = value;
    else if (eq - i === 7 && rest.startsWith('orig_to', i)) origRecipient = value;
    else if (eq - i === 5 && rest.startsWith('relay', i)) relay = value;
    else if (eq - i === 5 && rest.startsWith('delay', i)) delay = value;
    else if (eq - i === 3 && rest.startsWith('dsn', i)) dsn = value;
    i = next + 2;
  }
  if (recipient === null || i >= rest.length) return null;
  const statusStart = i + 'status='.length;
  let statusEnd = statusStart;
  while (statusEnd < rest.length && isWordChar(rest.charCodeAt(statusEnd))) statusEnd++;
  const status = rest.slice(statusStart, statusEnd);
  // Postfix always writes `status=word (reason)`; anything else was cut.
  let open = statusEnd;
  if (rest.startsWith(', returned to sender', open)) open += ', returned to sender'.length;
  if (status === '' || !rest.startsWith(' (', open) || !rest.endsWith(')')) return null;
  const text = rest.slice(open + 2, -1);
  return { type: 'status', queueId, recipient, origRecipient, relay, delay: delay === null ? null : decimalSeconds(delay), dsn, status, text };
}

// Postfix writes a delay as whole seconds, or with a few decimals below ten seconds (format_tv).
const DECIMAL_SECONDS = /^\d{1,15}(?:\.\d{1,9})?$/;

function decimalSeconds(text: string): number | null {
  return DECIMAL_SECONDS.test(text) ? Number(text) : null;
}

/** A host as Postfix logs it, `name[ip]` or `name[ip]:port`, without the port. */
export function withoutPort(host: string): string {
  const close = host.lastIndexOf(']');
  return close === -1 ? host : host.slice(0, close + 1);
}

// `client=name[ip]`, then `, sasl_method=...`, `, orig_queue_id=...`, `, orig_client=...` when there are.
// orig_client is the client of the MTA that handed the message on (a content
// filter's XFORWARD): that client was counted when the message first came in.
function parseClient(queueId: QueueId, rest: string): ClientRecord | null {
  const end = rest.indexOf(', ', 7);
  const client = rest.slice(7, end === -1 ? rest.length : end);
  return client === '' ? null : { type: 'client', queueId, client: withoutPort(client) };
}

// A status word: letters, and the hyphens of `undeliverable-but-not-cached`.
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 45;
}

const SIZE = /, size=(\d{1,15}),/y;

function parseFrom(queueId: QueueId, rest: string): SenderRecord | ExpiredRecord | null {
  const addr = angleAddress(rest, 5);
  if (!addr) return null;
  const [sender, next] = addr;
  if (rest.startsWith(', status=expired', next)) return { type: 'expired', queueId, sender };
  SIZE.lastIndex = next;
  const size = SIZE.exec(rest);
  return { type: 'sender', queueId, sender, size: size ? Number(size[1]) : null };
}

// `reject: RCPT from host[ip]: 554 5.7.1 <r>: Relay access denied; from=<s> to=<r> proto=ESMTP helo=<h>`
// `reject: header Subject: x from host[ip]; from=<s> to=<r> proto=ESMTP helo=<h>: 5.7.1 text` (cleanup)
// postscreen separates the trailing fields with commas: `; from=<s>, to=<r>, proto=ESMTP, helo=<h>`.
// CONNECT and HELO rejects (smtpd_delay_reject = no) have no from=: `...; proto=SMTP helo=<h>`.
// VRFY and ETRN rejects have no sender: `...; to=<r> proto=SMTP`.
function trailingFieldsAt(body: string): number {
  for (const field of ['; from=<', '; to=<', '; proto=', '; helo=<']) {
    const at = body.lastIndexOf(field);
    if (at !== -1) return at;
  }
  return -1;
}

/**
 * warn_if_reject: smtpd logs what it would have refused, then accepts. A
 * warning about our own policy, not a refusal; kept without the trailing
 * fields, so that the same rule's warnings read as one shape.
 */
function parseRejectWarning(rest: string): ProblemRecord | null {
  const body = rest.slice('reject_warning: '.length);
  const fields = trailingFieldsAt(body);
  return fields === -1 ? null : { type: 'problem', severity: 'warning', text: `reject_warning: ${body.slice(0, fields)}` };
}

// Refusals logged with no trailing fields, each with a fixed text: postscreen's
// `CONNECT from [ip]:port: too many connections` and `... all server ports
// busy`, `connect from [ip]:port: all screening ports busy`, smtpd's `421 4.3.0
// host Server local data error`. Any other reject without them was cut.
const FIELDLESS_REJECT = /(?:: too many connections|: all (?:server|screening) ports busy| Server local data error)$/;

/** The `from=<s>` and `to=<r>` of the trailing fields at `fields`, and where the last of them ends. */
function trailingParties(body: string, fields: number): { sender: Address | null; recipient: Address | null; end: number } {
  const sender = body.startsWith('; from=<', fields) ? angleAddress(body, fields + 7) : null;
  const afterSender = sender?.[1] ?? fields;
  const toAt = body.indexOf('to=<', afterSender);
  const recipient = toAt === -1 ? null : angleAddress(body, toAt + 3);
  return { sender: sender?.[0] ?? null, recipient: recipient?.[0] ?? null, end: recipient?.[1] ?? afterSender };
}

/**
 * smtpd.c: a before-queue content filter (smtpd_proxy_filter) refused the
 * message: `proxy-reject: END-OF-MESSAGE: 554 5.7.0 reply; from=<s> to=<r>
 * proto=ESMTP helo=<h>`, with no queue id and no client (the session's earlier
 * lines name it). The reply may be empty.
 */
function parseProxyReject(rest: string): RejectRecord | null {
  const colon = rest.indexOf(': ');
  const fields = trailingFieldsAt(rest);
  if (colon === -1 || fields === -1 || fields < colon) return null;
  const { sender, recipient } = trailingParties(rest, fields);
  const reply = rest.slice(colon + 2, fields).trim();
  return {
    type: 'reject',
    queueId: null,
    stage: STAGE_OF_COMMAND[rest.slice(0, colon)] ?? null,
    client: null,
    sender,
    recipient,
    text: reply || 'proxy-reject (the content filter gave no reply)',
  };
}

function parseReject(queueId: QueueId | null, rest: string): RejectRecord | null {
  const body = rest.slice(rest.indexOf(': ') + 2);
  let fields = trailingFieldsAt(body);
  if (fields === -1) {
    if (!FIELDLESS_REJECT.test(body)) return null;
    fields = body.length;
  }
  const { sender, recipient, end } = trailingParties(body, fields);

  const space = body.indexOf(' ');
  const command = body.slice(0, space);
  if (command === 'header' || command === 'body') {
    // cleanup puts the reply after the trailing fields.
    const replyAt = body.indexOf(': ', end);
    if (replyAt === -1) return null;
    const clientAt = body.lastIndexOf(' from ', fields);
    return {
      type: 'reject',
      queueId,
      stage: 'end of DATA',
      client: clientAt === -1 ? null : body.slice(clientAt + 6, fields),
      sender,
      recipient,
      text: body.slice(replyAt + 2),
    };
  }
  // `RCPT from host[ip]: text` — postscreen writes `[ip]:port` as the client.
  if (!body.startsWith(' from ', space)) return null;
  const clientEnd = body.indexOf(': ', space + 6);
  if (clientEnd === -1 || clientEnd > fields) return null;
  return {
    type: 'reject',
    queueId,
    stage: STAGE_OF_COMMAND[command] ?? null,
    client: body.slice(space + 6, clientEnd),
    sender,
    recipient,
    text: body.slice(clientEnd + 2, fields),
  };
}
