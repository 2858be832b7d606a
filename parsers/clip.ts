// Bounds on what one log line can make the rest of the pipeline hold and
// examine. No MTA writes a reply of more than a few KiB (RFC 5321 caps a
// reply line at 512 octets), but anyone who can write to syslog can write a
// line of a megabyte: past the bound a text keeps its head and its tail,
// where the reply code, the words and Postfix's "(in reply to ...)" are, and
// says how much was left out between them.

import type { FailureEvent, MailEvent } from './events.js';

/** Longest diagnostic kept, classified and stored, in UTF-16 code units. */
export const MAX_DIAGNOSTIC_CHARS = 4096;

/** Longest address, host, relay or id kept: an SMTP path is at most 256 octets (RFC 5321). */
export const MAX_FIELD_CHARS = 1024;

/** The text itself when it is within `max`; else its head and tail around a marker, within `max`. */
export function clipText(text: string, max = MAX_DIAGNOSTIC_CHARS): string {
  if (text.length <= max) return text;
  // The marker's length depends on the count it names: leave room for the longest one.
  const room = max - marker(text.length).length;
  let head = Math.ceil(room * 0.75);
  let tail = room - head;
  // Cut between the halves of a surrogate pair and each end would keep half a character.
  if (isHighSurrogate(text.charCodeAt(head - 1))) head--;
  if (isLowSurrogate(text.charCodeAt(text.length - tail))) tail--;
  return `${text.slice(0, head)}${marker(text.length - head - tail)}${text.slice(text.length - tail)}`;
}

function marker(leftOut: number): string {
  return ` …[${leftOut} characters left out]… `;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

const within = (value: string | null) => value === null || value.length <= MAX_FIELD_CHARS;

/** An address, host, relay or id within MAX_FIELD_CHARS. */
export function clipField<T extends string | null>(value: T): T {
  return (within(value) ? value : clipText(value!, MAX_FIELD_CHARS)) as T;
}

/** The event with each of its texts within its bound: the same event when they all are, as nearly always. */
export function boundedEvent(e: MailEvent): MailEvent {
  if (e.kind === 'problem') {
    return within(e.host) && within(e.program) && e.text.length <= MAX_DIAGNOSTIC_CHARS ? e : { ...e, host: clipField(e.host), program: clipField(e.program), text: clipText(e.text) };
  }
  if (e.kind === 'received') {
    return within(e.host) && within(e.sender) && within(e.client) ? e : { ...e, host: clipField(e.host), sender: clipField(e.sender), client: clipField(e.client) };
  }
  if (e.kind === 'delivered') {
    return within(e.host) && within(e.queueId) && within(e.recipient) && within(e.relay)
      ? e
      : { ...e, host: clipField(e.host), queueId: clipField(e.queueId), recipient: clipField(e.recipient), relay: clipField(e.relay) };
  }
  const fits = e.diagnostic.length <= MAX_DIAGNOSTIC_CHARS;
  if (fits && within(e.host) && within(e.queueId) && within(e.sender) && within(e.recipient) && within(e.relay) && within(e.dsn)) return e;
  return {
    ...e,
    host: clipField(e.host),
    queueId: clipField(e.queueId),
    sender: clipField(e.sender),
    recipient: clipField(e.recipient),
    relay: clipField(e.relay),
    dsn: clipField(e.dsn),
    diagnostic: clipText(e.diagnostic),
  };
}

/** Characters a failure's texts hold, to bound a batch of them by size as well as by count. */
export function failureChars(e: FailureEvent): number {
  return e.diagnostic.length + e.host.length + (e.queueId?.length ?? 0) + (e.sender?.length ?? 0) + (e.recipient?.length ?? 0) + (e.relay?.length ?? 0);
}
