// The same commands on the same logs give the same bytes on PostgreSQL as on
// SQLite; many hosts ingest into one PostgreSQL database at once; a killed
// run leaves it as it was; a database that cannot be reached is one line on
// stderr. Each test has a database of its own on the run's throwaway cluster.

import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, inject, it } from 'vitest';
import { generateBenchLog } from '../benchmarks/bench-log.js';
import { partyHost } from '../src/report/parties.js';
import { cli, describeWithPostgres, freshPostgresDatabase, psql, SAMPLES, tempDir, type CliResult } from './helpers.js';

/** The files `npm start` ingests. */
const BUNDLED = ['postfix/syslog-rfc3164.log', 'exim/mainlog', 'exim/rejectlog', 'qmail/qmail-send.multilog', 'qmail/qmail-smtpd.multilog'].map((f) => join(SAMPLES, f));
const POSTFIX_SAMPLE = join(SAMPLES, 'postfix', 'syslog-rfc3164.log');

// Stamps read in one zone and year whatever the machine's, so both stores read the same times.
const READ = ['--tz', 'UTC', '--year', '2026', '--quiet'];
const CLI = join(import.meta.dirname, '..', 'dist', 'src', 'cli.js');

function ingested(db: string, host: string, files: string[]): void {
  const result = cli(['ingest', '--db', db, '--host', host, ...READ, ...files]);
  expect(result.stderr).not.toMatch(/error|Error/);
  expect(result.status).toBe(0);
}

/** Creates maillog's tables and functions in an empty database, as an administrator would with psql -f. */
function withSchema(url: string): void {
  psql(url, readFileSync(join(import.meta.dirname, '..', 'schema.postgres.sql'), 'utf8'));
}

/** An ingest started without waiting for it: its exit code, or the signal that ended it. */
function started(args: string[]): { pid: number; exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> } {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: tempDir(), env: { ...process.env, MAILLOG_DB: '' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  return { pid: child.pid!, exit: new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal, stderr }))) };
}

/** A copy of the Postfix sample as host `host` logged it. */
function postfixLogOf(host: string, dir: string): string {
  const path = join(dir, `${host}.log`);
  writeFileSync(path, readFileSync(POSTFIX_SAMPLE, 'utf8').replace(/^(\w{3} [ \d]\d \d\d:\d\d:\d\d) vm /gm, `$1 ${host} `));
  return path;
}

/** The same output from both stores: the same exit code, stdout and stderr. */
function expectSame(args: string[], sqlite: string, postgres: string, mask: (text: string) => string = (t) => t): CliResult {
  const fromSqlite = cli([...args, '--db', sqlite]);
  const fromPostgres = cli([...args, '--db', postgres]);
  const shown = (r: CliResult) => ({ status: r.status, stdout: mask(r.stdout), stderr: mask(r.stderr).replaceAll(postgres, '<db>').replaceAll(sqlite, '<db>') });
  expect(shown(fromPostgres)).toEqual(shown(fromSqlite));
  return fromSqlite;
}

// What differs from one store to another by nature: when the run was, how long it took, where and how large the store is.
function masked(text: string): string {
  return text
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g, (stamp) => (stamp.startsWith('2026-11-') ? stamp : '<now>'))
    .replace(/"database": \{[^}]*\}/, '"database": <masked>')
    .replace(/("seconds": )[\d.]+/g, '$1<masked>')
    .replace(/^(maillog_(?:last_ingest_\w+|database_size_bytes)) .*$/gm, '$1 <masked>');
}

const REPORT_BY = ['cause', 'domain', 'day', 'hour', 'host', 'mta', 'outcome', 'direction', 'code', 'reason', 'sender-domain', 'fate', 'delay', 'sender', 'recipient', 'relay', 'client'];
// fate counts messages only.
const FAILURE_BY = REPORT_BY.slice(0, 11);
const PAIRS = ['cause,domain', 'host,cause', 'day,cause', 'code,reason', 'direction,outcome'];
const SAMPLE_DAY = ['--since', '2026-11-22T21:00', '--until', '2026-11-22T21:26', '--tz', 'UTC'];

const SAME_OUTPUT: string[][] = [
  ['report', '--format', 'text'],
  ['report', '--format', 'csv'],
  ['report', '--format', 'json'],
  ...REPORT_BY.map((by) => ['report', '--by', by, '--format', 'csv', '--tz', 'UTC']),
  ...PAIRS.map((by) => ['report', '--by', by, '--format', 'csv', '--tz', 'UTC']),
  ...[...FAILURE_BY, ...PAIRS].map((by) => ['report', '--by', by, '--format', 'csv', '--count', 'attempts', '--tz', 'UTC']),
  ...['day', 'hour', 'day,cause'].map((by) => ['report', '--by', by, '--format', 'csv', '--tz', 'Europe/Paris']),
  ['report', '--by', 'cause', '--host', 'vm', '--format', 'csv'],
  ['report', '--by', 'relay', '--host', 'vm', '--format', 'csv'],
  ['report', '--by', 'domain', '--format', 'csv', ...SAMPLE_DAY],
  ['report', '--by', 'sender', '--format', 'csv', ...SAMPLE_DAY],
  ['report', '--format', 'text', '--tz', 'Europe/Paris', ...SAMPLE_DAY.slice(0, 4)],
  ['report', '--format', 'html', '--tz', 'UTC', '--since', '2026-11-01'],
  ['check', '--since', '2026-11-22', '--until', '2026-11-22', '--tz', 'UTC'],
  ['check', '--since', '2026-11-22', '--until', '2026-11-22', '--tz', 'UTC', '--format', 'json'],
  ['unclassified'],
  ['unclassified', '--format', 'json'],
  ['export', '--format', 'csv'],
  ['export', '--format', 'ndjson'],
  ['export', '--what', 'aggregates', '--format', 'csv'],
  ['export', '--what', 'aggregates', '--format', 'ndjson'],
  ['export', '--fingerprint', '7cbeb5ad', '--format', 'ndjson'],
  ['explain', '550'],
  ['explain', '550 5.7.1', '--format', 'json'],
  ['explain', 'recipient-antispam', '--direction', 'inbound'],
];

describeWithPostgres('the bundled samples in SQLite and in PostgreSQL', () => {
  let sqlite: string;
  let postgres: string;
  beforeAll(async () => {
    sqlite = join(tempDir(true), 'samples.db');
    postgres = await freshPostgresDatabase();
    ingested(sqlite, 'mx1', BUNDLED);
    ingested(postgres, 'mx1', BUNDLED);
  });

  it.each(SAME_OUTPUT.map((args) => [args.join(' '), args]))('give the same %s', (_, args) => {
    const result = expectSame(args, sqlite, postgres);
    // Both stores giving nothing, or the same refusal, would prove nothing; check's text is empty when it finds nothing, its JSON never.
    expect(result.status === 0 || (args[0] === 'check' && result.status === 3)).toBe(true);
    if (!(args[0] === 'check' && !args.includes('json'))) expect(result.stdout.trim()).not.toBe('');
  });

  it('give the same status and metrics, but for when the run was and the store itself', () => {
    const status = expectSame(['status', '--format', 'json'], sqlite, postgres, masked);
    expect(JSON.parse(status.stdout)).toMatchObject({ events: { count: 202 }, last_run: { files: 5, failures: 202 } });
    const metrics = expectSame(['metrics'], sqlite, postgres, masked);
    expect(metrics.stdout).toContain('maillog_deliveries_total{host="vm",mta="postfix",direction="outbound"} 54');
  });
});

describeWithPostgres('a source forgotten in SQLite and in PostgreSQL', () => {
  it('is forgotten alike, and the reports after are alike', async () => {
    const sqlite = join(tempDir(true), 'samples.db');
    const postgres = await freshPostgresDatabase();
    ingested(sqlite, 'mx1', BUNDLED);
    ingested(postgres, 'mx1', BUNDLED);
    const forget = expectSame(['forget', join(SAMPLES, 'exim', 'mainlog')], sqlite, postgres);
    expect(forget.stdout).toMatch(/^forgot .*mainlog .*: 79 failure events and \d+ rows of daily counts/);
    expectSame(['report', '--tz', 'UTC', '--format', 'json'], sqlite, postgres);
    expectSame(['export', '--format', 'csv'], sqlite, postgres);
  });
});

/** Every daily aggregate, per host and cause and as exported: what the hosts' runs added up to. */
function totals(db: string): { aggregates: string; byHost: string } {
  return {
    aggregates: cli(['export', '--what', 'aggregates', '--db', db]).stdout,
    byHost: cli(['report', '--by', 'host,cause', '--format', 'csv', '--count', 'attempts', '--db', db]).stdout,
  };
}

describeWithPostgres('many hosts into one PostgreSQL database', () => {
  it('adds up three hosts ingesting at once as if each had run alone', async () => {
    const dir = tempDir();
    const hosts = ['mx1', 'mx2', 'mx3'];
    const logs = hosts.map((host) => postfixLogOf(host, dir));
    const sqlite = join(dir, 'one-by-one.db');
    hosts.forEach((host, i) => ingested(sqlite, host, [logs[i]!]));

    const postgres = await freshPostgresDatabase();
    // The schema first, so that the three runs race on rows, not on creating it.
    withSchema(postgres);
    const runs = await Promise.all(hosts.map((host, i) => started(['ingest', '--db', postgres, '--host', host, ...READ, logs[i]!]).exit));
    expect(runs.map((r) => [r.code, r.stderr.match(/error/i)])).toEqual(hosts.map(() => [0, null]));

    const expected = totals(sqlite);
    expect(expected.byHost.split('\n').filter((row) => /^mx\d,/.test(row)).length).toBeGreaterThan(3 * 5);
    expect(totals(postgres)).toEqual(expected);
  });

  it("keeps one file read as two hosts' logs twice, and a host's second run adds nothing", async () => {
    const postgres = await freshPostgresDatabase();
    ingested(postgres, 'mx1', [POSTFIX_SAMPLE]);
    const once = cli(['export', '--db', postgres]).stdout.trim().split('\n');
    ingested(postgres, 'mx2', [POSTFIX_SAMPLE]);
    expect(psql(postgres, 'SELECT origin, path FROM sources ORDER BY origin')).toBe(`mx1|${POSTFIX_SAMPLE}\nmx2|${POSTFIX_SAMPLE}`);
    const twice = cli(['export', '--db', postgres]).stdout.trim().split('\n');
    expect(twice.length - 1).toBe(2 * (once.length - 1));

    const before = totals(postgres);
    const again = cli(['ingest', '--db', postgres, '--host', 'mx2', ...READ, POSTFIX_SAMPLE]);
    expect(again.status).toBe(0);
    expect(again.stderr).toContain('nothing new in 1 file');
    expect(totals(postgres)).toEqual(before);
    expect(psql(postgres, 'SELECT count(*) FROM sources')).toBe('2');
  });
});

/** Every table's rows, in a stable order; the interned texts only up to `textsUpTo`, the ids they had. */
function tables(url: string, textsUpTo?: Record<string, string>): Record<string, string> {
  const names = psql(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename").split('\n');
  return Object.fromEntries(names.map((name) => {
    const upTo = textsUpTo?.[name] === undefined ? '' : ` WHERE id <= ${Number(textsUpTo[name])}`;
    return [name, psql(url, `SELECT coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '') FROM ${name} t${upTo}`)];
  }));
}

describeWithPostgres('a PostgreSQL ingest that is killed', () => {
  it('leaves the database as it was, but for texts no row names; the next run goes to the end', async () => {
    const postgres = await freshPostgresDatabase();
    ingested(postgres, 'mx1', [POSTFIX_SAMPLE]);
    const lastIds = Object.fromEntries(['strings', 'diagnostics'].map((t) => [t, psql(postgres, `SELECT coalesce(max(id), 0) FROM ${t}`)]));
    const before = tables(postgres);

    const dir = tempDir();
    const big = join(dir, 'big.log');
    await generateBenchLog({ mta: 'postfix', megabytes: 30, okRepeat: 4 }, SAMPLES, big);
    const run = started(['ingest', '--db', postgres, '--host', 'mx1', ...READ, big]);
    // A transaction gets its id when it first writes: then the run has stored rows that must not stay.
    const writing = `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()`;
    let done = false;
    void run.exit.then(() => (done = true));
    while (!done && psql(postgres, writing) === '0') await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    if (!done) process.kill(run.pid, 'SIGKILL');
    expect((await run.exit).signal).toBe('SIGKILL');

    expect(tables(postgres, lastIds)).toEqual(before);

    const again = cli(['ingest', '--db', postgres, '--host', 'mx1', ...READ, big]);
    expect(again.status).toBe(0);
    expect(psql(postgres, `SELECT count(*) FROM sources WHERE path = '${big}' AND "offset" = ${readFileSync(big).length}`)).toBe('1');
  });
});

describeWithPostgres('a PostgreSQL database that cannot be used', () => {
  let good: string;
  beforeAll(async () => {
    good = await freshPostgresDatabase();
  });

  // Each with what its line must say, so that the operator knows which it is.
  const cases: [string, () => string, RegExp][] = [
    ['a URL that names no database', () => 'postgres://', /name the database/],
    ['a socket directory where no server listens', () => good.replace(/\?host=.*$/, `?host=${encodeURIComponent(tempDir())}`), /connection refused/],
    ['a wrong password', () => good.replace(encodeURIComponent(inject('postgres')!.password), 'not-the-password'), /password authentication failed/],
    ['a database that does not exist', () => good.replace(/\/maillog_test_\w+\?/, '/no_such_database?'), /"no_such_database" does not exist/],
  ];

  it.each(cases)('%s is one line on stderr, no stack, exit code 2', (_, url, says) => {
    expect(url()).not.toBe(good);
    for (const command of [['report'], ['ingest', '--host', 'mx1', POSTFIX_SAMPLE]]) {
      const result = cli([...command, '--db', url()]);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^maillog: [^\n]+\n$/);
      expect(result.stderr).toMatch(says);
      expect(result.stderr).not.toMatch(/\bat .*\.js:\d+/);
      expect(result.stderr).not.toContain(inject('postgres')!.password);
    }
  });
});

describeWithPostgres('maillog_party_host in PostgreSQL', () => {
  it('names each relay and client as partyHost does', async () => {
    const url = await freshPostgresDatabase();
    withSchema(url);
    const written = [
      'mx.example.com[192.0.2.1]:25',
      'mx.example.com[192.0.2.1]',
      '[192.0.2.1]',
      '[192.0.2.1]:25',
      'mail.example.org (helo.example.org) [192.0.2.7]',
      'mail.example.org (helo.example.org) [192.0.2.7]:25',
      '(helo.example.org) [192.0.2.7]',
      '(helo.example.org) [192.0.2.7]:587',
      'mx.example.net DS [2001:db8::1]:25',
      'mx.example.net [2001:db8::1]:25',
      'mx.example.net[2001:db8::25]:25',
      'mx.example.net',
      'localhost',
      'none',
      '',
      '(unclosed helo [192.0.2.9]',
      'name (helo)',
    ];
    const literals = written.map((s) => `'${s.replaceAll("'", "''")}'`).join(', ');
    const got = psql(url, `SELECT string_agg(coalesce(maillog_party_host(s), '<null>'), E'\\n' ORDER BY n) FROM unnest(ARRAY[${literals}]::text[]) WITH ORDINALITY AS t(s, n)`);
    expect(got.split('\n')).toEqual(written.map(partyHost));
    expect(got.split('\n').slice(0, 3)).toEqual(['mx.example.com[192.0.2.1]', 'mx.example.com[192.0.2.1]', '[192.0.2.1]']);
  });
});
