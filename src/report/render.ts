// Output of tables: aligned text that fits 80 columns, RFC 4180 CSV, JSON.

import { stringify } from 'csv-stringify/sync';
import type { Column, Row } from './breakdown.js';

export const TABLE_WIDTH = 80;
const GAP = '  ';

/**
 * Spreadsheets run cells that start with these as formulas, also behind
 * leading blanks (which they trim) and in the full-width forms they fold.
 */
const FORMULA_START = /^(?:[\t\r]|\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;

export function neutralise(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Options for csv-stringify: RFC 4180 quoting, CRLF, formula neutralising. */
export const CSV_OPTIONS = {
  record_delimiter: 'windows',
  // With a record delimiter set, csv-stringify quotes only that exact sequence;
  // a lone CR or LF must be quoted too, or readers split the row there.
  quote_record_delimiter: true,
  cast: { string: neutralise },
} as const;

export function formatCell(column: Column, value: Row[string]): string {
  if (value === null || value === undefined || value === '') return column.blank ?? '';
  if (column.key === 'share' || column.key === 'failure_rate') return `${(Number(value) * 100).toFixed(1)}%`;
  return String(value);
}

function clip(text: string, width: number, from: Column['clip'] = 'end'): string {
  if (text.length <= width) return text;
  if (from === 'domain') return shortenDomain(text, width);
  return from === 'start' ? `…${text.slice(text.length - width + 1)}` : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/**
 * Second-level labels under which country registries sell names (example.co.uk,
 * example.com.vn). A short list of the common ones rather than the whole
 * Public Suffix List: a name under one of them loses a label less.
 */
const SECOND_LEVEL = new Set(['ac', 'co', 'com', 'edu', 'gov', 'mil', 'net', 'org', 'or', 'ne', 'go', 'gob', 'ltd', 'plc', 'nic', 'int', 'info', 'biz', 'name']);

/**
 * The name a domain was registered as: its last two labels, or its last three
 * under a two-letter country code whose second level is in SECOND_LEVEL.
 */
export function registeredDomain(domain: string): string {
  const labels = domain.split('.');
  const [second, top] = labels.slice(-2).map((l) => l.toLowerCase());
  const under = labels.length > 2 && top.length === 2 && SECOND_LEVEL.has(second) ? 3 : 2;
  return labels.slice(-under).join('.');
}

/**
 * A domain shortened to `width` in the middle, `mail.very-long…example.com`:
 * the start says which host, the registered domain whose it is, and that is
 * never cut (unless `width` leaves it no room: then it keeps its end).
 */
export function shortenDomain(domain: string, width: number): string {
  if (domain.length <= width) return domain;
  const registered = registeredDomain(domain);
  const start = width - registered.length - 1;
  return start > 0 ? `${domain.slice(0, start)}…${registered}` : `…${domain.slice(domain.length - width + 1)}`;
}

/** A cell as a text table shows it, on one line. */
function cellText(column: Column, row: Row): string {
  const text = formatCell(column, row[column.key]);
  return (column.show ? column.show(text) : text).replace(/\s+/g, ' ');
}

/** Text table, numbers right-aligned; the widest text columns are clipped to fit `width`. */
export function renderTable(allColumns: Column[], rows: Row[], width = TABLE_WIDTH): string {
  const blank = (c: Column) => rows.every((row) => formatCell(c, row[c.key]) === (c.blank ?? ''));
  const columns = allColumns.filter((c) => !c.tableHidden && !(c.hiddenWhenBlank && blank(c)));
  const cells = rows.map((row) => columns.map((c) => cellText(c, row)));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i].length)));
  // A domain column keeps room for each registered domain and a character of the name before it.
  const floors = columns.map((c, i) => Math.max(c.minWidth ?? 8, ...(c.clip === 'domain' ? cells.map((r) => Math.min(r[i].length, registeredDomain(r[i]).length + 2)) : [])));
  const budget = width - GAP.length * (columns.length - 1);
  // Shrink the widest text column one character at a time until the table fits.
  while (widths.reduce((a, b) => a + b, 0) > budget) {
    let widest = -1;
    columns.forEach((c, i) => {
      if (!c.numeric && widths[i] > floors[i] && (widest === -1 || widths[i] > widths[widest])) widest = i;
    });
    if (widest === -1) break;
    widths[widest]--;
  }
  const line = (values: string[]) =>
    values
      .map((v, i) => {
        const text = clip(v, widths[i], columns[i].clip);
        return columns[i].numeric ? text.padStart(widths[i]) : text.padEnd(widths[i]);
      })
      .join(GAP)
      .trimEnd();
  return [line(columns.map((c) => c.header)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n') + '\n';
}

/**
 * A table with one long text column (`below`, such as an example reply) that
 * is shown under each row instead of beside it: there it has the whole width
 * but an indent, and is clipped only at the end of the line.
 */
export function renderWithTextBelow(columns: Column[], rows: Row[], below: string, width = TABLE_WIDTH): string {
  const column = columns.find((c) => c.key === below);
  if (!column) return renderTable(columns, rows, width);
  const [header, rule, ...lines] = renderTable(columns.filter((c) => c !== column), rows, width).trimEnd().split('\n');
  const indent = '    ';
  const text = rows.map((row) => `${indent}${clip(cellText(column, row), width - indent.length)}`);
  return [header, rule, ...lines.flatMap((line, i) => [line, text[i]])].join('\n') + '\n';
}

export function renderCsv(columns: Column[], rows: Row[]): string {
  return stringify(
    rows.map((row) => columns.map((c) => row[c.key] ?? '')),
    { ...CSV_OPTIONS, header: true, columns: columns.map((c) => c.key) },
  );
}

/** Text wrapped at word boundaries to fit `width`, each line starting with `indent`. */
export function wrapText(text: string, indent: string, width = TABLE_WIDTH): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(indent + line);
  return lines.join('\n');
}
