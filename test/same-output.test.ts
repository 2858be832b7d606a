// Making ingest faster must not change what it finds: the full export of
// small benchmark logs (benchmarks/bench-log.ts, a few MB of each MTA) is
// compared, byte for byte through its sha256, with what the build named in
// same-output.digests.ts wrote. `npm run bench:same-output -- REV` does the
// same on the full-size logs against any revision's build.
//
// Nothing in the export depends on the machine or the run: the log's stamps
// are read with --year and --tz given, and the source column is the file's
// name as given to ingest, relative to the working directory here.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { benchLogName, generateBenchLog, type BenchLogOptions } from '../benchmarks/bench-log.js';
import { RECORDED } from './same-output.digests.js';
import { SAMPLES, tempDir } from './helpers.js';

const CLI = join(import.meta.dirname, '..', 'dist', 'src', 'cli.js');
const LOGS: BenchLogOptions[] = [
  { mta: 'postfix', megabytes: 4, okRepeat: 15 },
  { mta: 'exim', megabytes: 4, okRepeat: 15 },
];
const EXPORTS = ['events csv', 'events ndjson', 'aggregates csv', 'aggregates ndjson'] as const;

function run(cwd: string, args: string[]): Buffer {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, MAILLOG_DB: '' }, maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new Error(`maillog ${args.join(' ')} exited ${result.status}: ${String(result.stderr)}`);
  return result.stdout;
}

/** The sha256 of each export of the log, ingested into a fresh database. */
async function exportDigests(options: BenchLogOptions): Promise<Record<string, string>> {
  const dir = tempDir(true);
  const name = benchLogName(options);
  await generateBenchLog(options, SAMPLES, join(dir, name));
  run(dir, ['ingest', '--quiet', '--db', 'maillog.db', '--format', options.mta, '--year', '2026', '--tz', 'UTC', name]);
  const digests: Record<string, string> = {};
  for (const output of EXPORTS) {
    const [what, format] = output.split(' ');
    digests[output] = createHash('sha256').update(run(dir, ['export', '--db', 'maillog.db', '--what', what, '--format', format])).digest('hex');
  }
  return digests;
}

describe('the export of the benchmark logs', () => {
  const found: Record<string, Record<string, string>> = {};
  beforeAll(async () => {
    for (const options of LOGS) found[benchLogName(options)] = await exportDigests(options);
    // To record new digests when an output change is intended: SAME_OUTPUT_RECORD=1 npx vitest run test/same-output.test.ts
    if (process.env.SAME_OUTPUT_RECORD) console.log(`digests for same-output.digests.ts:\n${JSON.stringify(found, null, 2)}`);
  });

  for (const options of LOGS) {
    it(`is byte for byte what the recorded build wrote for ${benchLogName(options)}`, () => {
      expect(found[benchLogName(options)]).toEqual(RECORDED.digests[benchLogName(options)]);
    });
  }
});
