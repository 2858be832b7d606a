// The hosts Exim names in its entries: `H=name [ip]` of a delivery or an
// arrival, and the SMTP client of a refusal (smtp_in.c host_and_ident, with
// or without its `H=`).

export function spaceOrEnd(s: string, from: number): number {
  const space = s.indexOf(' ', from);
  return space === -1 ? s.length : space;
}

/**
 * The host of an H= field whose value starts at `at`, as `name[ip]`. Exim
 * writes `name [ip]`, `name (helo) [ip]`, `(helo) [ip]` or `[ip]`, with
 * `:port` when log_selector has the port, and `name DS [ip]` after a
 * DNSSEC-secured lookup. The HELO name is what a client claimed, not who it
 * is: it is left out, as the port is. A host with no address is its name.
 */
export function hostOf(s: string, at: number): string | null {
  let i = at;
  let name = '';
  const first = s.charCodeAt(i);
  if (first !== 40 /* ( */ && first !== 91 /* [ */) {
    const end = spaceOrEnd(s, i);
    name = s.slice(i, end);
    i = s.startsWith(' DS [', end) ? end + 4 : end + 1;
  }
  if (s.charCodeAt(i) === 40) {
    const helo = s.indexOf(') [', i);
    if (helo === -1) return name || null;
    i = helo + 2;
  }
  const close = s.charCodeAt(i) === 91 ? s.indexOf(']', i) : -1;
  if (close === -1) return name || null;
  return name + s.slice(i, close + 1);
}

/**
 * The SMTP client named at `at` (after `H=`, or where Exim writes the host
 * without it), as `name[ip]`; null when the client is no remote host: SMTP
 * over standard input (`exim -bs`) is named by its user alone (`U=root`,
 * `CALLER`).
 */
export function clientAt(s: string, at: number): string | null {
  const host = hostOf(s, at);
  return host !== null && host.endsWith(']') ? host : null;
}
