// Rows inserted many per statement: the cost of a statement call is paid
// once for all of them. Ingest's failures and push's rows go this way.

import type { Db, Statement } from './database.js';

const ROWS_PER_INSERT = 64;

export class BulkInsert {
  private readonly one: Statement;
  private readonly many: Statement;
  /** Values of rows not yet inserted, row after row. */
  private readonly pending: unknown[] = [];
  /** Rows added so far. */
  added = 0;

  /** `replace`: INSERT OR REPLACE, a row of the same key taking the place of the stored one. */
  constructor(
    db: Db,
    table: string,
    private readonly columns: readonly string[],
    replace = false,
  ) {
    const row = `(${columns.map(() => '?').join(', ')})`;
    const insert = `INSERT ${replace ? 'OR REPLACE ' : ''}INTO ${table} (${columns.join(', ')}) VALUES `;
    this.one = db.prepare(insert + row);
    this.many = db.prepare(insert + new Array(ROWS_PER_INSERT).fill(row).join(', '));
  }

  /** One row's values, in the columns' order. */
  add(...values: unknown[]): void {
    for (const value of values) this.pending.push(value);
    this.added++;
    if (this.pending.length === this.columns.length * ROWS_PER_INSERT) {
      this.many.run(this.pending);
      this.pending.length = 0;
    }
  }

  /** Inserts the rows still held. */
  finish(): void {
    for (let i = 0; i < this.pending.length; i += this.columns.length) this.one.run(this.pending.slice(i, i + this.columns.length));
    this.pending.length = 0;
  }

  /** Forgets the rows still held: their transaction was rolled back. */
  clear(): void {
    this.pending.length = 0;
  }
}
