// What the program writes for people: text for a terminal, and the reason a
// write failed.

import { getSystemErrorMap } from 'node:util';

/**
 * C0 controls but tab and newline, DEL and C1 controls: logs carry them
 * (an ESC sequence in a recipient or a reply), and a terminal would run them.
 * Bidirectional embeddings, overrides and isolates (U+202A-U+202E,
 * U+2066-U+2069) too: they run no command, but reorder what is shown after
 * them, so a line could read as something else than it says.
 */
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text safe to print: each control character becomes one visible character,
 * so column widths hold. C0 and DEL become their Unicode control pictures
 * (ESC is ␛, CR is ␍, DEL is ␡), C1 and bidirectional controls, which have
 * none, become �.
 */
export function terminalText(text: string): string {
  return text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    return code === 0x7f ? '\u2421' : '\uFFFD';
  });
}

/** Text output of the commands (tables, reports, explanations), never data formats. */
export function writeText(text: string, stream: NodeJS.WritableStream = process.stdout): void {
  stream.write(terminalText(text));
}

/** "no space left on device" rather than "ENOSPC: no space left on device, write". */
export function systemErrorText(error: Error): string {
  const errno = (error as NodeJS.ErrnoException).errno;
  return (errno !== undefined && getSystemErrorMap().get(errno)?.[1]) || error.message;
}

/** `1 delivery`, `3 deliveries`: a count and its noun, which takes `-s` unless another plural is given. */
export function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : nouns}`;
}
