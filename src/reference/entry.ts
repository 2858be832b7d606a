// The shape of the SMTP code reference: reply codes (RFC 5321 and its
// extensions) and enhanced status codes (RFC 3463 and the IANA registry),
// each explained in the project's own words, in English and, where given,
// Vietnamese.

import type { CauseId } from '../classify/causes.js';

/** What an entry says, in one language. */
export interface CodeText {
  /** A few words, as a report column shows them: "Mailbox unavailable". */
  title: string;
  /** What the code means. */
  description: string;
  /** When an administrator sees it: which command, which situation. */
  when: string;
  /** What to do about it. */
  fix: string;
}

export interface ReplyCodeEntry extends CodeText {
  /** The three-digit reply code, e.g. 550. */
  code: number;
  /** Where it is defined, e.g. "RFC 5321", "RFC 4954", "RFC 7504". */
  defined: string;
  /** For failure codes (4xx, 5xx): the documented causes of the taxonomy it can mean, most usual first. */
  causes: CauseId[];
  /** Vietnamese, where the project provides it. */
  vi?: Partial<CodeText>;
}

export interface EnhancedCodeEntry extends CodeText {
  /** Subject and detail as the registry lists them, without the class: "1.1" for X.1.1. */
  code: string;
  /** Where it is defined, e.g. "RFC 3463", "RFC 7372". */
  defined: string;
  /** The causes of the taxonomy a failure with this code can mean, most usual first (empty for success codes). */
  causes: CauseId[];
  vi?: Partial<CodeText>;
}
