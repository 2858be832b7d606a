// Ingest throughput and peak memory on a large MTA log.
//
//   npm run bench                   # 200 MB Postfix log, generated once into bench-data/
//   BENCH_MTA=exim npm run bench    # the same from the Exim main log sample
//   BENCH_MB=50 npm run bench       # another size
//   BENCH_TOOLS_ROOT=/tmp/tools npm run bench   # pflogsumm/eximstats unpacked there (dpkg -x), timed on the same log
//   BENCH_DB=/tmp/other.db npm run bench        # another database than bench-data/bench.db
//
// The log is made from the real samples. Each round replays the sample once
// (every kind of failure) and its successful messages BENCH_OK_REPEAT times
// (default 15), with fresh message ids, recipients and days, so that a few
// percent of lines are failures, as on a busy relay. BENCH_OK_REPEAT=0
// replays the failure-heavy sample alone. BENCH_STUCK=1 replays, in place of
// the successful messages, the deferred ones cut off after their deferrals:
// messages that stay queued to the end of the log, for the correlation state.

import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import type { Mta } from '../parsers/events.js';
import { ingest } from '../src/ingest.js';
import { openDatabase } from '../src/store/database.js';
import { timeReferenceTool } from './reference-tools.js';

const root = join(import.meta.dirname, '..', '..');
const megabytes = Number(process.env.BENCH_MB ?? 200);
const mta = (process.env.BENCH_MTA ?? 'postfix') as Mta;
const dataDir = join(root, 'bench-data');
const okRepeat = Number(process.env.BENCH_OK_REPEAT ?? 15);
const stuck = process.env.BENCH_STUCK === '1';
const logPath = join(dataDir, `${mta}-${megabytes}mb-ok${okRepeat}${stuck ? '-stuck' : ''}.log`);

/** How to copy one MTA's sample: its lines, their message ids and days. */
interface Template {
  sample: string;
  isLogLine(line: string): boolean;
  messageId(line: string): string | undefined;
  /** A delivery to the sample's accept-all domain. */
  deliveredOk(line: string): boolean;
  deferral(line: string): boolean;
  /** A line after which the message, or one of its recipients, is no longer queued. */
  leavesQueue(line: string): boolean;
  /** The line moved to another day of the month, with its ids made unique by `copy`. */
  copyOf(line: string, day: number, copy: number): string;
}

const TEMPLATES: Partial<Record<Mta, Template>> = {
  postfix: {
    sample: 'postfix/syslog-rfc3164.log',
    isLogLine: (l) => l.includes('postfix/'),
    messageId: (l) => l.split(': ')[1],
    deliveredOk: (l) => l.includes('status=sent') && l.includes('@n-ok.test'),
    deferral: (l) => l.includes('status=deferred'),
    leavesQueue: (l) => /status=(?:sent|bounced|expired)|: removed$/.test(l),
    copyOf: (l, day, copy) =>
      `Nov ${String(day).padStart(2, ' ')}${l.slice(6)}`.replace(/\b([0-9A-F]{6})([0-9A-F]{5})\b/g, `$1${copy.toString(16).toUpperCase().padStart(5, '0')}`),
  },
  exim: {
    sample: 'exim/mainlog',
    isLogLine: (l) => /^\d{4}-/.test(l),
    messageId: (l) => /^\S+ \S+ (?:\[\d+\] )?(\w{6}-\w{6}-\w{2}) /.exec(l)?.[1],
    deliveredOk: (l) => / => \S+@n-ok\.test /.test(l),
    deferral: (l) => / == /.test(l),
    leavesQueue: (l) => / (?:=>|->|\*\*) | Completed$/.test(l),
    copyOf: (l, day, copy) =>
      `${l.slice(0, 8)}${String(day).padStart(2, '0')}${l.slice(10)}`.replace(/\b(\w{6})-\w{6}-(\w{2})\b/g, `$1-${copy.toString(36).padStart(6, '0')}-$2`),
  },
};

async function generate(template: Template): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  const sample = readFileSync(join(root, 'samples', template.sample), 'utf8').split('\n').filter(template.isLogLine);
  // Messages whose recipients were all delivered, to pad the log with successful traffic.
  const delivered = new Set(sample.filter(template.deliveredOk).map(template.messageId));
  const okBlock = sample.filter((l) => delivered.has(template.messageId(l)));
  const deferred = new Set(sample.filter(template.deferral).map(template.messageId));
  const stuckBlock = sample.filter((l) => deferred.has(template.messageId(l)) && !template.leavesQueue(l));
  const padding = stuck ? stuckBlock : okBlock;
  const out = createWriteStream(logPath);
  const target = megabytes * 1_000_000;
  let written = 0;
  let copy = 0;
  const emit = async (lines: string[], day: number) => {
    copy++;
    for (const line of lines) {
      const text = template.copyOf(line, day, copy).replace(/<([a-z0-9]+)@/g, `<$1.${copy % 997}@`);
      written += Buffer.byteLength(text) + 1;
      if (!out.write(`${text}\n`)) await once(out, 'drain');
    }
  };
  for (let round = 0; written < target; round++) {
    const day = 1 + (Math.floor(round / 200) % 28);
    await emit(sample, day);
    for (let i = 0; i < okRepeat; i++) await emit(padding, day);
  }
  out.end();
  await once(out, 'finish');
}

const template = TEMPLATES[mta];
if (!template) throw new Error(`no benchmark template for ${mta}`);
if (!existsSync(logPath)) {
  console.log(`generating ${logPath} ...`);
  await generate(template);
}
const bytes = statSync(logPath).size;
const dbPath = process.env.BENCH_DB ?? join(dataDir, 'bench.db');
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

