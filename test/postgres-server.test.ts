// The throwaway PostgreSQL cluster is what the PostgreSQL tests stand on:
// each database they get must be new, empty, their own, and reached only
// with the right password.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, inject, it } from 'vitest';
import { describeWithPostgres, freshPostgresDatabase } from './helpers.js';
import { startPostgres } from './postgres-server.js';

/** psql on a URL, one statement, unaligned rows; never prompts, and takes its password from the URL only. */
function psql(url: string, sql: string): { status: number | null; stdout: string; stderr: string } {
  const { PGPASSWORD: _, ...env } = process.env;
  const result = spawnSync(join(inject('postgres')!.binDir, 'psql'), ['--no-psqlrc', '--no-password', '--tuples-only', '--no-align', '--command', sql, url], {
    env: { ...env, PGPASSFILE: '/dev/null' },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr };
}

/** Whether a process runs: one that has exited is still listed, as a zombie, until its new parent reaps it. */
function running(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

describeWithPostgres('the throwaway PostgreSQL cluster', () => {
  it('gives a database that its URL reaches and that holds no table', async () => {
    const url = await freshPostgresDatabase();
    expect(psql(url, 'SELECT 1')).toEqual({ status: 0, stdout: '1', stderr: '' });
    expect(psql(url, "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')").stdout).toBe('0');
  });

  it('refuses a wrong password', async () => {
    const url = await freshPostgresDatabase();
    const { password } = inject('postgres')!;
    const wrong = url.replace(encodeURIComponent(password), 'not-the-password');
    expect(wrong).not.toBe(url);
    const refused = psql(wrong, 'SELECT 1');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('password authentication failed for user "postgres"');
  });

  it('gives each call a database of its own', async () => {
    const [first, second] = [await freshPostgresDatabase(), await freshPostgresDatabase()];
    expect(psql(first, 'SELECT current_database()').stdout).not.toBe(psql(second, 'SELECT current_database()').stdout);
    expect(psql(first, 'CREATE TABLE only_here (n integer)').status).toBe(0);
    expect(psql(second, "SELECT count(*) FROM pg_tables WHERE tablename = 'only_here'").stdout).toBe('0');
  });

  it('listens on its socket only, on no TCP address', async () => {
    expect(psql(await freshPostgresDatabase(), 'SHOW listen_addresses')).toMatchObject({ status: 0, stdout: '' });
  });

  it('stops its server and removes its directory', async () => {
    const server = await startPostgres();
    const pid = Number(readFileSync(join(server.socketDir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(psql(await server.createDatabase('stopped'), 'SELECT 1').stdout).toBe('1');
    expect(running(pid)).toBe(true);
    await server.stop();
    expect(existsSync(server.socketDir)).toBe(false);
    expect(running(pid)).toBe(false);
  });
});
