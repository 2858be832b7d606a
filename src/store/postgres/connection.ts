// A PostgreSQL database behind the same synchronous calls the store makes of
// SQLite (store/database.ts's Db): prepared statements, exec, transactions.
// Statements are translated once (dialect.ts) and run by the PostgreSQL
// thread (worker.ts), waited for here. Writes whose result nobody reads are
// held and sent in batches; anything that reads sends them first, so every
// read sees every write before it, as with SQLite.

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { packageFile } from '../../package.js';
import { toPostgres, type Translated } from './dialect.js';
import { coalesceUpserts } from './coalesce.js';
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
  if (send === null) {
    // Loaded when PostgreSQL is first used: loading it takes longer than a whole SQLite report.
    const { createSyncFn } = createRequire(import.meta.url)('synckit') as typeof import('synckit');
    send = createSyncFn<(request: Request) => Promise<Response>>(workerPath());
  }
  return send(request);
}

/**
 * A text's id before PostgreSQL has given it (store/interned.ts): written in
 * place of the id and replaced by it when the statements are sent. New texts
 * are then stored all at once, in one round trip, not one each.
 */
export class PendingText {
  id: number | null = null;
  constructor(
    readonly value: string,
    /** For a diagnostic: the hash it is found by and its fingerprint; a short text has none. */
    readonly diagnostic: { hash: number; fingerprint: string } | null = null,
  ) {}
}

/** The texts both connections of a database wait to have stored. */
interface PendingTexts {
  strings: PendingText[];
  diagnostics: PendingText[];
}

// One statement stores a batch of texts and gives every id, found or new.
const STORE_STRINGS = `WITH input AS (SELECT DISTINCT unnest($1::text[]) AS value),
  found AS (SELECT s.id, s.value FROM strings s JOIN input USING (value)),
  added AS (INSERT INTO strings (value) SELECT value FROM input WHERE value NOT IN (SELECT value FROM found)
    ON CONFLICT (value) DO UPDATE SET value = excluded.value RETURNING id, value)
  SELECT id, value FROM found UNION ALL SELECT id, value FROM added`;
// A text stored with another fingerprint takes the one given, as store/interned.ts does.
const STORE_DIAGNOSTICS = `WITH input AS (SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[]) AS i (hash, fingerprint, text)),
  found AS (SELECT min(d.id) AS id, d.hash, d.text FROM diagnostics d JOIN input i ON d.hash = i.hash AND d.text = i.text GROUP BY d.hash, d.text),
  refingerprinted AS (UPDATE diagnostics d SET fingerprint = i.fingerprint FROM input i, found f
    WHERE d.id = f.id AND f.hash = i.hash AND f.text = i.text AND d.fingerprint <> i.fingerprint),
  added AS (INSERT INTO diagnostics (hash, fingerprint, text) SELECT hash, fingerprint, text FROM input i
    WHERE NOT EXISTS (SELECT 1 FROM found f WHERE f.hash = i.hash AND f.text = i.text) RETURNING id, text)
  SELECT id, text FROM found UNION ALL SELECT id, text FROM added`;

const KEY_COLUMNS = `SELECT c.relname, a.attname FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
  JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
  WHERE i.indisprimary AND c.relnamespace = to_regnamespace(current_schema())`;

/** The result of a write sent without waiting: none is known. */
const DETACHED: StatementResult = { rows: [], count: Number.NaN };

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
  /** Each table's primary key columns, asked once. */
  private keys: Map<string, string[]> | null = null;
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
    private readonly pending: PendingTexts = { strings: [], diagnostics: [] },
  ) {
    this.id = id;
    this.waitMs = waitMs;
  }

  static connect(name: string, options: ConnectOptions, waitMs: number): PostgresDatabase {
    return new PostgresDatabase(name, ask({ op: 'connect', options }).id!, waitMs);
  }

  /** The same database, through the connection that commits each statement at once. */
  outsideRun(): PostgresDatabase {
    return new PostgresDatabase(this.name, this.id, this.waitMs, 'texts', this.pending);
  }

  /** A text of `strings` to store, its id known when statements naming it are sent. */
  pendingString(value: string): PendingText {
    const text = new PendingText(value);
    this.pending.strings.push(text);
    return text;
  }

  /** A diagnostic to store, as pendingString. */
  pendingDiagnostic(text: string, hash: number, fingerprint: string): PendingText {
    const pending = new PendingText(text, { hash, fingerprint });
    this.pending.diagnostics.push(pending);
    return pending;
  }

  /** Stores the pending texts, on the connection that commits at once, and learns their ids. */
  private storeTexts(): void {
    const { strings, diagnostics } = this.pending;
    if (strings.length === 0 && diagnostics.length === 0) return;
    this.pending.strings = [];
    this.pending.diagnostics = [];
    const calls: StatementCall[] = [];
    if (strings.length > 0) calls.push({ text: STORE_STRINGS, params: [strings.map((s) => s.value)], raw: true });
    if (diagnostics.length > 0) {
      const d = diagnostics.map((p) => p.diagnostic!);
      calls.push({ text: STORE_DIAGNOSTICS, params: [d.map((x) => x.hash), d.map((x) => x.fingerprint), diagnostics.map((p) => p.value)], raw: true });
    }
    const results = ask({ op: 'batch', id: this.id, connection: 'texts', calls }).results!;
    let at = 0;
    for (const list of [strings, diagnostics]) {
      if (list.length === 0) continue;
      const ids = new Map((results[at++]!.rows as [number, string][]).map(([id, value]) => [value, id]));
      for (const text of list) text.id = ids.get(text.value)!;
    }
  }

  /**
   * Sends the calls and returns each one's result. Consecutive upserts of
   * one statement become one statement of many rows (coalesce.ts): a
   * night's thousands of counts and failed messages cost a few statements.
   */
  private send(calls: StatementCall[]): StatementResult[] {
    const { calls: sent, members } = this.coalesced(calls);
    const results = ask({ op: 'batch', id: this.id, connection: this.connection, calls: sent }).results!;
    return members.flatMap((n, i) => [results[i]!, ...new Array<StatementResult>(n - 1).fill({ rows: [], count: 0 })]);
  }

  private coalesced(calls: StatementCall[]) {
    return coalesceUpserts(this.sendable(calls), (table) => this.keyColumns(table));
  }

  /** The columns of a table's primary key, asked once. */
  private keyColumns(table: string): string[] {
    if (this.keys === null) {
      // Every table's at once, on the connection that waits for nothing the run has sent.
      const [result] = ask({ op: 'batch', id: this.id, connection: 'texts', calls: [{ text: KEY_COLUMNS, params: [], raw: true }] }).results!;
      this.keys = new Map();
      for (const [relation, column] of result!.rows as [string, string][]) this.keys.set(relation, [...(this.keys.get(relation) ?? []), column]);
    }
    return this.keys.get(table) ?? [];
  }

  /** The calls to send, each pending text in them replaced by its id. */
  private sendable(calls: StatementCall[]): StatementCall[] {
    this.storeTexts();
    return calls.map((call) => (call.params.some((p) => p instanceof PendingText) ? { ...call, params: call.params.map((p) => (p instanceof PendingText ? p.id : p)) } : call));
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

  /**
   * Holds a write; sends the held ones when there are enough, without
   * waiting for them: PostgreSQL runs them while the run reads on. Only a
   * deletion's count is ever read: held ones with a deletion among them are
   * waited for.
   */
  hold(call: StatementCall): Held {
    const held: Held = { call, result: null };
    this.held.push(held);
    if (this.held.length >= HELD_WRITES) {
      if (this.held.some((h) => /^\s*DELETE\b/i.test(h.call.text))) this.flush();
      else {
        const sent = this.held;
        this.held = [];
        const { calls } = this.coalesced(sent.map((h) => h.call));
        ask({ op: 'batch', id: this.id, connection: this.connection, calls, detached: true });
        for (const h of sent) h.result = DETACHED;
      }
    }
    return held;
  }

  /** Sends the held writes, and waits for them. */
  flush(): void {
    if (this.held.length > 0) this.batch([]);
  }

  /** Runs `calls` after the held writes, and returns their results. */
  batch(calls: StatementCall[]): StatementResult[] {
    const held = this.held;
    this.held = [];
    const all = [...held.map((h) => h.call), ...calls];
    const results = this.send(all);
    held.forEach((h, i) => (h.result = results[i]!));
    return results.slice(held.length);
  }

  *cursor(call: StatementCall): Generator<unknown> {
    this.flush();
    const cursor = ++this.cursors;
    ask({ op: 'open', id: this.id, cursor, call: this.sendable([call])[0]!, size: CURSOR_ROWS });
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
          if (held.result === DETACHED) throw new Error('the count of a write sent without waiting is not known');
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
