// `maillog ingest` as a user runs it, on large generated logs: each run a child
// process (`node dist/src/cli.js ingest`) into a fresh database, timed whole,
// start-up included. Prints, for each log, MB/s, CPU seconds, peak RSS and the
// database's size per GB of log, then start-up, beside the figures of issue 17
// ("today"), of the build of 05b529f and the issue's targets.
//
//   npm run bench                          # Postfix and Exim, 200 MB and 1 GB, plain and gzip, and start-up
//   BENCH_QUICK=1 npm run bench            # 200 MB, plain, three start-up runs
//   BENCH_MTA=exim npm run bench           # one MTA (postfix, exim)
//   BENCH_MB=200,5000 npm run bench        # other sizes, in MB
//   BENCH_GZIP=0 npm run bench             # plain logs only (BENCH_GZIP=only: gzip only)
//   BENCH_RUNS=3 npm run bench             # each ingest three times: figures as ranges
//   BENCH_OK_REPEAT=0 npm run bench        # failure-heavy logs (bench-log.ts)
//   BENCH_STUCK=1 npm run bench            # logs whose deferred messages never complete (bench-log.ts)
//   BENCH_TOOLS_ROOT=/tmp/tools npm run bench   # pflogsumm/eximstats unpacked there (dpkg -x), timed on the same plain log
//
// Logs are generated once into bench-data/ (a gzip copy beside each, made
// with zlib's default level); databases go to a temporary folder, removed at
// the end. The gzip rows also time decompression alone (zlib in a Node child,
// as ingest decompresses), in MB of log per second.

import { createReadStream, createWriteStream, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Mta } from '../parsers/events.js';
import { ensureBenchLog } from './bench-log.js';
import { BEFORE_REVISION, caseBaseline, STARTUP_BASELINES, stuckBaseline, type Baseline, type CaseFigure } from './baselines.js';
import { howMeasured, measure, type Measured } from './measure.js';
import { referenceTool } from './reference-tools.js';

const root = join(import.meta.dirname, '..', '..');
const CLI = join(root, 'dist', 'src', 'cli.js');
const dataDir = join(root, 'bench-data');
const quick = Boolean(process.env.BENCH_QUICK);
const list = (value: string | undefined, all: string[]) => (value ? value.split(',').map((s) => s.trim()) : all);
const mtas = list(process.env.BENCH_MTA, ['postfix', 'exim']) as Mta[];
const sizes = list(process.env.BENCH_MB, quick ? ['200'] : ['200', '1000']).map(Number);
const gzipChoice = process.env.BENCH_GZIP ?? (quick ? '0' : '1');
const compressions = gzipChoice === 'only' ? [true] : gzipChoice === '0' ? [false] : [false, true];
const runs = Number(process.env.BENCH_RUNS ?? 1);
const startupRuns = quick ? 3 : 7;
const okRepeat = Number(process.env.BENCH_OK_REPEAT ?? 15);
const stuck = process.env.BENCH_STUCK === '1';

const work = mkdtempSync(join(tmpdir(), 'maillog-bench-'));
const dbPath = join(work, 'bench.db');

function freshDatabase(): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
}

/** The database's bytes, with whatever the run left in its WAL. */
function databaseBytes(): number {
  return ['', '-wal'].reduce((sum, suffix) => sum + (existsSync(dbPath + suffix) ? statSync(dbPath + suffix).size : 0), 0);
}

async function ensureGzip(path: string): Promise<string> {
  const gz = `${path}.gz`;
  if (!existsSync(gz)) {
    console.log(`compressing ${path} ...`);
    await pipeline(createReadStream(path), createGzip(), createWriteStream(`${gz}.${process.pid}.part`));
    renameSync(`${gz}.${process.pid}.part`, gz);
  }
  return gz;
}

function ingest(mta: Mta, path: string): Measured {
  freshDatabase();
  return measure(process.execPath, [CLI, 'ingest', '--quiet', '--db', dbPath, '--format', mta, '--year', '2026', path], { cwd: work });
}

const range = (values: number[], digits: number) => {
  const low = Math.min(...values).toFixed(digits);
  const high = Math.max(...values).toFixed(digits);
  return low === high ? low : `${low}–${high}`;
};
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const known = (values: (number | null)[]): number[] | null => (values.every((v) => v !== null) ? (values as number[]) : null);

interface Row extends Baseline {
  figure: string;
  now: string;
}
const rows: Row[] = [];
const notes: string[] = [];
const add = (figure: string, now: string, baseline: Baseline) => rows.push({ figure, now, ...baseline });

for (const mta of mtas) {
  for (const megabytes of sizes) {
    const plain = await ensureBenchLog({ mta, megabytes, okRepeat, stuck }, dataDir, join(root, 'samples'));
    const logMb = statSync(plain).size / 1e6;
    for (const gzip of compressions) {
      const path = gzip ? await ensureGzip(plain) : plain;
      const name = `${mta === 'postfix' ? 'Postfix' : 'Exim'} ${megabytes >= 1000 ? `${megabytes / 1000} GB` : `${megabytes} MB`}${gzip ? ' gzip' : ''}${stuck ? ', never complete' : ''}`;
      const measured: Measured[] = [];
      const dbMb: number[] = [];
      for (let i = 0; i < runs; i++) {
        const run = ingest(mta, path);
        measured.push(run);
        dbMb.push(databaseBytes() / 1e6);
        const summary = run.stderr.trim().split('\n').at(-1);
        console.log(`${name}, run ${i + 1} of ${runs}: ${run.seconds.toFixed(2)} s, CPU ${run.cpuSeconds?.toFixed(2) ?? '?'} s, peak RSS ${run.peakRssMb?.toFixed(0) ?? '?'} MB; ${summary}`);
      }
      const baseline = (figure: CaseFigure) => (stuck ? stuckBaseline(figure, mta, megabytes) : caseBaseline(figure, mta, megabytes, gzip));
      add(`${name}: MB/s end to end`, range(measured.map((m) => logMb / m.seconds), 1), baseline('throughput'));
      const cpu = known(measured.map((m) => m.cpuSeconds));
      const per200 = cpu && megabytes !== 200 ? ` (${range(cpu.map((c) => (c * 200) / logMb), 2)} per 200 MB)` : '';
      add(`${name}: CPU s`, cpu ? `${range(cpu, 2)}${per200}` : 'not measured', baseline('cpu'));
      const rss = known(measured.map((m) => m.peakRssMb));
      add(`${name}: peak RSS MB`, rss ? range(rss, 0) : 'not measured', baseline('rss'));
      add(`${name}: database MB per GB of log`, range(dbMb.map((mb) => (mb * 1000) / logMb), 0), baseline('database'));
      if (gzip) {
        const decompressions = Array.from({ length: runs }, () =>
          measure(process.execPath, ['-e', `require('node:stream').pipeline(require('node:fs').createReadStream(process.argv[1]), require('node:zlib').createGunzip(), require('node:fs').createWriteStream('/dev/null'), (e) => { if (e) throw e; })`, path]),
        );
        add(`${name}: decompression alone MB/s`, range(decompressions.map((m) => logMb / m.seconds), 1), {});
      } else {
        const tool = referenceTool(mta, plain);
        if (tool && 'missing' in tool) notes.push(`${tool.name}: ${tool.missing}; no comparison on ${name}`);
        else if (tool) {
          try {
            const timed = measure(tool.command, tool.args, { env: tool.env });
            const wall = measured.map((m) => timed.seconds / m.seconds);
            console.log(`${tool.name} on ${name}: ${timed.seconds.toFixed(2)} s, CPU ${timed.cpuSeconds?.toFixed(2) ?? '?'} s`);
            add(`${name}: ${tool.name}'s wall time over maillog's`, `${range(wall, 1)}×`, baseline('toolWall'));
            if (cpu && timed.cpuSeconds !== null) add(`${name}: maillog's CPU over ${tool.name}'s`, `${range(cpu.map((c) => c / timed.cpuSeconds!), 2)}×`, baseline('toolCpu'));
          } catch (error) {
            notes.push(`${tool.name} on ${name} failed: ${(error as Error).message}`);
          }
        }
      }
    }
  }
}

// Start-up: the whole process on the first 100 lines of the Postfix sample, and on the database they made.
const small = join(work, 'small.log');
const sampleLines = readFileSync(join(root, 'samples', 'postfix', 'syslog-rfc3164.log'), 'utf8').split('\n');
writeFileSync(small, `${sampleLines.slice(0, 100).join('\n')}\n`);
const startup = (args: string[], fresh: boolean) =>
  median(Array.from({ length: startupRuns }, () => {
    if (fresh) freshDatabase();
    return measure(process.execPath, args, { cwd: work }).seconds;
  }));
const smallArgs = ['ingest', '--quiet', '--db', dbPath, '--format', 'postfix', '--year', '2026', small];
add(`start-up: ingest of a 100-line file, s (median of ${startupRuns})`, startup([CLI, ...smallArgs], true).toFixed(3), STARTUP_BASELINES.ingest);
add(`start-up: report, s (median of ${startupRuns})`, startup([CLI, 'report', '--db', dbPath], false).toFixed(3), STARTUP_BASELINES.report);
add(`start-up: node -e 0, s (median of ${startupRuns})`, startup(['-e', '0'], false).toFixed(3), STARTUP_BASELINES.node);
rmSync(work, { recursive: true, force: true });

const header = ['', 'today (issue 17)', `at ${BEFORE_REVISION}`, 'now', 'target'];
const cells = [header, header.map(() => '---'), ...rows.map((r) => [r.figure, r.today ?? '', r.before ?? '', r.now, r.target ?? ''])];
const widths = header.map((_, i) => Math.max(...cells.map((c) => c[i].length)));
console.log();
for (const c of cells) console.log(`| ${c.map((cell, i) => (cell === '---' ? '-'.repeat(widths[i]) : cell.padEnd(widths[i]))).join(' | ')} |`);
console.log();
console.log(`${runs} run${runs === 1 ? '' : 's'} of each ingest; ${howMeasured}; end to end is the whole process over the log's uncompressed MB.`);
for (const note of notes) console.log(note);
