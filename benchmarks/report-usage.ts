// Loaded with `node --import` into a child that benchmarks/measure.ts times
// where /usr/bin/time is missing: on exit, the process's CPU seconds and peak
// RSS, in GNU time's "%U %S %M" form, to the file BENCH_USAGE_OUT names.

import { writeFileSync } from 'node:fs';

const out = process.env.BENCH_USAGE_OUT;
if (out) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(out, `${usage.userCPUTime / 1e6} ${usage.systemCPUTime / 1e6} ${usage.maxRSS}\n`);
  });
}
