// The default report: failures by cause in three sections, outbound first.
// Mail we could not deliver, our own delivery agents failing, and what our
// server refused call for different people and different actions; mixed in
// one table, the inbound refusals of a busy MX hide the rest.

import type { Direction } from '../../parsers/events.js';
import type { Db } from '../store/database.js';
import { breakdown, type Column, type CountMode, type Row } from './breakdown.js';
import { DIRECTIONS, type Filters } from './filters.js';
import { renderTable, wrapText } from './render.js';
import { plural } from '../output.js';

export interface Section {
  direction: Direction;
  /** Failed messages (or failures) of this direction matching the filters. */
  total: number;
  rows: Row[];
  /** Causes --top left out of this section. */
  leftOut: number;
}

export interface SectionedReport {
  columns: Column[];
  count: CountMode;
  sections: Section[];
  total: number;
}

/** Each direction's failures by cause; `top` limits the rows of each section, not its total. */
export function directionSections(db: Db, filters: Filters, top: number | undefined, counted: CountMode): SectionedReport {
  const parts = DIRECTIONS.map((direction) => ({ direction, ...breakdown(db, ['cause'], { ...filters, direction }, top, counted) }));
  return {
    columns: parts[0].columns,
    count: counted,
    sections: parts.map(({ direction, total, rows, leftOut }) => ({ direction, total, rows, leftOut })),
    total: parts.reduce((a, p) => a + p.total, 0),
  };
}

export const HEADING: Record<Direction, { title: string; refused: boolean; empty: string }> = {
  outbound: { title: 'Outbound (mail we could not deliver)', refused: false, empty: 'Outbound: nothing failed in this period.' },
  local: { title: 'Local (our own delivery: local, virtual, pipe, LMTP)', refused: false, empty: 'Local: nothing failed in this period.' },
  inbound: { title: 'Inbound (what our server refused)', refused: true, empty: 'Inbound: nothing refused in this period.' },
};

/** The line under a table that says how many rows --top left out; nothing when it left none. */
export function leftOutLine(rows: number): string {
  return rows > 0 ? `… and ${rows} more\n` : '';
}

/** "3 failed messages", "1 refusal": what a count counts, in words. */
export function countOf(n: number, counted: CountMode, refused = false): string {
  const noun = counted === 'messages' ? (refused ? 'refused message' : 'failed message') : refused ? 'refusal' : 'failure';
  return plural(n, noun);
}

/** A by-cause table, then what to do about each cause, wrapped to the table's width. */
export function renderCauseTable(columns: Column[], rows: Row[]): string {
  const advice = rows.filter((r) => r.advice).map((r) => `${r.cause}:\n${wrapText(String(r.advice), '  ')}`);
  return `${renderTable(columns, rows)}${advice.length ? `\nWhat to do:\n${advice.join('\n')}\n` : ''}`;
}

export function renderSections(report: SectionedReport): string {
  const parts = report.sections.map((s) => {
    const heading = HEADING[s.direction];
    if (s.total === 0) return `${heading.empty}\n`;
    return `${heading.title}: ${countOf(s.total, report.count, heading.refused)}\n\n${renderCauseTable(report.columns, s.rows)}${leftOutLine(s.leftOut)}`;
  });
  return `${parts.join('\n')}\n${countOf(report.total, report.count)} in all.\n`;
}

/** One RFC 4180 table: the direction column first, then the sections' rows in order. */
export function sectionsAsTable(report: SectionedReport): { columns: Column[]; rows: Row[] } {
  return {
    columns: [{ key: 'direction', header: 'direction', numeric: false }, ...report.columns],
    rows: report.sections.flatMap((s) => s.rows.map((row) => ({ direction: s.direction, ...row }))),
  };
}
