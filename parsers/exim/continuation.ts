// Entries of several lines. Exim's log_write (log.c) writes an entry's text
// as it is given, so where the text holds a newline (its own configuration
// errors, `...:\n  detail`; an ACL's message; a remote reply some builds and
// patches log unescaped) the log gets lines without a stamp after the stamped
// one. The reject log adds a dump of the message's envelope and headers after
// a reject that has them. Through syslog, Exim sends each line of an entry as
// a piece of its own (write_syslog).

/** A line that goes on the entry before it: a line of a reply (`421-4.7.0 ...`) or an indented one. */
export const CONTINUATION = /^\s*[245]\d\d[- ]|^\s+\S/;

// log.c writes the dump as `Envelope-from: <s>`, `Envelope-to: <r>` (then
// `    <r>` for up to four more, `    ...` for the rest), then each header as
// `%c %s`: a flag (P Received, I Message-ID, F From, T To, * deleted, space
// for the others) and its text, continuation lines included. A buffer full
// ends it with `*** truncated ***`.
/** The first line of a header dump, which no continuation line looks like. */
export const HEADER_DUMP_START = /^(?:Envelope-(?:from|to): |[A-Z*] [!-9;-~]+:)/;
/** Any line of a header dump. */
export const HEADER_DUMP = /^(?:Envelope-(?:from|to): |[A-Z* ] [!-9;-~]+:|\s|\*\*\* truncated \*\*\*$)/;

/**
 * The most lines and characters joined to one entry. Exim builds an entry in
 * a buffer of 8 KiB (LOG_BUFFER_SIZE, macros.h), so none of its entries is
 * longer: lines past these bounds are no part of one, and a file of them
 * cannot grow an entry without end.
 */
export const MAX_CONTINUATION_LINES = 100;
export const MAX_CONTINUATION_CHARS = 8192;
