// The MTA's own warnings and errors of the period, by masked shape: a broken
// configuration, a stale lookup table or a lock that times out shows up in the
// morning report before the failures it causes are understood.

import type { Mta, Severity } from '../../parsers/events.js';
import type { Db } from '../store/database.js';
import { periodAndHost, whereClause, type Filters } from './filters.js';
import { wrapText } from './render.js';

export interface Problem {
  severity: Severity;
  mta: Mta;
  program: string;
  /** Lines of this shape in the period. */
  count: number;
  /** The first line of this shape the period holds. */
  example: string;
}

/** The period's and host's problems, the most frequent first, the gravest first among equals. */
export function problems(db: Db, filters: Filters): Problem[] {
  const where = whereClause(periodAndHost(filters), 'day');
  // The example of the earliest day (the first in byte order among that day's): days are all ten characters.
  return db
    .prepare(
      `SELECT severity, mta, program, sum(count) AS count, substr(min(day || example), 11) AS example FROM problems_daily ${where.sql}
       GROUP BY mta, severity, program, fingerprint
       ORDER BY count DESC, CASE severity WHEN 'panic' THEN 0 WHEN 'fatal' THEN 1 WHEN 'error' THEN 2 ELSE 3 END, program, example`,
    )
    .all(...where.params)
    .map((row) => {
      const { severity, mta, program, count, example } = row as Problem;
      return { severity, mta, program, count, example };
    });
}

const SEVERITY_WIDTH = 'warning'.length;

/**
 * The text section, empty when the period has none: a line per shape, its
 * count, severity and program, then its example whole (wrapped, not clipped:
 * the path or the table name in it is what the administrator needs).
 */
export function renderProblems(list: Problem[]): string {
  if (list.length === 0) return '';
  const countWidth = Math.max(...list.map((p) => String(p.count).length));
  const indent = ' '.repeat(countWidth + 2 + SEVERITY_WIDTH + 2);
  const lines = list.map((p) => {
    const head = `${String(p.count).padStart(countWidth)}  ${p.severity.padEnd(SEVERITY_WIDTH)}  `;
    return head + wrapText(`${p.program}: ${p.example.replace(/\s+/g, ' ')}`, indent).slice(indent.length);
  });
  return `MTA warnings and errors (lines, severity, program: first example)\n${lines.join('\n')}\n`;
}
