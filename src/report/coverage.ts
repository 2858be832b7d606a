// Parse coverage: how much of each source was understood, so that a report
// never hides a million ignored lines.

import type { Db } from '../store/database.js';
import type { Column, Row } from './breakdown.js';

export const COVERAGE_COLUMNS: Column[] = [
  { key: 'source', header: 'source', numeric: false, clip: 'start' },
  { key: 'format', header: 'format', numeric: false },
  { key: 'lines', header: 'lines', numeric: true },
  { key: 'recognised', header: 'recognised', numeric: true },
  { key: 'foreign', header: 'other progs', numeric: true },
  { key: 'skipped', header: 'skipped', numeric: true },
];

export function coverage(db: Db): Row[] {
  return db
    .prepare(`SELECT path AS source, coalesce(format, '') AS format, lines, lines_recognised AS recognised,
      lines_foreign AS "foreign", lines_skipped AS skipped FROM sources ORDER BY id`)
    .all() as Row[];
}
