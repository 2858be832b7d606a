// docs/fleet.md's roles, made by its own SQL: the ingest role can do what a
// host's cron runs, the report role what the central one runs, and no more.

import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, inject, it } from 'vitest';
import { cli, describeWithPostgres, freshPostgresDatabase, SAMPLES, tempDir } from './helpers.js';

const ROOT = join(import.meta.dirname, '..');

/** The doc's one SQL block, for the roles and database names given: roles belong to the whole cluster, which other tests share. */
function rolesSql(names: { database: string; owner: string; ingest: string; report: string }): string {
  const blocks = [...readFileSync(join(ROOT, 'docs', 'fleet.md'), 'utf8').matchAll(/^```sql\n([\s\S]*?)^```$/gm)];
  expect(blocks).toHaveLength(1);
  return blocks[0][1]
    .replace(/\bmaillog_(owner|ingest|report)\b/g, (_, role: 'owner' | 'ingest' | 'report') => names[role])
    .replace(/\bmaillog\b/g, names.database);
}

/** psql as the doc runs it (a file or a statement, psql variables, the password from PGPASSWORD), stopping at the first error: its rows, unaligned. */
function psql(user: string, password: string, database: string, sql: { file: string } | { command: string }, variables: Record<string, string> = {}): string {
  const { binDir, socketDir, port } = inject('postgres')!;
  const args = ['--no-psqlrc', '--quiet', '--tuples-only', '--no-align', '--set=ON_ERROR_STOP=1', '--host', socketDir, '--port', String(port),
    '--username', user, '--dbname', database, ...('file' in sql ? ['--file', sql.file] : ['--command', sql.command])];
  for (const [name, value] of Object.entries(variables)) args.push(`--set=${name}=${value}`);
  const result = spawnSync(join(binDir, 'psql'), args, { env: { ...process.env, PGPASSWORD: password, PGPASSFILE: '/dev/null' }, encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout.trim();
}

describeWithPostgres('the fleet roles of docs/fleet.md', () => {
  const suffix = randomBytes(6).toString('hex');
  const roles = { owner: `owner_${suffix}`, ingest: `ingest_${suffix}`, report: `report_${suffix}` };
  // Characters a URL would have to escape: the password goes in PGPASSWORD, as the doc says.
  const passwords = { owner: `o/${randomBytes(8).toString('hex')}@`, ingest: `i:${randomBytes(8).toString('hex')}%`, report: `r?${randomBytes(8).toString('hex')}` };
  let urlFor: (role: keyof typeof roles) => string;
  let asSuperuser: (command: string) => string;
  const as = (role: keyof typeof roles, args: string[]) => cli([...args, '--db', urlFor(role)], { env: { PGPASSWORD: passwords[role] } });

  beforeAll(async () => {
    const superuserUrl = await freshPostgresDatabase();
    const database = decodeURIComponent(new URL(superuserUrl).pathname.slice(1));
    const { socketDir, password } = inject('postgres')!;
    asSuperuser = (command) => psql('postgres', password, database, { command });
    urlFor = (role) => `postgres://${roles[role]}@localhost/${database}?host=${encodeURIComponent(socketDir)}`;
    const file = join(tempDir(true), 'roles.sql');
    writeFileSync(file, rolesSql({ database, ...roles }));
    psql('postgres', password, database, { file }, { owner_password: passwords.owner, ingest_password: passwords.ingest, report_password: passwords.report });
    psql(roles.owner, passwords.owner, database, { file: join(ROOT, 'schema.postgres.sql') });
    // What the tests below read, read again as a host's next cron run would; an ingest says what it did on stderr.
    expect(as('ingest', ['ingest', '--host', 'mx1.example.net', join(SAMPLES, 'postfix')])).toEqual({
      status: 0,
      stdout: '',
      stderr: expect.stringMatching(/^ingested 5 files: 2678 lines .*, 390 failures, 267 deliveries/),
    });
    expect(as('ingest', ['ingest', '--host', 'mx1.example.net', join(SAMPLES, 'postfix')])).toEqual({ status: 0, stdout: '', stderr: 'nothing new in 5 files\n' });
  });

  it('lets the report role read every report, check, status and export', () => {
    const byHost = as('report', ['report', '--by', 'host', '--format', 'csv']);
    // The parse coverage goes to stderr; a refused read would be there too, with exit 2.
    expect(byHost.status).toBe(0);
    expect(byHost.stdout).toMatch(/^mail1,\d+,/m);
    const checked = as('report', ['check', '--since', '2026-11-22', '--until', '2026-11-22', '--tz', 'UTC']);
    expect(checked.stderr).toBe('');
    expect([0, 3]).toContain(checked.status);
    const status = as('report', ['status']);
    expect(status).toMatchObject({ status: 0, stderr: '' });
    expect(status.stdout).toMatch(/^events: +390 from /m);
    const exported = as('report', ['export', '--format', 'csv']);
    expect(exported).toMatchObject({ status: 0, stderr: '' });
    expect(exported.stdout.trimEnd().split('\n')).toHaveLength(1 + 390);
    const metrics = as('report', ['metrics']);
    expect(metrics).toMatchObject({ status: 0, stderr: '' });
    expect(metrics.stdout).toMatch(/^maillog_failures_total\{host="mail1",mta="postfix",/m);
  });

  it('gives the ingest role rows only, and the report role reading only', () => {
    const tables = "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v')";
    const rights = (role: string) => asSuperuser(`SELECT DISTINCT privilege
      FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) AS privilege, (SELECT c.oid ${tables}) AS t
      WHERE has_table_privilege('${role}', t.oid, privilege) ORDER BY 1`);
    expect(rights(roles.ingest).split('\n')).toEqual(['DELETE', 'INSERT', 'SELECT', 'UPDATE']);
    expect(rights(roles.report).split('\n')).toEqual(['SELECT']);
    // Those are rights on some table: each role reads every one.
    const unread = (role: string) => asSuperuser(`SELECT count(*) ${tables} AND NOT has_table_privilege('${role}', c.oid, 'SELECT')`);
    expect([unread(roles.ingest), unread(roles.report)]).toEqual(['0', '0']);
    expect(asSuperuser(`SELECT has_schema_privilege('${roles.ingest}', 'public', 'CREATE'), has_schema_privilege('${roles.report}', 'public', 'CREATE')`)).toBe('f|f');
  });

  it('refuses the report role a write, in one line and exit 2', () => {
    expect(as('report', ['ingest', '--host', 'mx2.example.net', join(SAMPLES, 'exim')])).toEqual({
      status: 2,
      stdout: '',
      stderr: expect.stringMatching(/^maillog: PostgreSQL: permission denied for table \w+ \(the role lacks a right maillog needs: see docs\/fleet\.md\)\n$/),
    });
  });

  // Last: it deletes the events the tests above read.
  it("lets the ingest role add another host's logs and delete old events", () => {
    // The postfix samples' 390 events and the exim samples' 79 just stored: all are from November 2026.
    const pruned = as('ingest', ['ingest', '--host', 'mx2.example.net', '--keep-events', '1d', join(SAMPLES, 'exim')]);
    expect(pruned.status).toBe(0);
    expect(pruned.stderr).toMatch(/^deleted 469 events older than 1 day/m);
    expect(as('report', ['status']).stdout).toMatch(/^events: +0$/m);
  });
});
