// Parse coverage: how much of each source was understood, so that a report
// never hides a million ignored lines. A report names the sources of its
// period: those whose span of failures and deliveries meets it.

import type { Db } from '../store/database.js';
import type { Column, Row } from './breakdown.js';
import type { Period } from './dates.js';

export const COVERAGE_COLUMNS: Column[] = [
  { key: 'source', header: 'source', numeric: false, clip: 'start' },
  { key: 'format', header: 'format', numeric: false },
  { key: 'lines', header: 'lines', numeric: true },
  { key: 'recognised', header: 'recognised', numeric: true },
  { key: 'foreign', header: 'other progs', numeric: true },
  { key: 'skipped', header: 'skipped', numeric: true },
];

/**
 * The sources that hold data in the period. One whose span is unknown (no
 * failure or delivery read from it, or only deliveries when an older version
 * read it) is kept: nothing says it lies outside.
 */
export function coverage(db: Db, period: Period): Row[] {
  const overlap: string[] = [];
  const params: string[] = [];
  if (period.since !== undefined) {
    overlap.push('last_time >= ?');
    params.push(period.since);
  }
  if (period.until !== undefined) {
    overlap.push('first_time < ?');
    params.push(period.until);
  }
  const where = overlap.length ? `WHERE first_time IS NULL OR (${overlap.join(' AND ')})` : '';
  return db
    .prepare(`SELECT path AS source, coalesce(format, '') AS format, lines, lines_recognised AS recognised,
      lines_foreign AS "foreign", lines_skipped AS skipped FROM sources ${where} ORDER BY id`)
    .all(...params) as Row[];
}
