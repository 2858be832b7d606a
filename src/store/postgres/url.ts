// `--db postgres://user:password@host:port/dbname?host=/socket/dir&sslmode=require`:
// libpq's URL form, so that the URL psql and Grafana are given works here.
// postgres.js reads the PG* variables (PGHOST, PGUSER, PGPASSWORD, ...) for
// what the URL leaves out.

import { existsSync } from 'node:fs';
import { UserError } from '../../errors.js';
import type { ConnectOptions } from './protocol.js';

const SCHEME = /^postgres(?:ql)?:\/\//i;

/** Whether `--db` names a PostgreSQL database; anything else is an SQLite file (`sqlite:` before its path is allowed). */
export function isPostgresUrl(db: string): boolean {
  return SCHEME.test(db);
}

/** Debian's PostgreSQL listens here: libpq's default, and so ours. */
const DEFAULT_SOCKETS = '/var/run/postgresql';

const URL_PARTS = /^postgres(?:ql)?:\/\/(?:([^:@/]*)(?::([^@/]*))?@)?(\[[^\]]*\]|[^:/?]*)(?::(\d+))?(?:\/([^?]*))?(?:\?(.*))?$/i;

function decode(part: string | undefined, what: string, url: string): string | undefined {
  if (part === undefined || part === '') return undefined;
  try {
    return decodeURIComponent(part);
  } catch {
    throw new UserError(`--db ${redacted(url)}: its ${what} is not properly %-encoded`);
  }
}

/** The URL to show in messages: its password is no one's business. */
export function redacted(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:@/]*:)[^@/]*@/i, '$1***@').replace(/([?&]password=)[^&]*/i, '$1***');
}

export function connectOptions(url: string): ConnectOptions {
  const parts = URL_PARTS.exec(url);
  if (!parts) throw new UserError(`--db ${redacted(url)}: not a PostgreSQL URL (postgres://user@host/dbname)`);
  const [, user, password, hostPart, portPart, dbPart, query] = parts;
  const params = new URLSearchParams(query ?? '');
  const known = new Set(['host', 'port', 'user', 'password', 'dbname', 'sslmode', 'connect_timeout', 'application_name']);
  for (const key of params.keys()) {
    if (!known.has(key)) throw new UserError(`--db ${redacted(url)}: unknown parameter ${key} (known: ${[...known].join(', ')})`);
  }
  const host = params.get('host') ?? decode(hostPart?.replace(/^\[|\]$/g, ''), 'host', url) ?? process.env.PGHOST ?? (existsSync(DEFAULT_SOCKETS) ? DEFAULT_SOCKETS : 'localhost');
  const portText = params.get('port') ?? portPart ?? process.env.PGPORT ?? '5432';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UserError(`--db ${redacted(url)}: port ${portText} is not a port number`);
  const database = params.get('dbname') ?? decode(dbPart, 'database name', url) ?? process.env.PGDATABASE;
  if (!database) throw new UserError(`--db ${redacted(url)}: name the database (postgres://user@host/dbname)`);
  const options: ConnectOptions = { database, port };
  const username = params.get('user') ?? decode(user, 'user', url);
  if (username) options.username = username;
  const pass = params.get('password') ?? decode(password, 'password', url);
  if (pass) options.password = pass;
  if (host.startsWith('/')) options.path = `${host}/.s.PGSQL.${port}`;
  else options.host = host;
  const sslmode = params.get('sslmode');
  if (sslmode === 'require' || sslmode === 'verify-ca' || sslmode === 'verify-full') options.ssl = 'require';
  else if (sslmode === 'prefer') options.ssl = 'prefer';
  else if (sslmode === null || sslmode === 'disable' || sslmode === 'allow') options.ssl = false;
  else throw new UserError(`--db ${redacted(url)}: sslmode ${sslmode} is not one of disable, allow, prefer, require, verify-ca, verify-full`);
  const timeout = params.get('connect_timeout');
  options.connect_timeout = timeout !== null && Number(timeout) > 0 ? Number(timeout) : 10;
  return options;
}
