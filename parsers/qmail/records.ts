// qmail-send's log lines (qmail-log(5)), after their stamp, as records. Pure
// functions: a line's text in, a record out.
//
// qmail-send writes every delivery report through its "logsafe" filter: a
// newline becomes `/`, a space (or any byte outside ! to ~, and %) becomes
// `_`. unescapeReport undoes that, as far as it can be undone.

import type { Severity, SmtpStage } from '../events.js';

export type QmailSendRecord =
  | { type: 'new'; msg: string }
  | { type: 'info'; msg: string; bytes: number; sender: string }
  | { type: 'starting'; delivery: string; msg: string; channel: 'local' | 'remote'; recipient: string }
  | { type: 'result'; delivery: string; result: 'success' | 'failure' | 'deferral'; report: string }
  | { type: 'end'; msg: string }
  /** status, bounce and triple bounce lines: understood, no event. */
  | { type: 'note' }
  /** qmail-send's own trouble: `alert:` (it cannot go on as it should: a queue or a helper lost) and `warning:`. */
  | { type: 'problem'; severity: Severity; text: string };

const NEW = /^new msg (\d+)$/;
const INFO = /^info msg (\d+): bytes (\d{1,15}) from <(.*)> qp \d+ uid \d+$/;
const STARTING = /^starting delivery (\d+): msg (\d+) to (local|remote) (.+)$/;
const RESULT = /^delivery (\d+): (success|failure|deferral): (.*)$/;
const END = /^end msg (\d+)$/;
const NOTE = /^(?:status: (?:local \d+\/\d+ remote \d+\/\d+|exiting)|bounce msg \d+ qp \d+$|triple bounce: discarding |delivery \d+: report mangled, will defer$)/;
const PROBLEM = /^(warning|alert): (.*)$/;
/** The words a qmail-send line starts with: a line that starts so but reads otherwise is cut or garbled. */
export const QMAIL_SEND_START = /^(?:new msg |info msg |starting delivery |delivery \d|end msg |bounce msg |status: |triple bounce)/;

export function parseQmailSend(text: string): QmailSendRecord | null {
  let m: RegExpExecArray | null;
  switch (text.charCodeAt(0)) {
    case 110: // n
      return (m = NEW.exec(text)) ? { type: 'new', msg: m[1] } : null;
    case 105: // i
      return (m = INFO.exec(text)) ? { type: 'info', msg: m[1], bytes: Number(m[2]), sender: m[3] } : null;
    case 115: // s
      if ((m = STARTING.exec(text))) return { type: 'starting', delivery: m[1], msg: m[2], channel: m[3] as 'local' | 'remote', recipient: m[4] };
      break;
    case 100: // d
      if ((m = RESULT.exec(text))) return { type: 'result', delivery: m[1], result: m[2] as 'success' | 'failure' | 'deferral', report: m[3] };
      break;
    case 101: // e
      return (m = END.exec(text)) ? { type: 'end', msg: m[1] } : null;
  }
  if ((m = PROBLEM.exec(text))) return { type: 'problem', severity: m[1] === 'alert' ? 'error' : 'warning', text: m[2] };
  return NOTE.test(text) ? { type: 'note' } : null;
}

// Where a `/` ends a line of the report rather than standing for itself (as
// in a URL): at the end, before the next line qmail-remote writes, before
// the next line of a multi-line SMTP reply, and after a comma (qmail-remote's
// "...for that host,/it isn't in my control/locals file").
const LINE_BREAK = /\/(?=$|Remote_host_said:|Giving_up_on_|Connected_to_|I'm_not_going_to_try_again|Sorry|[245]\d\d[-_])|(?<=,)\/(?=\S)/g;

/** A logged delivery report as the lines qmail-remote or qmail-local wrote. Real underscores read as spaces too. */
export function unescapeReport(report: string): string[] {
  return report
    .replace(LINE_BREAK, '\n')
    .replace(/_/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** qmail-send's note on a message it stopped retrying: the report before it is the last deferral's. */
const GAVE_UP = "I'm not going to try again; this message has been in the queue too long.";

export interface Report {
  /** The report's lines joined with spaces, without the give-up note. */
  text: string;
  /** qmail-send gave up: the message stayed in the queue past queuelifetime. */
  expired: boolean;
  /** The remote host qmail-remote talked to, as `[ip]`. */
  relay: string | null;
  stage: SmtpStage | null;
}

const HOST_PHRASES: [RegExp, SmtpStage | null][] = [
  [/^(\S+) does not like recipient\./, 'RCPT TO'],
  [/^Connected to (\S+) but sender was rejected/, 'MAIL FROM'],
  [/^Connected to (\S+) but greeting failed/, 'CONNECT'],
  [/^Connected to (\S+) but my name was rejected/, 'HELO'],
  [/^(\S+) failed on DATA command/, 'DATA'],
  [/^(\S+) failed after I sent the message/, 'end of DATA'],
  [/^Connected to (\S+) but connection died/, null],
  [/^Giving up on (\S+)\.$/, null],
  [/^(\S+) accepted message\./, null],
];

// qmail-remote's reports that name no host: the domain had none, none answered, TLS failed.
const REMOTE_WITHOUT_HOST = /couldn't find any host|couldn't find a mail exchanger|CNAME lookup failed|best-preference MX|\bSMTP\b|\bTLS\b|qmail-remote/i;

/**
 * Whether a report came from qmail-remote or qmail-local, for a delivery whose
 * `starting delivery` line was not read: qmail-remote names the host it
 * talked to, or says it found or reached none; anything else is what
 * qmail-local or a program of a .qmail file (maildrop, vdelivermail) said.
 */
export function reportDirection(report: Report): 'outbound' | 'local' {
  return report.relay !== null || REMOTE_WITHOUT_HOST.test(report.text) ? 'outbound' : 'local';
}

export function readReport(report: string): Report {
  const lines = unescapeReport(report);
  const expired = lines.length > 1 && lines[lines.length - 1] === GAVE_UP;
  if (expired) lines.pop();
  let relay: string | null = null;
  let stage: SmtpStage | null = null;
  for (const line of lines) {
    for (const [phrase, s] of HOST_PHRASES) {
      const m = phrase.exec(line);
      if (!m) continue;
      relay ??= `[${m[1]}]`;
      stage ??= s;
    }
  }
  return { text: lines.join(' '), expired, relay, stage };
}
