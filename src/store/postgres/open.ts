// Opening a PostgreSQL database: connect, say plainly why not, and apply the
// schema to a database that has none yet.

import { UserError } from '../../errors.js';
import { PostgresDatabase } from './connection.js';
import { connectOptions, redacted } from './url.js';
import { SCHEMA_LOCK } from './locks.js';

interface Options {
  readonly?: boolean;
  existing?: boolean;
  waitMs?: number;
}

/** The SQLSTATE classes and connection errors that are the administrator's to fix, said in a line. */
export function connectionProblem(error: unknown, name: string): UserError | null {
  const e = error as { code?: unknown; message?: unknown; errno?: unknown; address?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const message = String(e.message ?? error);
  if (code === 'ECONNREFUSED' || code === 'ENOENT') return new UserError(`cannot connect to ${name}: connection refused (is PostgreSQL running and listening there?)`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new UserError(`cannot connect to ${name}: unknown host`);
  if (code === 'ETIMEDOUT' || code === 'CONNECT_TIMEOUT') return new UserError(`cannot connect to ${name}: no answer in time`);
  if (code === '28P01' || code === '28000') return new UserError(`cannot connect to ${name}: ${message} (check the user and password: PGPASSWORD or the URL)`);
  if (code === '3D000') return new UserError(`cannot connect to ${name}: ${message} (create it first: createdb)`);
  if (code === '42501') return new UserError(`${name}: ${message} (the role lacks a right maillog needs: see docs/fleet.md)`);
  if (code === '25006') return new UserError(`${name}: ${message}`);
  if (code === '55P03' || code === '57014') return new UserError(`${name}: another run holds what this one needs; waited, try again later`);
  if (code.startsWith('08') || code === 'ECONNRESET' || code === 'CONNECTION_CLOSED' || code === 'CONNECTION_ENDED') return new UserError(`${name}: the connection was lost (${message}); nothing of this run was stored`);
  return null;
}

const VERSION = "SELECT value FROM meta WHERE key = 'schema_version'";

function storedVersion(db: PostgresDatabase): number | null {
  const hasMeta = db.prepare("SELECT to_regclass('meta') IS NOT NULL").pluck().get() === 1;
  if (!hasMeta) return null;
  const value = db.prepare(VERSION).pluck().get() as string | undefined;
  return value === undefined ? null : Number(value);
}

/**
 * Connects, and gives a database without a maillog schema the current one.
 * Two hosts' first runs at once: the advisory lock lets one create it, and
 * the other finds it made.
 */
export function openPostgres(url: string, options: Options, schema: string, version: number): PostgresDatabase {
  const name = redacted(url);
  let db: PostgresDatabase | undefined;
  try {
    db = PostgresDatabase.connect(name, connectOptions(url), options.waitMs ?? 10_000);
    let stored = storedVersion(db);
    if (stored === null && !options.readonly && !options.existing) {
      db.transaction(() => {
        db!.prepare('SELECT pg_advisory_xact_lock(?)').get(SCHEMA_LOCK);
        if (storedVersion(db!) !== null) return;
        db!.exec(schema);
      })();
      stored = storedVersion(db);
    }
    if (stored === null) throw new UserError(`${name} holds no maillog data: run 'maillog ingest --db ${name}' first`);
    if (stored > version) throw new UserError(`database schema version ${stored} is newer than this maillog understands (${version}); upgrade maillog`);
    if (stored < version) throw new UserError(`database schema version ${stored} is older than this maillog's (${version}), and PostgreSQL databases have no upgrade from it`);
    if (options.readonly) db.exec('SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY');
    return db;
  } catch (error) {
    try {
      db?.close();
    } catch {
      // Why it could not be opened is the error to report.
    }
    if (error instanceof UserError) throw error;
    throw connectionProblem(error, name) ?? new UserError(`cannot use database ${name}: ${(error as Error).message}`);
  }
}
