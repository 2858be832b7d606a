// `maillog unclassified`: the refusals no rule knows, most frequent first.
// Alike texts (the same refusal to other recipients, with other ids) share a
// fingerprint, so each group is one rule to write.

import { Classifier } from '../classify/classifier.js';
import { maskDiagnostic } from '../classify/fingerprint.js';
import type { Db } from '../store/database.js';
import { replyOnly, type Column, type Row } from './breakdown.js';
import { whereClause, type Filters } from './filters.js';
import { wrapText } from './render.js';
import { wallClockText } from '../time-zone.js';
import { plural } from '../output.js';

export interface UnclassifiedReport {
  /** Unclassified failures matching the filters. */
  total: number;
  /** Distinct reasons among them, before --top. */
  reasons: number;
  rows: Row[];
}

export const UNCLASSIFIED_COLUMNS: Column[] = [
  { key: 'count', header: 'failures', numeric: true },
  { key: 'domains', header: 'domains', numeric: true },
  { key: 'first_seen', header: 'first seen', numeric: false },
  { key: 'last_seen', header: 'last seen', numeric: false },
  { key: 'reason', header: 'reason', numeric: false },
  { key: 'fingerprint', header: 'fingerprint', numeric: false },
  { key: 'example', header: 'example', numeric: false },
  // The model's best cause for the reason, and how often it was right that sure on wording it had not seen.
  { key: 'guess', header: 'guess', numeric: false, tableHidden: true },
  { key: 'guess_confidence', header: 'guess confidence', numeric: true, tableHidden: true },
];

interface Group {
  fingerprint: string;
  domain: string;
  n: number;
  first_seen: string;
  last_seen: string;
  example: string;
}

export function unclassifiedReasons(db: Db, filters: Filters, top: number): UnclassifiedReport {
  const where = whereClause({ ...filters, cause: 'unclassified' }, 'time');
  const groups = db
    .prepare(
      `SELECT fingerprint, recipient_domain AS domain, count(*) AS n,
              min(time) AS first_seen, max(time) AS last_seen, min(diagnostic) AS example
       FROM events ${where.sql} GROUP BY fingerprint, recipient_domain`,
    )
    .all(...where.params) as Group[];
  // The same reply logged by different MTAs (or by Postfix and Exim wrappers)
  // has different fingerprints; the reader wants it once.
  const reasonOf = new Map<string, string>();
  const byReason = new Map<string, { row: Row; domains: Set<string> }>();
  for (const g of groups) {
    let reason = reasonOf.get(g.fingerprint);
    if (reason === undefined) reasonOf.set(g.fingerprint, (reason = replyOnly(maskDiagnostic(g.example))));
    const entry = byReason.get(reason);
    if (!entry) {
      const row = { count: g.n, domains: 1, first_seen: g.first_seen, last_seen: g.last_seen, reason, fingerprint: g.fingerprint, example: g.example };
      byReason.set(reason, { row, domains: new Set([g.domain]) });
      continue;
    }
    const { row, domains } = entry;
    domains.add(g.domain);
    row.count = Number(row.count) + g.n;
    row.domains = domains.size;
    if (g.first_seen < String(row.first_seen)) row.first_seen = g.first_seen;
    if (g.last_seen > String(row.last_seen)) row.last_seen = g.last_seen;
  }
  const rows = [...byReason.values()].map((e) => e.row).sort((a, b) => Number(b.count) - Number(a.count) || String(a.reason).localeCompare(String(b.reason)));
  const classifier = new Classifier();
  const shown = rows.slice(0, top).map((row) => {
    const guess = classifier.classify({ text: String(row.example) }).guess;
    return { ...row, guess: guess?.cause ?? null, guess_confidence: guess?.confidence ?? null };
  });
  return { total: groups.reduce((a, g) => a + g.n, 0), reasons: rows.length, rows: shown };
}

/** Each reason as a heading line and its whole masked text below it: the text is what a rule is written from. Dates are the zone's. */
export function renderUnclassified(report: UnclassifiedReport, zone: string): string {
  if (report.total === 0) return 'no unclassified failures match\n';
  const shown = report.rows.length < report.reasons ? ` (the top ${report.rows.length})` : '';
  const out = [`${plural(report.total, 'unclassified failure')}, ${plural(report.reasons, 'distinct reason')}${shown}:`, ''];
  const rankWidth = String(report.rows.length).length + 1;
  report.rows.forEach((row, i) => {
    const [first, last] = [row.first_seen, row.last_seen].map((iso) => wallClockText(Date.parse(String(iso)), zone).slice(0, 10));
    const when = first === last ? first : `${first} to ${last}`;
    out.push(
      `${`#${i + 1}`.padStart(rankWidth)}  ${plural(Number(row.count), 'failure')}, ${plural(Number(row.domains), 'recipient domain')}, ${when}, fingerprint ${row.fingerprint}`,
      wrapText(String(row.reason), ' '.repeat(rankWidth + 2)),
      ...(row.guess ? [`${' '.repeat(rankWidth + 2)}(the model's guess: ${row.guess}, right ${Math.round(Number(row.guess_confidence) * 100)}% of the time this sure)`] : []),
    );
  });
  out.push('', 'A site rules file (--rules FILE) teaches maillog a reason; its text is matched against the masked reason as shown here.');
  return `${out.join('\n')}\n`;
}
