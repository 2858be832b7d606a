// Whether this build finds exactly what another revision's build finds on the
// full-size benchmark logs: each export (events and aggregates, CSV and
// NDJSON) compared byte for byte.
//
//   npm run bench:same-output -- 05b529f            # Postfix and Exim, 200 MB
//   BENCH_MTA=exim BENCH_MB=1000 npm run bench:same-output -- main
//
// The revision is checked out with `git worktree` into a temporary folder,
// given this checkout's node_modules and compiled there; both builds ingest
// the same file, by the same path, into fresh databases.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Mta } from '../parsers/events.js';
import { ensureBenchLog } from './bench-log.js';

const root = join(import.meta.dirname, '..', '..');
const revision = process.argv[2];
if (!revision) {
  console.error('usage: npm run bench:same-output -- REVISION');
  process.exit(2);
}
const mtas = (process.env.BENCH_MTA ? process.env.BENCH_MTA.split(',') : ['postfix', 'exim']) as Mta[];
const megabytes = Number(process.env.BENCH_MB ?? 200);
const okRepeat = Number(process.env.BENCH_OK_REPEAT ?? 15);
const EXPORTS = [['events', 'csv'], ['events', 'ndjson'], ['aggregates', 'csv'], ['aggregates', 'ndjson']] as const;

function run(command: string, args: string[], cwd: string): Buffer {
  const result = spawnSync(command, args, { cwd, maxBuffer: Infinity });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${String(result.stderr).trim()}`);
  return result.stdout;
}

/** Where two outputs first differ, as a line number, or null when they are the same bytes. */
function firstDifference(a: Buffer, b: Buffer): number | null {
  if (a.equals(b)) return null;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  let line = 1;
  for (let j = a.indexOf(10); j !== -1 && j < i; j = a.indexOf(10, j + 1)) line++;
  return line;
}

const work = mkdtempSync(join(tmpdir(), 'maillog-same-output-'));
const other = join(work, 'build');
let differences = 0;
try {
  run('git', ['worktree', 'add', '--detach', other, revision], root);
  symlinkSync(realpathSync(join(root, 'node_modules')), join(other, 'node_modules'));
  console.log(`compiling ${revision} in ${other} ...`);
  run('npx', ['tsc', '-p', 'tsconfig.json'], other);
  const builds = { this: join(root, 'dist', 'src', 'cli.js'), [revision]: join(other, 'dist', 'src', 'cli.js') };
  for (const mta of mtas) {
    const log = await ensureBenchLog({ mta, megabytes, okRepeat }, join(root, 'bench-data'), join(root, 'samples'));
    const outputs = Object.entries(builds).map(([name, cli], i) => {
      const db = join(work, `${i}.db`);
      run(process.execPath, [cli, 'ingest', '--quiet', '--db', db, '--format', mta, '--year', '2026', '--tz', 'UTC', log], work);
      const exported = EXPORTS.map(([what, format]) => run(process.execPath, [cli, 'export', '--db', db, '--what', what, '--format', format], work));
      for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
      return { name, exported };
    });
    EXPORTS.forEach(([what, format], i) => {
      const [mine, theirs] = outputs.map((o) => o.exported[i]);
      const line = firstDifference(mine, theirs);
      if (line !== null) differences++;
      const verdict = line === null ? 'the same bytes' : `DIFFERENT from line ${line} (${mine.length} bytes here, ${theirs.length} at ${revision})`;
      console.log(`${log}: export --what ${what} --format ${format}: ${verdict}`);
    });
  }
} finally {
  spawnSync('git', ['worktree', 'remove', '--force', other], { cwd: root });
  rmSync(work, { recursive: true, force: true });
}
console.log(differences === 0 ? `same output as ${revision}` : `${differences} exports differ from ${revision}`);
process.exitCode = differences === 0 ? 0 : 1;
