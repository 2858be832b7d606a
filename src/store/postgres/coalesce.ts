// Consecutive upserts of one statement, as one statement of many rows: the
// store writes a count or a failed message a row at a time, and PostgreSQL
// pays for each statement far more than for each row. Rows are merged only
// while their keys differ (PostgreSQL refuses to update a row twice in one
// statement), and never reordered, so the result is that of the single rows.

import type { StatementCall } from './protocol.js';

/** PostgreSQL's limit on the parameters of one statement. */
const MAX_PARAMS = 65_535;
const MAX_ROWS = 1000;

interface Shape {
  head: string;
  table: string;
  columns: string[];
  /** The VALUES tuple's elements: `$n` or a literal. */
  tuple: string[];
  tail: string;
}

// One row of values without nested parentheses, then ON CONFLICT ... DO UPDATE with no parameter of its own.
const UPSERT = /^(\s*INSERT\s+INTO (\w+)\s*\(([^()]*)\)\s*VALUES\s*)\(([^()]*)\)(\s*ON CONFLICT ON CONSTRAINT \w+ DO UPDATE [^$]*)$/i;

const shapes = new Map<string, Shape | null>();

function shapeOf(text: string): Shape | null {
  let shape = shapes.get(text);
  if (shape === undefined) {
    const m = UPSERT.exec(text);
    shape = m && { head: m[1]!, table: m[2]!, columns: m[3]!.split(',').map((c) => c.trim()), tuple: m[4]!.split(',').map((e) => e.trim()), tail: m[5]! };
    shapes.set(text, shape);
  }
  return shape;
}

/**
 * The calls with each run of consecutive same upserts merged, and for each
 * call sent, how many of the given ones it stands for.
 */
export function coalesceUpserts(calls: StatementCall[], keyColumns: (table: string) => string[]): { calls: StatementCall[]; members: number[] } {
  const out: StatementCall[] = [];
  const members: number[] = [];
  for (let i = 0; i < calls.length; ) {
    const shape = shapeOf(calls[i]!.text);
    if (shape === null) {
      out.push(calls[i++]!);
      members.push(1);
      continue;
    }
    const key = keyColumns(shape.table).map((column) => shape.tuple[shape.columns.indexOf(column)]!);
    const perRow = calls[i]!.params.length;
    const limit = Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / Math.max(perRow, 1)));
    const seen = new Set<string>();
    const rows: StatementCall[] = [];
    const text = calls[i]!.text;
    while (i < calls.length && calls[i]!.text === text && rows.length < limit) {
      const params = calls[i]!.params;
      const k = key.map((element) => (element.startsWith('$') ? String(params[Number(element.slice(1)) - 1]) : element)).join('\u0001');
      if (seen.has(k)) break;
      seen.add(k);
      rows.push(calls[i++]!);
    }
    if (rows.length === 1) out.push(rows[0]!);
    else {
      const tuples = rows.map((_, r) => `(${shape.tuple.map((e) => (e.startsWith('$') ? `$${Number(e.slice(1)) + r * perRow}` : e)).join(', ')})`);
      out.push({ text: `${shape.head}${tuples.join(', ')}${shape.tail}`, params: rows.flatMap((r) => r.params), raw: false });
    }
    members.push(rows.length);
  }
  return { calls: out, members };
}
