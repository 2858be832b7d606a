// Masking: the variable parts of a diagnostic (addresses, IPs, ids, numbers,
// URL queries) are replaced so that the same refusal to different recipients
// reads the same. Reply codes and enhanced status codes are kept: they are
// part of the reason. Classification runs on the masked text, so a cached
// verdict is exactly the verdict the rules would give.

import { createHash } from 'node:crypto';
import { clipText } from '../../parsers/clip.js';

const VARIABLE_PARTS = new RegExp(
  [
    // URL: keep the path, drop the query. The path stops at another URL's start, so a run of
    // them without a query is scanned once, not once for each of them.
    /(https?:\/\/(?:[^\s?h]|h(?!ttps?:\/\/))*)\?[^\s)>\]]*/.source,
    // Address (CJK punctuation ends it). Tried only where such a run of characters starts: tried
    // inside one without an @, it would scan to the run's end from every position (quadratic).
    // The domain may be an address literal (user@[192.0.2.1], user@[IPv6:2001:db8::1]).
    /(?<![^\s<>"'(),;:[\]\u3000-\u303f\uff00-\uffef])[^\s<>"'(),;:[\]\u3000-\u303f\uff00-\uffef]+@(?:\[(?:IPv6:)?[0-9A-Fa-f:.]{1,45}\]|[^\s<>"'(),;:[\]\u3000-\u303f\uff00-\uffef]+)/.source,
    // A quoted local part ("john smith"@example.com, RFC 5321 4.1.2): at most 64 octets.
    /"(?:[^"\\\r\n]|\\.){1,64}"@(?:\[(?:IPv6:)?[0-9A-Fa-f:.]{1,45}\]|[^\s<>"'(),;:[\]\u3000-\u303f\uff00-\uffef]+)/.source,
    /(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?![\w.]?\d)/.source, // IPv4
    /(?:(?<=IPv6:)|(?<![\w:.]))(?:[0-9a-fA-F]{1,4}:){2,7}[0-9a-fA-F]{1,4}(?![\w:])/.source, // IPv6 (and clock times)
    /(?:(?<=IPv6:)|(?<![\w:.]))(?:[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{1,4})*)?::(?:[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{1,4})*)?(?![\w:])/.source, // IPv6 with ::
    /(?<![\w.])([245]\.\d{1,3}\.\d{1,3})(?![\w.]?\d)/.source, // enhanced status code: kept
    /(?<![\w.])([245]\d\d)(?=[ -]|$)/.source, // reply code: kept
    /(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/=_-]*\d[A-Za-z0-9+/=_-]*/.source, // any other word with a digit: ids, counts
  ].join('|'),
  'g',
);

function maskPart(match: string, url?: string, status?: string, code?: string): string {
  if (url !== undefined) return `${url}?…`;
  if (status !== undefined) return status;
  if (code !== undefined) return code;
  if (match === 'IPv6') return match; // the tag of an address literal [IPv6:...]
  const c = match.charCodeAt(0);
  if (match.includes('@')) return 'ADDR';
  if (match.includes(':') && !/^\d+$/.test(match)) return 'IP';
  if (c >= 48 && c <= 57 && /^\d{1,3}(\.\d{1,3}){3}$/.test(match)) return 'IP';
  // A word with a version or count at its end keeps its letters (SMTPUTF8 → SMTPUTF#, server12 → server#);
  // other long mixed tokens are ids; shorter words keep their letters (mx-7 → mx-#).
  if (/^[A-Za-z]+\d{1,2}$/.test(match)) return match.replace(/\d+$/, '#');
  if (match.length >= 8 && /[A-Za-z]/.test(match)) return 'X';
  return match.replace(/\d+/g, '#');
}

/**
 * The diagnostic with its variable parts masked and white space folded; a
 * text past the bound is masked on its head and tail (parsers/clip.ts).
 */
export function maskDiagnostic(text: string): string {
  return clipText(text)
    .replace(VARIABLE_PARTS, maskPart)
    .replace(/\s+/g, ' ')
    .trim();
}

/** A short stable id of a masked diagnostic, to group alike failures. */
export function fingerprintOf(masked: string): string {
  return createHash('sha1').update(masked).digest('hex').slice(0, 16);
}
