// A throwaway PostgreSQL cluster for the tests: its own data directory, a
// Unix socket in it and no TCP port, so it neither needs nor disturbs a
// cluster the machine already runs (Debian's default one included).

import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What a test process needs to reach the cluster; plain data, so vitest can hand it from the global setup to the tests. */
export interface PostgresCluster {
  socketDir: string;
  port: number;
  password: string;
  /** Where the server's own psql and createdb are. */
  binDir: string;
}

export interface PostgresServer extends PostgresCluster {
  url(database: string): string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** null when no PostgreSQL is installed: the tests that need it are skipped. */
    postgres: PostgresCluster | null;
  }
}

export const NOT_INSTALLED = 'PostgreSQL is not installed: no initdb in `pg_config --bindir` nor in /usr/lib/postgresql/*/bin (Debian package postgresql)';

// The default port: libpq's URL then needs none. Clusters on other socket directories do not collide with it.
const PORT = 5432;
const SUPERUSER = 'postgres';

/** The server's programs: pg_config's, else those of the newest version Debian installed side by side. */
export function findPostgresBinaries(): string | undefined {
  const configured = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (configured.status === 0 && existsSync(join(configured.stdout.trim(), 'initdb'))) return configured.stdout.trim();
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? join(root, versions[0], 'bin') : undefined;
}

/** libpq's URL for a database on the socket: the `host` parameter names the socket's directory. */
export function postgresUrl(cluster: PostgresCluster, database: string): string {
  const port = cluster.port === PORT ? '' : `:${cluster.port}`;
  return `postgres://${SUPERUSER}:${encodeURIComponent(cluster.password)}@localhost${port}/${encodeURIComponent(database)}?host=${encodeURIComponent(cluster.socketDir)}`;
}

/** Creates an empty database on the cluster and returns its URL. */
export async function createDatabase(cluster: PostgresCluster, name: string): Promise<string> {
  await run(join(cluster.binDir, 'createdb'), ['--host', cluster.socketDir, '--port', String(cluster.port), '--username', SUPERUSER, '--no-password', name], {
    env: { ...process.env, PGPASSWORD: cluster.password },
  });
  return postgresUrl(cluster, name);
}

// PostgreSQL refuses to run as root: then its programs run as the user Debian's package creates.
const asRoot = process.getuid?.() === 0;
function asOwner(program: string, args: string[]): [string, string[]] {
  return asRoot ? ['runuser', ['-u', SUPERUSER, '--', program, ...args]] : [program, args];
}

/** Runs one of the server's programs as the cluster's owner, in a directory that owner can enter. */
async function runOwned(cwd: string, program: string, args: string[]): Promise<void> {
  const [file, argv] = asOwner(program, args);
  await run(file, argv, { cwd });
}

export async function startPostgres(binDir = findPostgresBinaries()): Promise<PostgresServer> {
  if (binDir === undefined) throw new Error(NOT_INSTALLED);
  const dir = mkdtempSync(join(tmpdir(), 'maillog-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const pwfile = join(dir, 'password');
  // Characters a URL must escape, so every test's URL shows they were.
  const password = `${randomBytes(12).toString('hex')}/+@:%`;
  const cluster: PostgresCluster = { socketDir: dir, port: PORT, password, binDir };
  const pg = (program: string) => join(binDir, program);
  try {
    mkdirSync(data, { mode: 0o700 });
    writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
    if (asRoot) await run('chown', ['-R', `${SUPERUSER}:`, dir]);
    try {
      // The C collation orders text by its bytes, as SQLite's default one does.
      await runOwned(dir, pg('initdb'), ['--pgdata', data, '--username', SUPERUSER, `--pwfile=${pwfile}`, '--auth=scram-sha-256',
        '--encoding=UTF8', '--locale=C', '--no-sync', '--no-instructions']);
    } finally {
      rmSync(pwfile, { force: true });
    }
    // A test's data need not survive a crash of the machine.
    appendFileSync(join(data, 'postgresql.conf'), [
      "listen_addresses = ''",
      `unix_socket_directories = '${dir.replaceAll("'", "''")}'`,
      `port = ${PORT}`,
      'fsync = off',
      'synchronous_commit = off',
      'full_page_writes = off',
      '',
    ].join('\n'));
    await runOwned(dir, pg('pg_ctl'), ['--pgdata', data, '--log', log, '--wait', '--silent', 'start']);
  } catch (error) {
    const serverLog = existsSync(log) ? `\n${readFileSync(log, 'utf8')}` : '';
    // A start that timed out may have left the server running.
    if (existsSync(join(data, 'postmaster.pid'))) await runOwned(dir, pg('pg_ctl'), ['--pgdata', data, '--mode', 'immediate', '--wait', 'stop']).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not start a PostgreSQL cluster in ${dir}: ${(error as Error).message}${serverLog}`);
  }
  return {
    ...cluster,
    url: (database) => postgresUrl(cluster, database),
    createDatabase: (name) => createDatabase(cluster, name),
    async stop() {
      await runOwned(dir, pg('pg_ctl'), ['--pgdata', data, '--mode', 'fast', '--wait', '--silent', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
