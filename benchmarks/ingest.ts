// Ingest throughput and peak memory on a large MTA log.
//
//   npm run bench                   # 200 MB Postfix log, generated once into bench-data/
//   BENCH_MTA=exim npm run bench    # the same from the Exim main log sample
//   BENCH_MB=50 npm run bench       # another size
//   BENCH_TOOLS_ROOT=/tmp/tools npm run bench   # pflogsumm/eximstats unpacked there (dpkg -x), timed on the same log
//
// The log is made from the real samples (bench-log.ts says how).

import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Mta } from '../parsers/events.js';
import { ingest } from '../src/ingest.js';
import { openDatabase } from '../src/store/database.js';
import { timeReferenceTool } from './reference-tools.js';
import { benchLogName, generateBenchLog, type BenchLogOptions } from './bench-log.js';

const root = join(import.meta.dirname, '..', '..');
const megabytes = Number(process.env.BENCH_MB ?? 200);
const mta = (process.env.BENCH_MTA ?? 'postfix') as Mta;
const dataDir = join(root, 'bench-data');
const okRepeat = Number(process.env.BENCH_OK_REPEAT ?? 15);
const logOptions: BenchLogOptions = { mta, megabytes, okRepeat };
const logPath = join(dataDir, benchLogName(logOptions));

if (!existsSync(logPath)) {
  console.log(`generating ${logPath} ...`);
  mkdirSync(dataDir, { recursive: true });
  await generateBenchLog(logOptions, join(root, 'samples'), logPath);
}
const bytes = statSync(logPath).size;
const dbPath = join(dataDir, 'bench.db');
for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
const db = openDatabase(dbPath);
const started = performance.now();
const cpuBefore = process.cpuUsage();
const summary = await ingest(db, [logPath], { format: mta, year: 2026 });
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
db.close();
const r = summary.sources[0];
const rss = process.resourceUsage().maxRSS / 1024;
console.log(`ingest: ${(bytes / 1e6).toFixed(0)} MB, ${r.lines.toLocaleString('en')} lines, ${r.failures.toLocaleString('en')} failures (${((r.failures / r.lines) * 100).toFixed(1)}% of lines), ${r.deliveries.toLocaleString('en')} deliveries`);
console.log(`ingest: ${seconds.toFixed(2)} s, ${(bytes / 1e6 / seconds).toFixed(1)} MB/s, ${Math.round(r.lines / seconds).toLocaleString('en')} lines/s, peak RSS ${rss.toFixed(0)} MB, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s`);
const tool = timeReferenceTool(mta, logPath);
if (tool && 'missing' in tool) console.log(`${tool.name}: ${tool.missing}; no comparison`);
else if (tool) console.log(`${tool.name}: ${tool.seconds.toFixed(2)} s on the same log; maillog's ingest took ${(seconds / tool.seconds).toFixed(2)} of its wall-clock time (${(tool.seconds / seconds).toFixed(1)}× faster)`);

