// A PostgreSQL database behind the same synchronous calls the store makes of
// SQLite (store/database.ts's Db): prepared statements, exec, transactions.
// Statements are translated once (dialect.ts) and run by the PostgreSQL
// thread (worker.ts), waited for here. Writes whose result nobody reads are
// held and sent in batches; anything that reads sends them first, so every
// read sees every write before it, as with SQLite.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createSyncFn } from 'synckit';
import { packageFile } from '../../package.js';
import { toPostgres, type Translated } from './dialect.js';
import type { ConnectOptions, Request, Response, StatementCall, StatementResult } from './protocol.js';

/** Writes held before they are sent: enough to pipeline well, few enough to hold little. */
const HELD_WRITES = 2000;
/** Rows a cursor fetches at a time. */
const CURSOR_ROWS = 2000;

function workerPath(): string {
  const beside = fileURLToPath(new URL('./worker.js', import.meta.url));
  // Run from the TypeScript sources (the tests), the compiled thread is the one to start.
  return existsSync(beside) ? beside : packageFile('dist/src/store/postgres/worker.js');
}

let send: ((request: Request) => Response) | null = null;
function ask(request: Request): Response {
  send ??= createSyncFn<(request: Request) => Promise<Response>>(workerPath());
  return send(request);
}

interface Held {
  call: StatementCall;
  result: StatementResult | null;
}

export interface RunResult {
  readonly changes: number;
  readonly lastInsertRowid: number;
}

export class PostgresDatabase {
  readonly engine = 'postgres' as const;
  readonly open = true;
  private readonly id: number;
  private held: Held[] = [];
  private depth = 0;
  private cursors = 0;
  private waitMs: number;

  /**
   * @param name the URL without its password, for messages
   * @param connection `texts` commits each statement at once (worker.ts)
   */
  private constructor(
    readonly name: string,
    id: number,
    waitMs: number,
    private readonly connection: 'run' | 'texts' = 'run',
  ) {
    this.id = id;
    this.waitMs = waitMs;
  }

  static connect(name: string, options: ConnectOptions, waitMs: number): PostgresDatabase {
    return new PostgresDatabase(name, ask({ op: 'connect', options }).id!, waitMs);
  }

  /** The same database, through the connection that commits each statement at once. */
  outsideRun(): PostgresDatabase {
    return new PostgresDatabase(this.name, this.id, this.waitMs, 'texts');
  }

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  prepare(sql: string): PostgresStatement {
    return new PostgresStatement(this, toPostgres(sql));
  }

  exec(sql: string): this {
    const { text } = toPostgres(sql);
    this.batch([{ text, params: [], raw: false }]);
    // Only ingest's own BEGIN, COMMIT and ROLLBACK are sent as text; transaction() counts its own.
    if (/^\s*BEGIN\b/i.test(sql)) this.depth++;
    else if (/^\s*(COMMIT|ROLLBACK)\s*;?\s*$/i.test(sql)) this.depth = 0;
    return this;
  }

  transaction<R>(fn: () => R): { (): R; immediate(): R } {
    const run = (): R => {
      const outer = this.depth === 0;
      this.exec(outer ? 'BEGIN' : `SAVEPOINT nested_${this.depth}`);
      if (!outer) this.depth++;
      try {
        const result = fn();
        this.exec(outer ? 'COMMIT' : `RELEASE nested_${--this.depth}`);
        return result;
      } catch (error) {
        if (outer) this.exec('ROLLBACK');
        else this.exec(`ROLLBACK TO nested_${--this.depth}`);
        throw error;
      }
    };
    return Object.assign(run, { immediate: run });
  }

  /** SQLite's settings: only how long a writer waits means anything here. */
  pragma(source: string, _options?: { simple?: boolean }): unknown {
    if (/^\s*busy_timeout\s*$/.test(source)) return this.waitMs;
    const set = /^\s*busy_timeout\s*=\s*(\d+)\s*$/.exec(source);
    if (set) this.waitMs = Number(set[1]);
    return undefined;
  }

  function(name: string): this {
    throw new Error(`SQL function ${name}: PostgreSQL runs no JavaScript; schema.postgres.sql defines the store's functions`);
  }

  close(): void {
    if (this.connection === 'texts') return;
    try {
      this.flush();
    } finally {
      ask({ op: 'end', id: this.id });
    }
  }

  /** Holds a write; sends the held ones when there are enough. */
  hold(call: StatementCall): Held {
    const held: Held = { call, result: null };
    this.held.push(held);
    if (this.held.length >= HELD_WRITES) this.flush();
    return held;
  }

  /** Sends the held writes, and waits for them. */
  flush(): void {
    if (this.held.length === 0) return;
    const held = this.held;
    this.held = [];
    const results = ask({ op: 'batch', id: this.id, connection: this.connection, calls: held.map((h) => h.call) }).results!;
    held.forEach((h, i) => (h.result = results[i]!));
  }

  /** Runs `calls` after the held writes, and returns their results. */
  batch(calls: StatementCall[]): StatementResult[] {
    const held = this.held;
    this.held = [];
    const all = [...held.map((h) => h.call), ...calls];
    const results = ask({ op: 'batch', id: this.id, connection: this.connection, calls: all }).results!;
    held.forEach((h, i) => (h.result = results[i]!));
    return results.slice(held.length);
  }

  *cursor(call: StatementCall): Generator<unknown> {
    this.flush();
    const cursor = ++this.cursors;
    ask({ op: 'open', id: this.id, cursor, call, size: CURSOR_ROWS });
    let done = false;
    try {
      for (;;) {
        const rows = ask({ op: 'more', id: this.id, cursor }).rows!;
        if (rows.length === 0) {
          done = true;
          return;
        }
        yield* rows;
      }
    } finally {
      if (!done) ask({ op: 'shut', id: this.id, cursor });
    }
  }
}

export class PostgresStatement {
  private plucked = false;
  private rawRows = false;
  private readonly write: boolean;

  constructor(
    private readonly db: PostgresDatabase,
    private readonly sql: Translated,
  ) {
    this.write = /^\s*(INSERT|UPDATE|DELETE)\b/i.test(sql.text) && !/\bRETURNING\b/i.test(sql.text);
  }

  pluck(toggle = true): this {
    this.plucked = toggle;
    return this;
  }

  raw(toggle = true): this {
    this.rawRows = toggle;
    return this;
  }

  private call(params: unknown[]): StatementCall {
    let values = params.length === 1 && Array.isArray(params[0]) ? (params[0] as unknown[]) : params;
    if (this.sql.names !== null) {
      const named = (values[0] ?? {}) as Record<string, unknown>;
      values = this.sql.names.map((name) => named[name] ?? null);
    }
    return { text: this.sql.text, params: values.map((v) => (v === undefined ? null : v)), raw: this.plucked || this.rawRows };
  }

  private shape(row: unknown): unknown {
    return this.plucked ? (row as unknown[])[0] : row;
  }

  run(...params: unknown[]): RunResult {
    const call = this.call(params);
    if (this.write) {
      const held = this.db.hold(call);
      const db = this.db;
      return {
        get changes() {
          if (held.result === null) db.flush();
          return held.result!.count;
        },
        get lastInsertRowid(): number {
          throw new Error('PostgreSQL statements say what they inserted with RETURNING');
        },
      };
    }
    const [result] = this.db.batch([call]);
    return { changes: result!.count, lastInsertRowid: 0 };
  }

  get(...params: unknown[]): unknown {
    const [result] = this.db.batch([this.call(params)]);
    const row = result!.rows[0];
    return row === undefined ? undefined : this.shape(row);
  }

  all(...params: unknown[]): unknown[] {
    const [result] = this.db.batch([this.call(params)]);
    return this.plucked ? result!.rows.map((row) => (row as unknown[])[0]) : result!.rows;
  }

  *iterate(...params: unknown[]): Generator<unknown> {
    for (const row of this.db.cursor(this.call(params))) yield this.shape(row);
  }
}
