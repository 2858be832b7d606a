// The reply of the server that refused, out of the MTA's account of it.
// Postfix, Exim and qmail wrap a remote reply in their own words: which host
// said it, after which command. Those words tell the stage and the host, never
// the cause: a host under barracudanetworks.com that answers "No such user"
// has refused an unknown recipient, not a blocklisted sender. So the rules see
// the reply alone, and the wrapper is kept as evidence.
//
// Where no server replied (Postfix `connect to X[ip]:25: Connection refused`,
// `lost connection with X[ip] while ...`, `Host or domain name not found`),
// the MTA's words are the reason, and the text is left whole.

import type { SmtpStage } from '../../parsers/events.js';
import { stageOf } from './evidence.js';

export interface RemoteReply {
  /** What the remote server said, or the whole text when the MTA quotes no reply. */
  reply: string;
  /** The refusing host as the wrapper names it (`mx.example.com[192.0.2.1]`), null when it names none. */
  host: string | null;
  /** The stage the wrapper states ("in reply to RCPT TO command", "after end of data"). */
  stage: SmtpStage | null;
}

// A host as Postfix writes it (`name[ip]`, `name[ip]:port`) or as Exim does (`name [ip]`, `[ip]:port`).
const HOST = String.raw`[^\s[\]]*\s?\[[^\]\s]*\](?::\d+)?`;

// Each wrapper is anchored at the text's start: a reply quoted inside another
// reply (Postfix's address verification, "450 4.1.1 ... undeliverable address:
// host x said: 550 ...") is the outer server's reason, not a wrapper.
const WRAPPERS: RegExp[] = [
  // Postfix smtp/lmtp.
  new RegExp(
    String.raw`^(?:delivery temporarily suspended: )?host (?<host>${HOST}|\S+) (?:said|refused to talk to me): (?<reply>.+?)(?: \(in reply to [^()]+ command\))?$`,
    'd',
  ),
  // Exim: the log line (`after RCPT TO:<r>:`), its bounce message (host first) and older releases (host after).
  new RegExp(
    String.raw`^(?:host (?<host>${HOST}) )?SMTP error from remote (?:mail server|mailer|server) after (?:pipelined )?(?:(?:RCPT TO|MAIL FROM):<[^>]*>[^:]*|[^:<]*): (?:host (?<host2>${HOST}): )?(?<reply>.+)$`,
    'd',
  ),
  new RegExp(String.raw`^SMTP error from remote server for [A-Z ]+ command, host: (?<host>\S+)(?: \((?<ip>[^()\s]+)\))? reason: (?<reply>.+)$`, 'd'),
  new RegExp(String.raw`^host (?<host>${HOST}): (?<reply>[245]\d\d(?:[ -].*)?)$`, 'd'),
  // Exim's reject log line, pasted whole: our own refusal of a client, after its fields.
  new RegExp(
    String.raw`^H=(?<host>(?:[^\s()[\]]+ )?(?:\([^)]*\) )?\[[^\]\s]*\](?::\d+)?)(?: \S+)*? rejected (?:(?:RCPT|MAIL) \S+?|after DATA|EHLO or HELO \S+?): (?<reply>.+)$`,
    'd',
  ),
  // qmail-remote, as qmail-send logs it once unescaped.
  new RegExp(
    String.raw`^(?:(?<host>\S+) (?:does not like recipient|failed on DATA command|failed after I sent the message)\.\s*|Connected to (?<host2>\S+) but (?:sender was rejected|greeting failed|my name was rejected)\.\s*)?Remote host said\s*:\s*(?<reply>.+?)(?:\s*Giving up on \S+\.)?$`,
    'd',
  ),
];

export function remoteReply(text: string): RemoteReply {
  const trimmed = text.trim();
  for (const wrapper of WRAPPERS) {
    const m = wrapper.exec(trimmed);
    if (!m?.groups || !m.indices?.groups) continue;
    const [start, end] = m.indices.groups.reply!;
    const { host, host2, ip } = m.groups;
    const named = host ?? host2 ?? null;
    return {
      reply: m.groups.reply.trim(),
      host: named !== null && ip !== undefined ? `${named} [${ip}]` : named,
      stage: stageOf(trimmed.slice(0, start) + trimmed.slice(end)),
    };
  }
  return { reply: trimmed, host: null, stage: null };
}

/** The names and port of a host as an MTA logs it, or as a site declares one of its own. */
export interface HostNames {
  /** Host name and IP, lower case, an IPv6 address in its canonical form. */
  names: string[];
  port: string | null;
}

// `name[ip]:port` (Postfix), `name [ip]:port`, `name (helo) [ip]:port`, `[ip]` (Exim, qmail).
// A HELO name in parentheses is what the client claimed, so it never names a host.
const BRACKETED = /^(?:([^\s[\]()]+)\s?)?(?:\([^)]*\)\s?)?\[([^\]]*)\](?::(\d+))?$/;

function canonical(name: string): string {
  const lower = name.toLowerCase().replace(/\.$/, '');
  if (!lower.includes(':')) return lower;
  try {
    return new URL(`http://[${lower}]/`).hostname.slice(1, -1);
  } catch {
    return lower;
  }
}

export function hostNames(host: string): HostNames {
  const trimmed = host.trim();
  const m = BRACKETED.exec(trimmed);
  if (m) return { names: [m[1], m[2]].filter((n): n is string => !!n).map(canonical), port: m[3] ?? null };
  // Unbracketed: a name or IPv4 with an optional port, or a bare IPv6 address (more than one colon).
  const colon = trimmed.indexOf(':');
  if (colon !== -1 && colon === trimmed.lastIndexOf(':') && /^\d+$/.test(trimmed.slice(colon + 1))) {
    return { names: [canonical(trimmed.slice(0, colon))], port: trimmed.slice(colon + 1) };
  }
  return { names: [canonical(trimmed)], port: null };
}

/**
 * Whether a logged host is one of the declared ones, by name or IP and by
 * port where the declaration gives one: 'yes', 'no', or 'unknown' when the
 * names match but the log gives no port to compare (Exim's `H=name [ip]`
 * as maillog reads it).
 */
export function declaredHost(logged: HostNames, declared: readonly HostNames[]): 'yes' | 'no' | 'unknown' {
  let answer: 'no' | 'unknown' = 'no';
  for (const d of declared) {
    if (!d.names.some((n) => logged.names.includes(n))) continue;
    if (d.port === null || d.port === logged.port) return 'yes';
    if (logged.port === null) answer = 'unknown';
  }
  return answer;
}
