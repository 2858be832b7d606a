// npm run fuzz: hostile log lines made from the samples, through ingest,
// export and the reports of the built CLI.
//   FUZZ_LINES    lines to write (100000)
//   FUZZ_SEED     the generator's seed (a new one each run, printed so a run can be repeated)
//   FUZZ_LONG     weight of long tokens and lines at the 1 MiB limit (1; 0 leaves them out)
//   FUZZ_SKIP     categories to leave out, comma-separated (e.g. far-stamp while its failure is known)
//   FUZZ_TIMEOUT  seconds each command may take before it counts as a hang (600)
//   FUZZ_KEEP     1 keeps the corpus and the database, to look into a failure

import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFuzz } from './check.js';
import { CATEGORIES, KINDS } from './mutate.js';

function numberFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) {
    process.stderr.write(`fuzz: ${name}=${raw} is not a number of 0 or more\n`);
    process.exit(2);
  }
  return n;
}

const seed = numberFrom('FUZZ_SEED', randomInt(2 ** 31));
const lines = Math.round(numberFrom('FUZZ_LINES', 100_000));
const long = numberFrom('FUZZ_LONG', 1);
const skip = (process.env.FUZZ_SKIP ?? '').split(',').filter((c) => c !== '');
const unknown = skip.filter((c) => !(c in CATEGORIES));
if (unknown.length) {
  process.stderr.write(`fuzz: FUZZ_SKIP: no category ${unknown.join(', ')}; there are ${Object.keys(CATEGORIES).join(', ')}\n`);
  process.exit(2);
}
const timeoutMs = numberFrom('FUZZ_TIMEOUT', 600) * 1000;
const dir = mkdtempSync(join(tmpdir(), 'maillog-fuzz-'));

process.stdout.write(`fuzz: seed ${seed} (FUZZ_SEED=${seed} repeats this run), ${lines} lines, long share ×${long}${skip.length ? `, without ${skip.join(', ')}` : ''}, in ${dir}\n`);
const started = performance.now();
const result = runFuzz({
  seed,
  lines,
  long,
  skip,
  dir,
  timeoutMs,
  progress: (r) => process.stdout.write(`  ${r.name.padEnd(34)} exit ${String(r.status ?? (r.timedOut ? 'timeout' : 'signal')).padEnd(8)} ${r.seconds.toFixed(1).padStart(6)} s\n`),
});
const seconds = (performance.now() - started) / 1000;

const ingest = result.runs.find((r) => r.name === 'ingest');
const rows: [string, string, string][] = [
  ['lines', String(result.expected.lines), String(result.got ? KINDS.reduce((a, k) => a + result.got![k], 0) : '-')],
  ...KINDS.map((k): [string, string, string] => {
    const r = result.expected.kinds[k];
    return [k, r.min === r.max ? String(r.min) : `${r.min}..${r.max}`, String(result.got?.[k] ?? '-')];
  }),
  ['events', '', String(result.events ?? '-')],
];
const out = [
  '',
  `${'files'.padEnd(12)}${result.files.map((f) => `${f.name}${f.gzip ? '.gz' : ''}`).join(', ')}`,
  `${'MB'.padEnd(12)}${(result.bytes / 1e6).toFixed(1)}`,
  `${'seconds'.padEnd(12)}${seconds.toFixed(1)} in all, ${ingest ? ingest.seconds.toFixed(1) : '-'} ingesting`,
  '',
  `${'count'.padEnd(12)}${'expected'.padStart(16)}${'got'.padStart(10)}`,
  ...rows.map(([name, expected, got]) => `${name.padEnd(12)}${expected.padStart(16)}${got.padStart(10)}`),
  '',
  ...(result.failures.length ? [`${result.failures.length} failed:`, ...result.failures.map((f) => `  ${f.check}: ${f.message}`)] : ['every check passed']),
];
process.stdout.write(`${out.join('\n')}\n`);

if (process.env.FUZZ_KEEP === '1') process.stdout.write(`kept ${dir}\n`);
else rmSync(dir, { recursive: true, force: true });
process.exitCode = result.failures.length ? 1 : 0;
