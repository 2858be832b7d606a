// Reading a code an administrator types (`550`, `5.7.1`, `550 5.7.1`,
// `550-5.7.1`, `#5.1.1`) and finding what the reference says of it. A code
// that is no code, or one no standard defines, is an error that names the
// nearest valid forms.

import { UserError } from '../errors.js';
import { ENHANCED_CODES, ENHANCED_SUBJECTS } from './enhanced-codes.js';
import type { EnhancedCodeEntry, ReplyCodeEntry } from './entry.js';
import { REPLY_CODES } from './reply-codes.js';

export interface ReplyLookup {
  code: number;
  entry: ReplyCodeEntry;
}

export interface EnhancedLookup {
  /** As typed, normalised: `5.7.1`. */
  code: string;
  classDigit: '2' | '4' | '5';
  subjectDigit: keyof typeof ENHANCED_SUBJECTS;
  /** The registry's entry, or null for a detail it does not list (then class and subject explain it). */
  entry: EnhancedCodeEntry | null;
}

export interface Lookup {
  query: string;
  reply: ReplyLookup | null;
  enhanced: EnhancedLookup | null;
}

const REPLY = /^([2-5]\d\d)$/;
const ENHANCED = /^#?([245])\.(\d{1,3})\.(\d{1,3})$/;
const BOTH = /^([2-5]\d\d)[ -]+#?([245]\.\d{1,3}\.\d{1,3})$/;

const byReply = new Map(REPLY_CODES.map((e) => [e.code, e]));
const byEnhanced = new Map(ENHANCED_CODES.map((e) => [e.code, e]));

function nearestReplies(n: number): string {
  const near = [...REPLY_CODES].sort((a, b) => Math.abs(a.code - n) - Math.abs(b.code - n) || a.code - b.code).slice(0, 3);
  return near.map((e) => String(e.code)).sort().join(', ');
}

function lookupReply(text: string): ReplyLookup {
  const code = Number(text);
  const entry = byReply.get(code);
  if (!entry) throw new UserError(`${text} is not a reply code any SMTP standard defines; the nearest are ${nearestReplies(code)}`);
  return { code, entry };
}

function lookupEnhanced(text: string): EnhancedLookup {
  const m = ENHANCED.exec(text)!;
  const [, cls, subject, detail] = m;
  const code = `${cls}.${Number(subject)}.${Number(detail)}`;
  if (!(subject in ENHANCED_SUBJECTS)) {
    throw new UserError(`${text}: ${subject} is no subject of enhanced status codes (0 to 7); e.g. ${cls}.1.1, ${cls}.7.1`);
  }
  const entry = byEnhanced.get(`${Number(subject)}.${Number(detail)}`) ?? null;
  return { code, classDigit: cls as '2' | '4' | '5', subjectDigit: subject as keyof typeof ENHANCED_SUBJECTS, entry };
}

function malformed(query: string): never {
  const digits = query.replace(/[^\d]/g, '');
  const hint =
    /^\d{3}$/.test(digits) && !/^[2-5]/.test(digits)
      ? ` (a reply code starts with 2, 3, 4 or 5; the nearest are ${nearestReplies(Number(digits))})`
      : /^[245]\./.test(query)
        ? ` (an enhanced status code is class.subject.detail in digits, e.g. ${query[0]}.1.1 or ${query[0]}.7.1)`
        : '';
  throw new UserError(`${query} is not an SMTP code${hint}; give a reply code such as 550, an enhanced status code such as 5.1.1, or both: "550 5.1.1"`);
}

export function lookup(query: string): Lookup {
  const q = query.trim();
  let m: RegExpExecArray | null;
  if (REPLY.test(q)) return { query: q, reply: lookupReply(q), enhanced: null };
  if (ENHANCED.test(q)) return { query: q, reply: null, enhanced: lookupEnhanced(q) };
  if ((m = BOTH.exec(q))) {
    const reply = lookupReply(m[1]);
    const enhanced = lookupEnhanced(m[2]);
    if (m[1][0] !== m[2][0]) throw new UserError(`${q}: a ${m[1][0]}xx reply carries a ${m[1][0]}.x.x enhanced status code, not ${m[2]}`);
    return { query: q, reply, enhanced };
  }
  return malformed(q);
}

/** A code's short title for report columns: the enhanced status code's, else the reply code's; null when neither is known. */
export function codeTitle(code: string): string | null {
  const [first, second] = code.split(' ');
  const enhanced = second ?? (first?.includes('.') ? first : undefined);
  const reply = first && !first.includes('.') ? Number(first) : undefined;
  if (enhanced) {
    const [, subject, detail] = enhanced.split('.');
    const entry = byEnhanced.get(`${subject}.${detail}`);
    if (entry) return entry.title;
  }
  return (reply !== undefined && byReply.get(reply)?.title) || null;
}
