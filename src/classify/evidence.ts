// What a diagnostic says besides its words: the SMTP reply code, the enhanced
// status code (RFC 3463), the SMTP stage, and the exit status of a delivery
// command. The codes are read on masked text, where addresses and IPs can no
// longer pass for them; the exit status on the text as logged, as masking
// takes its number.

import type { SmtpStage } from '../../parsers/events.js';

export interface TextEvidence {
  replyCode: number | null;
  enhancedStatus: string | null;
  stage: SmtpStage | null;
  /** The status a local delivery command exited with (sysexits.h: 75 is EX_TEMPFAIL, 67 EX_NOUSER); null for other failures. */
  exitCode: number | null;
}

// The remote reply, where the MTA quotes one ("host x said: 550 ...",
// "refused to talk to me: 554 ..."), else a code at the very start (rejects).
// A failure's reply is 4xx or 5xx: a 220 banner quoted before it is not.
const QUOTED_REPLY = /(?:said|talk to me|Remote host said|response|reply)\s*:?\s*([45]\d\d)(?=[ -]|$)/i;
const LEADING_REPLY = /^\s*([45]\d\d)(?=[ -]|$)/;
// Masking has turned every other number into #, so a 3-digit 4xx/5xx left is a code.
const ANY_REPLY = /(?<![\w.#])([45]\d\d)(?=[ -]|$)/;
const ENHANCED = /(?<![\w.])([245])\.(\d{1,3})\.(\d{1,3})(?![\w.]?\d)/;

// Phrases of the MTAs' own accounts of a refusal (Postfix "in reply to",
// Exim "after", qmail-remote's notes), first the more specific.
const STAGE_PHRASES: [RegExp, SmtpStage][] = [
  [/in reply to (?:RCPT TO|RCPT)\b|after (?:pipelined )?RCPT TO|for RCPT TO command|does not like recipient|rejected RCPT\b/i, 'RCPT TO'],
  [/in reply to MAIL FROM\b|after (?:pipelined )?MAIL FROM|for MAIL FROM command|sender was rejected|rejected MAIL\b/i, 'MAIL FROM'],
  [/in reply to end of DATA\b|after end of data|after DATA.{0,20}(?:terminat|end)|failed after I sent the message|rejected after DATA/i, 'end of DATA'],
  [/in reply to (?:DATA|BDAT)\b|after (?:pipelined )?DATA|failed on DATA command/i, 'DATA'],
  [/in reply to (?:EHLO|HELO|LHLO)\b|after (?:EHLO|HELO)|my name was rejected|rejected EHLO or HELO/i, 'HELO'],
  [/initial greeting|greeting failed|refused to talk to me|after initial connection|^connect to |Connection refused|Connection timed out/i, 'CONNECT'],
];

// Exim's pipe transport, "Child process of %s transport returned %d" (transports/pipe.c); Postfix's
// pipe and local, "Command died with status %d" (global/pipe_command.c).
const EXIT_STATUS = /\bChild process of \S+ transport returned (\d{1,3})\b|\bCommand died with status (\d{1,3})\b/;

/** The exit status of the delivery command a text (as logged, not masked) reports; null when it reports none. */
export function exitStatusOf(text: string): number | null {
  const m = EXIT_STATUS.exec(text);
  return m ? Number(m[1] ?? m[2]) : null;
}

/** The SMTP stage a text names, by the phrases MTAs write around a refusal. */
export function stageOf(text: string): SmtpStage | null {
  for (const [phrase, stage] of STAGE_PHRASES) if (phrase.test(text)) return stage;
  return null;
}

/** The evidence of a masked text; the exit status is read on `logged`, the same text before masking, when it is given. */
export function textEvidence(masked: string, logged?: string): TextEvidence {
  const reply = QUOTED_REPLY.exec(masked) ?? LEADING_REPLY.exec(masked) ?? ANY_REPLY.exec(masked);
  const enhanced = ENHANCED.exec(masked);
  return {
    replyCode: reply ? Number(reply[1]) : null,
    enhancedStatus: enhanced ? `${enhanced[1]}.${Number(enhanced[2])}.${Number(enhanced[3])}` : null,
    stage: stageOf(masked),
    exitCode: logged === undefined ? null : exitStatusOf(logged),
  };
}
