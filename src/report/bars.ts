// Compact text bars for the traffic and delay tables: one character per
// share of the widest row, so a busy hour and a quiet one read at a glance
// in a terminal, with no chart to open. Text tables only; CSV and JSON keep
// the numbers.

import type { Column, Row } from './breakdown.js';
import { formatCell, renderTable, TABLE_WIDTH } from './render.js';

/** The narrowest bar worth drawing, and the widest worth reading. */
const MIN_BAR = 10;
const MAX_BAR = 40;

export const BAR_KEY = 'bar';

/** Characters for `value` of `widest` in `width`; anything above 0 gets at least one, so a single failure shows. */
function scaled(value: number, widest: number, width: number): number {
  return value > 0 ? Math.max(1, Math.round((value * width) / widest)) : 0;
}

/**
 * A bar of `parts` in order (each a count and its character), scaled so
 * that a row whose parts sum to `widest` fills `width`. The parts share the
 * row's length, so a part is never drawn longer than the row.
 */
export function bar(parts: readonly [count: number, char: string][], widest: number, width: number): string {
  const total = parts.reduce((sum, [n]) => sum + n, 0);
  let left = scaled(total, widest, width);
  let text = '';
  parts.forEach(([n, char], i) => {
    const after = parts.slice(i + 1).filter(([m]) => m > 0).length;
    const length = i === parts.length - 1 ? left : Math.min(left - after, scaled(n, widest, width));
    text += char.repeat(Math.max(0, length));
    left -= Math.max(0, length);
  });
  return text;
}

/**
 * A text table with a bar column at its right, as wide as the other columns
 * leave of 80 (at least MIN_BAR): `parts` gives each row's parts.
 */
export function renderBarTable(columns: Column[], rows: Row[], parts: (row: Row) => [number, string][], header = ''): string {
  const shown = columns.filter((c) => !c.tableHidden);
  const cell = (c: Column, r: Row) => {
    const text = formatCell(c, r[c.key]);
    return c.show ? c.show(text) : text;
  };
  const widths = shown.map((c) => rows.reduce((w, r) => Math.max(w, cell(c, r).length), c.header.length));
  const used = widths.reduce((a, b) => a + b, 0) + 2 * shown.length;
  const width = Math.min(MAX_BAR, Math.max(MIN_BAR, TABLE_WIDTH - used));
  const widest = rows.reduce((w, r) => Math.max(w, parts(r).reduce((sum, [n]) => sum + n, 0)), 1);
  const withBars = rows.map((r) => ({ ...r, [BAR_KEY]: bar(parts(r), widest, width) }));
  return renderTable([...columns, { key: BAR_KEY, header, numeric: false }], withBars);
}
