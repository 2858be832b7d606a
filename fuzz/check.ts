// One fuzz run: write the hostile corpus, run the built CLI on it as a child
// process (so a crash, a hang or a stack trace is seen as a user would see
// it), and check what the CLI says against what the generator knows.

import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { EVENT_FIELDS } from '../src/export.js';
import { expectedCounts, generateCorpus, KINDS, ROOT, type Expected, type FuzzFile, type FuzzLine, type Kind, type Mix } from './mutate.js';

const CLI = join(ROOT, 'dist', 'src', 'cli.js');

export interface CliRun {
  name: string;
  status: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
  timedOut: boolean;
}

/** The built CLI, killed after `timeoutMs`; with `stdoutFile`, stdout goes there instead of memory. */
export function runCli(name: string, args: string[], timeoutMs: number, stdoutFile?: string): CliRun {
  const fd = stdoutFile === undefined ? null : openSync(stdoutFile, 'w');
  const started = performance.now();
  try {
    const r = spawnSync(process.execPath, [CLI, ...args], {
      stdio: ['ignore', fd ?? 'pipe', 'pipe'],
      env: { ...process.env, MAILLOG_DB: '' },
      encoding: 'utf8',
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
      maxBuffer: 512 * 1024 * 1024,
    });
    const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
    return { name, status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', seconds: (performance.now() - started) / 1000, timedOut };
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** The first line of stderr that belongs to a stack trace or an uncaught error, if any. */
export function stackTraceLine(stderr: string): string | null {
  return stderr.split('\n').find((l) => /^\s+at |node:internal|^[A-Za-z]*Error:|^Uncaught/.test(l)) ?? null;
}

const clip = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 70 ? `${text.slice(0, 69)}…` : text;
};

/** A run that ended as documented: exit 0 (nothing here is a cut gzip, the one cause of 1), no trace. */
export function exitFailures(run: CliRun, timeoutMs: number): string[] {
  if (run.timedOut) return [`${run.name}: no answer after ${timeoutMs / 1000} s (killed)`];
  const failures: string[] = [];
  if (run.status !== 0) failures.push(`${run.name}: exit ${run.status ?? 'by signal'}: ${clip(run.stderr.trim().split('\n').at(-1) ?? '')}`);
  const trace = stackTraceLine(run.stderr);
  if (trace !== null) failures.push(`${run.name}: stack trace on stderr: ${clip(trace.trim())}`);
  return failures;
}

export interface IngestCounts {
  lines: number;
  recognised: number;
  foreign: number;
  skipped: number;
  failures: number;
  /** Per file, as its skip note names it: malformed, binary, enormous. */
  skippedIn: Map<string, Record<'malformed' | 'binary' | 'enormous', number>>;
}

const SKIP_WORDS = { malformed: 'malformed', binary: 'binary or invalid UTF-8', enormous: 'over 1 MiB' } as const;

/** The summary line and the per-file skip notes of `maillog ingest`. */
export function readIngestOutput(stderr: string): IngestCounts | null {
  const summary = /^ingested \d+ files?: (\d+) lines \((\d+) recognised, (\d+) other programs, (\d+) skipped\), (\d+) failures/m.exec(stderr);
  if (!summary) return null;
  const [lines, recognised, foreign, skipped, failures] = summary.slice(1).map(Number);
  const skippedIn: IngestCounts['skippedIn'] = new Map();
  for (const m of stderr.matchAll(/^skipped \d+ unparseable lines? in (.*) \(([^()]*)\)$/gm)) {
    const of = (words: string) => Number(new RegExp(`(\\d+) ${words}`).exec(m[2])?.[1] ?? 0);
    skippedIn.set(m[1], { malformed: of(SKIP_WORDS.malformed), binary: of(SKIP_WORDS.binary), enormous: of(SKIP_WORDS.enormous) });
  }
  return { lines, recognised, foreign, skipped, failures, skippedIn };
}

/** The categories behind an expected count: which mutations the reader got wrong. */
function suspects(expected: Expected, kind: Kind): string {
  const parts = Object.entries(expected.categories[kind]).map(([category, n]) => `${category} ${n}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

const inRange = (n: number, r: { min: number; max: number }) => n >= r.min && n <= r.max;
const range = (r: { min: number; max: number }) => (r.min === r.max ? String(r.min) : `${r.min}..${r.max}`);

/** Each kind ingest counted, in all and per file, against the generator's expectations. */
export function countFailures(files: { path: string; lines: FuzzLine[] }[], got: IngestCounts): { failures: string[]; kinds: Record<Kind, number> } {
  const total = expectedCounts(files.flatMap((f) => f.lines));
  const failures: string[] = [];
  const kinds: Record<Kind, number> = { recognised: got.recognised, foreign: got.foreign, malformed: 0, binary: 0, enormous: 0 };
  for (const { path, lines } of files) {
    const expected = expectedCounts(lines);
    const skipped = got.skippedIn.get(path) ?? { malformed: 0, binary: 0, enormous: 0 };
    for (const k of ['malformed', 'binary', 'enormous'] as const) {
      kinds[k] += skipped[k];
      if (!inRange(skipped[k], expected.kinds[k])) failures.push(`${path}: ${skipped[k]} lines skipped as ${k}, expected ${range(expected.kinds[k])}${suspects(expected, k)}`);
    }
  }
  if (got.lines !== total.lines) failures.push(`ingest counted ${got.lines} lines, ${total.lines} were written`);
  const sum = KINDS.reduce((a, k) => a + kinds[k], 0);
  if (sum !== got.lines) failures.push(`lines are not each counted once: ${KINDS.map((k) => `${kinds[k]} ${k}`).join(' + ')} = ${sum}, not ${got.lines}`);
  if (kinds.malformed + kinds.binary + kinds.enormous !== got.skipped) failures.push(`the summary's ${got.skipped} skipped are not the sum of the per-file notes`);
  for (const k of ['recognised', 'foreign'] as const) {
    if (!inRange(kinds[k], total.kinds[k])) failures.push(`${kinds[k]} lines counted ${k}, expected ${range(total.kinds[k])}`);
  }
  return { failures, kinds };
}

/** What a spreadsheet runs as a formula: after any leading white space, and the full-width forms. */
const FORMULA = /^[\s]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;
/** A leading ' is the documented neutralisation of such a cell (and harmless on one that starts with white space). */
const NEUTRALISABLE = /^[\s=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;
const MAX_CELL_REPORTS = 5;

/**
 * The CSV export read back as a spreadsheet reads it (CR, LF and CRLF all end
 * an unquoted record) against the NDJSON export: same rows, same cells, formula
 * cells neutralised.
 */
export function exportFailures(csv: string, ndjson: string, events: number): string[] {
  const failures: string[] = [];
  let objects: Record<string, unknown>[];
  try {
    objects = ndjson.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
  } catch (error) {
    return [`NDJSON export does not read back: ${(error as Error).message}`];
  }
  if (objects.length !== events) failures.push(`NDJSON export has ${objects.length} events, the database ${events}`);
  let records: string[][];
  try {
    records = parse(csv, { record_delimiter: ['\r\n', '\n', '\r'] }) as string[][];
  } catch (error) {
    return [...failures, `CSV export does not read back: ${(error as Error).message}`];
  }
  const [header, ...rows] = records;
  if (header?.join() !== EVENT_FIELDS.join()) failures.push(`CSV header is not the event schema: ${clip(header)}`);
  if (rows.length !== objects.length) failures.push(`CSV export has ${rows.length} records, NDJSON ${objects.length}`);
  const bad: string[] = [];
  rows.forEach((row, i) => {
    const object = objects[i] ?? {};
    EVENT_FIELDS.forEach((field, j) => {
      const value = object[field];
      const cell = row[j];
      const plain = value === null || value === undefined ? '' : String(value);
      const neutralised = typeof value === 'string' && cell === `'${value}` && NEUTRALISABLE.test(value);
      if (cell !== plain && !neutralised) bad.push(`CSV record ${i + 1} ${field}: ${clip(cell)}, NDJSON ${clip(value)}`);
      else if (typeof value === 'string' && FORMULA.test(cell)) bad.push(`CSV record ${i + 1} ${field} starts a formula: ${clip(cell)}`);
    });
  });
  failures.push(...bad.slice(0, MAX_CELL_REPORTS));
  if (bad.length > MAX_CELL_REPORTS) failures.push(`... and ${bad.length - MAX_CELL_REPORTS} more cells`);
  return failures;
}

export interface FuzzOptions extends Mix {
  dir: string;
  /** Per child process. */
  timeoutMs: number;
  /** Told as each step ends. */
  progress?: (run: CliRun) => void;
}

/** What a failure is about: the commands' ends, the line counts, the exports, the reports. */
export type Check = 'commands' | 'counts' | 'exports' | 'reports';

export interface Failure {
  check: Check;
  message: string;
}

export interface FuzzResult {
  failures: Failure[];
  files: FuzzFile[];
  bytes: number;
  expected: Expected;
  got: Record<Kind, number> | null;
  events: number | null;
  runs: CliRun[];
}

function writeCorpus(dir: string, files: FuzzFile[]): { paths: string[]; bytes: number } {
  let bytes = 0;
  const paths = files.map((file) => {
    const content = Buffer.concat(file.lines.flatMap((l) => [l.bytes, Buffer.from('\n')]));
    bytes += content.length;
    const path = join(dir, file.gzip ? `${file.name}.gz` : file.name);
    writeFileSync(path, file.gzip ? gzipSync(content) : content);
    return path;
  });
  return { paths, bytes };
}

/** Generate, ingest, export and report; every failed check is one line of `failures`. */
export function runFuzz(options: FuzzOptions): FuzzResult {
  const files = generateCorpus(options);
  const { paths, bytes } = writeCorpus(options.dir, files);
  const db = join(options.dir, 'fuzz.db');
  const runs: CliRun[] = [];
  const failures: Failure[] = [];
  const fail = (check: Check, messages: string[]) => failures.push(...messages.map((message) => ({ check, message })));
  const run = (name: string, args: string[], stdoutFile?: string) => {
    const r = runCli(name, args, options.timeoutMs, stdoutFile);
    runs.push(r);
    options.progress?.(r);
    fail('commands', exitFailures(r, options.timeoutMs));
    return r;
  };
  const perFile = files.map((f, i) => ({ path: paths[i], lines: f.lines }));
  const result: FuzzResult = { failures, files, bytes, expected: expectedCounts(files.flatMap((f) => f.lines)), got: null, events: null, runs };

  const ingest = run('ingest', ['ingest', '--db', db, '--quiet', ...paths]);
  const counts = readIngestOutput(ingest.stderr);
  if (!counts) {
    fail('counts', ['ingest: no summary line on stderr']);
    fail('exports', ['not run: ingest did not finish']);
    fail('reports', ['not run: ingest did not finish']);
    return result;
  }
  const checked = countFailures(perFile, counts);
  fail('counts', checked.failures);
  result.got = checked.kinds;

  const status = run('status --format json', ['status', '--db', db, '--format', 'json']);
  let s: { events?: { count: number }; last_run?: { lines: number; skipped: number }; sources?: { path: string; lines: number }[] } = {};
  try {
    s = JSON.parse(status.stdout);
  } catch (error) {
    fail('counts', [`status --format json: not JSON: ${(error as Error).message}`]);
  }
  result.events = s.events?.count ?? null;
  if (s.last_run?.lines !== counts.lines || s.last_run?.skipped !== counts.skipped) {
    fail('counts', [`status: last run of ${s.last_run?.lines} lines, ${s.last_run?.skipped} skipped; ingest said ${counts.lines}, ${counts.skipped}`]);
  }
  for (const { path, lines } of perFile) {
    const source = s.sources?.find((x) => x.path === path);
    if (source?.lines !== lines.length) fail('counts', [`status: ${path} has ${source?.lines} lines, ${lines.length} were written`]);
  }
  if (result.events !== counts.failures) fail('counts', [`status: ${result.events} events in the database, ingest stored ${counts.failures} failures`]);

  const exported: Record<string, string> = {};
  for (const format of ['csv', 'ndjson']) {
    const toStdout = join(options.dir, `stdout.${format}`);
    const toFile = join(options.dir, `out.${format}`);
    run(`export --format ${format}`, ['export', '--db', db, '--format', format], toStdout);
    run(`export --format ${format} --out`, ['export', '--db', db, '--format', format, '--out', toFile]);
    exported[format] = readFileSync(toStdout, 'utf8');
    let written = '';
    try {
      written = readFileSync(toFile, 'utf8');
    } catch {
      // reported below as a difference
    }
    if (written !== exported[format]) fail('exports', [`export --format ${format}: --out wrote ${written.length} characters, stdout ${exported[format].length}`]);
  }
  fail('exports', exportFailures(exported.csv, exported.ndjson, result.events ?? -1));

  for (const args of [['report'], ['report', '--by', 'reason'], ['report', '--by', 'domain', '--format', 'csv'], ['report', '--format', 'csv'], ['report', '--format', 'json'], ['unclassified'], ['unclassified', '--format', 'csv'], ['status'], ['metrics']]) {
    const r = run(args.join(' '), [...args, '--db', db]);
    if (args.includes('json')) {
      try {
        JSON.parse(r.stdout);
      } catch (error) {
        fail('reports', [`${r.name}: not JSON: ${(error as Error).message}`]);
      }
    }
    if (args.includes('csv')) {
      try {
        parse(r.stdout, { record_delimiter: ['\r\n', '\n', '\r'] });
      } catch (error) {
        fail('reports', [`${r.name}: CSV does not read back: ${(error as Error).message}`]);
      }
    }
  }
  return result;
}
