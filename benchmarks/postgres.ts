// The same log ingested into SQLite and into PostgreSQL, each run a whole
// `maillog ingest` process, alternated; then reports timed on a database of
// many events (the ingested ones repeated an hour apart, in SQL, as a year of
// a busy site would hold them), on both.
//
//   BENCH_PG_URL=postgres://postgres@localhost/postgres?host=/var/run/postgresql npm run bench:postgres
//   BENCH_MTA=exim, BENCH_MB=1000, BENCH_RUNS=3: as npm run bench
//   BENCH_EVENTS=10000000: events of the report database (0: no reports)
//
// BENCH_PG_URL names a server and a role that may create databases: each
// engine's run gets a new database (made and dropped with psql), as SQLite's
// gets a new file.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Mta } from '../parsers/events.js';
import { ensureBenchLog } from './bench-log.js';
import { measure, type Measured } from './measure.js';

const root = join(import.meta.dirname, '..', '..');
const CLI = join(root, 'dist', 'src', 'cli.js');
const server = process.env.BENCH_PG_URL;
if (!server) {
  console.error('BENCH_PG_URL: name a PostgreSQL server and a role that may create databases, e.g. postgres://postgres@localhost/postgres?host=/var/run/postgresql');
  process.exit(2);
}
const mta = (process.env.BENCH_MTA ?? 'postfix') as Mta;
const megabytes = Number(process.env.BENCH_MB ?? 200);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const events = Number(process.env.BENCH_EVENTS ?? 10_000_000);
const work = mkdtempSync(join(tmpdir(), 'maillog-bench-pg-'));
const sqlitePath = join(work, 'bench.db');
const database = `maillog_bench_${process.pid}`;
const pgUrl = server.replace(/^(postgres(?:ql)?:\/\/[^/?]*)(\/[^?]*)?/i, `$1/${database}`);

function psql(url: string, sql: string): string {
  const run = spawnSync('psql', ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', sql], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`psql: ${run.stderr.trim()}`);
  return run.stdout.trim();
}

function fresh(engine: 'sqlite' | 'postgres'): string {
  if (engine === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) rmSync(sqlitePath + suffix, { force: true });
    return sqlitePath;
  }
  psql(server!, `DROP DATABASE IF EXISTS ${database}`);
  psql(server!, `CREATE DATABASE ${database} TEMPLATE template0 LOCALE 'C' ENCODING 'UTF8'`);
  return pgUrl;
}

const range = (values: number[], digits: number) => {
  const [low, high] = [Math.min(...values).toFixed(digits), Math.max(...values).toFixed(digits)];
  return low === high ? low : `${low}–${high}`;
};

const log = await ensureBenchLog({ mta, megabytes, okRepeat: 15, stuck: false }, join(root, 'bench-data'), join(root, 'samples'));
const logMb = statSync(log).size / 1e6;
const ingest = (db: string): Measured => measure(process.execPath, [CLI, 'ingest', '--quiet', '--db', db, '--format', mta, '--year', '2026', log], { cwd: work });
const measured: Record<'sqlite' | 'postgres', Measured[]> = { sqlite: [], postgres: [] };
try {
  for (let i = 0; i < runs; i++) {
    for (const engine of ['sqlite', 'postgres'] as const) {
      const run = ingest(fresh(engine));
      measured[engine].push(run);
      console.log(`${engine}, run ${i + 1} of ${runs}: ${run.seconds.toFixed(2)} s, maillog's CPU ${run.cpuSeconds?.toFixed(2) ?? '?'} s, peak RSS ${run.peakRssMb?.toFixed(0) ?? '?'} MB`);
    }
  }
  console.log(`\n${mta} ${megabytes} MB log, ${runs} runs each, alternated (the PostgreSQL server's own CPU is not in maillog's)`);
  for (const engine of ['sqlite', 'postgres'] as const) {
    const m = measured[engine];
    console.log(`  ${engine.padEnd(8)} ${range(m.map((r) => logMb / r.seconds), 1)} MB/s end to end, maillog's CPU ${range(m.map((r) => r.cpuSeconds ?? NaN), 2)} s`);
  }

  if (events > 0) {
    // The databases of the last runs, their events repeated an hour apart up to `events`.
    const stored = psql(pgUrl, 'SELECT count(*) FROM event_rows');
    const copies = Math.max(0, Math.ceil(events / Number(stored)) - 1);
    const repeat = (series: string) => `INSERT INTO event_rows (time, mta, host, queue_id, sender, recipient, recipient_domain, relay, reply_code,
        enhanced_status, stage, outcome, direction, cause, rule, diagnostic, source_id, line, confidence)
      SELECT time - g * 3600000, mta, host, queue_id || g, sender, recipient, recipient_domain, relay, reply_code,
        enhanced_status, stage, outcome, direction, cause, rule, diagnostic, source_id, line, confidence FROM event_rows, ${series}`;
    psql(pgUrl, `${repeat(`generate_series(1, ${copies}) g`)}; ANALYZE`);
    const sqlite = new Database(sqlitePath);
    sqlite.exec(`${repeat(`(WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < ${copies}) SELECT g FROM s)`)}; ANALYZE`);
    const total = sqlite.prepare('SELECT count(*) FROM event_rows').pluck().get();
    const lastDay = sqlite.prepare("SELECT date(max(time) / 1000, 'unixepoch') FROM event_rows").pluck().get() as string;
    sqlite.close();
    console.log(`\nreports on ${total} events, wall seconds, ${runs} runs each, alternated`);
    const reports = [
      ['report', '--tz', 'UTC'],
      ['report', '--tz', 'UTC', '--since', lastDay],
      ['report', '--tz', 'UTC', '--by', 'domain'],
      ['report', '--tz', 'UTC', '--count', 'attempts', '--by', 'code'],
      ['check'],
      ['status'],
    ];
    for (const args of reports) {
      const seconds: Record<string, number[]> = { sqlite: [], postgres: [] };
      for (let i = 0; i < runs; i++) {
        for (const [engine, db] of [['sqlite', sqlitePath], ['postgres', pgUrl]] as const) {
          const started = performance.now();
          spawnSync(process.execPath, [CLI, ...args, '--db', db], { cwd: work, encoding: 'utf8', maxBuffer: 1 << 26 });
          seconds[engine]!.push((performance.now() - started) / 1000);
        }
      }
      console.log(`  ${args.join(' ').padEnd(48)} SQLite ${range(seconds.sqlite!, 2)}  PostgreSQL ${range(seconds.postgres!, 2)}`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
  psql(server, `DROP DATABASE IF EXISTS ${database}`);
}
