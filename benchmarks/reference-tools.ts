// The summarisers maillog is out to replace, timed on the same log as its
// ingest when they are on this machine: pflogsumm for Postfix, eximstats for
// Exim. Installed as Debian installs them (/usr/sbin), or unpacked from their
// packages (dpkg -x PACKAGE.deb ROOT) and named by BENCH_TOOLS_ROOT=ROOT.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Mta } from '../parsers/events.js';

const TOOLS: Partial<Record<Mta, { name: string; args: string[] }>> = {
  postfix: { name: 'pflogsumm', args: [] },
  // -nvr: volumes as plain numbers, as the reference outputs in test/reference-tools were made.
  exim: { name: 'eximstats', args: ['-nvr'] },
};

/** How to run the tool on a log, or why it cannot be; null when the MTA has no such tool. */
export type ReferenceTool = { name: string; command: string; args: string[]; env: NodeJS.ProcessEnv } | { name: string; missing: string };

function locate(name: string): string | null {
  const roots = [process.env.BENCH_TOOLS_ROOT, ''].filter((r): r is string => r !== undefined);
  for (const root of roots) for (const dir of ['usr/sbin', 'usr/bin']) {
    const path = join(root || '/', dir, name);
    if (existsSync(path)) return path;
  }
  return null;
}

export function referenceTool(mta: Mta, logPath: string): ReferenceTool | null {
  const tool = TOOLS[mta];
  if (!tool) return null;
  const path = locate(tool.name);
  if (!path) return { name: tool.name, missing: 'not installed (or unpacked under BENCH_TOOLS_ROOT)' };
  // The C locale and a fixed hash seed, as test/reference-tools/record.sh runs them.
  const env = { ...process.env, LC_ALL: 'C', PERL_HASH_SEED: '0', PERL_PERTURB_KEYS: '0' };
  return { name: tool.name, command: 'perl', args: [path, ...tool.args, logPath], env };
}
