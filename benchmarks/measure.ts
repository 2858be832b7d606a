// One child process, timed as a user would time it: wall-clock seconds, CPU
// seconds (user and system) and peak RSS of the whole process. /usr/bin/time
// gives the CPU and peak RSS of any command; without it, a Node child reports
// its own (process.resourceUsage on exit, all threads included) and other
// commands get wall time alone.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Measured {
  seconds: number;
  /** null where no honest figure could be had (no /usr/bin/time, not a Node child). */
  cpuSeconds: number | null;
  peakRssMb: number | null;
  stdout: string;
  stderr: string;
}

const GNU_TIME = '/usr/bin/time';
const hasGnuTime = existsSync(GNU_TIME);
const USAGE_HOOK = join(import.meta.dirname, 'report-usage.js');

export const howMeasured = hasGnuTime ? 'CPU and peak RSS by /usr/bin/time' : 'no /usr/bin/time: CPU and peak RSS as Node reports them in the child, none for the reference tools';

export function measure(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Measured {
  const dir = mkdtempSync(join(tmpdir(), 'maillog-measure-'));
  const usageFile = join(dir, 'usage');
  const isNode = command === process.execPath;
  let argv = [command, ...args];
  let env = options.env ?? process.env;
  if (hasGnuTime) argv = [GNU_TIME, '-f', '%U %S %M', '-o', usageFile, ...argv];
  else if (isNode) {
    argv = [command, '--import', USAGE_HOOK, ...args];
    env = { ...env, BENCH_USAGE_OUT: usageFile };
  }
  try {
    const started = performance.now();
    const run = spawnSync(argv[0], argv.slice(1), { cwd: options.cwd, env, encoding: 'utf8', maxBuffer: 1 << 26 });
    const seconds = (performance.now() - started) / 1000;
    if (run.status !== 0) throw new Error(`${[command, ...args].join(' ')} exited ${run.status}: ${run.stderr.trim().split('\n')[0]}`);
    let cpuSeconds: number | null = null;
    let peakRssMb: number | null = null;
    if (existsSync(usageFile)) {
      // "user system max-RSS-in-KB", from GNU time or the hook alike.
      const [user, system, maxRssKb] = readFileSync(usageFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
      cpuSeconds = user + system;
      peakRssMb = maxRssKb / 1024;
    }
    return { seconds, cpuSeconds, peakRssMb, stdout: run.stdout, stderr: run.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
