// A span of whole days as administrators write it: 90d, 12w, or a bare
// number of days. `ingest --keep-events`, `check --baseline` and the rules
// file's `check:` section read it alike.

/** The days `text` names; null for anything else, or for no day at all. */
export function dayCount(text: string): number | null {
  const m = /^(\d+)([dw]?)$/.exec(text.trim());
  if (!m || Number(m[1]) === 0) return null;
  return Number(m[1]) * (m[2] === 'w' ? 7 : 1);
}
