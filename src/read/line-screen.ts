// What keeps a line from its MTA's parser: the line tap's placeholder for a
// line it dropped, a line too long for any MTA to write, bytes that are no
// text, and journalctl's own markers.

import { ENORMOUS_LINE } from './line-tap.js';
import { MAX_LINE_BYTES } from './source-protocol.js';

/** Why a line is not parsed. */
export type Unparsed = 'placeholder' | 'enormous' | 'binary' | 'journal';

/** Over MAX_LINE_BYTES in UTF-8: a UTF-16 unit is one to three bytes, so most lines are told by their length alone. */
function overLimit(line: string): boolean {
  return line.length > MAX_LINE_BYTES || (line.length * 3 > MAX_LINE_BYTES && Buffer.byteLength(line) > MAX_LINE_BYTES);
}

/** Why `line` (without its line end) is not for the parser; null when it is. */
export function screenLine(line: string): Unparsed | null {
  // The line tap's placeholders, and lines of one NUL byte: told apart at the end.
  if (line === ENORMOUS_LINE) return 'placeholder';
  if (overLimit(line)) return 'enormous';
  // U+FFFD is what invalid UTF-8 decodes to; NUL never occurs in a text log.
  if (line.includes('\uFFFD') || line.includes('\u0000')) return 'binary';
  // journalctl's own markers (-- Boot 3f2a... --, -- No entries --) are no program's line.
  if (line.startsWith('-- ') && line.endsWith(' --')) return 'journal';
  return null;
}
