// Writes maillog(1) from the built CLI's --help: node dist/man/generate.js OUT.
// npm run build runs it; package.json's "man" installs the result.

import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { commandNames, manPage } from './roff.js';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'src', 'cli.js');

async function help(args: string[]): Promise<string> {
  // Outside a terminal yargs wraps help at 80 columns, whatever the caller's terminal is.
  return (await run(process.execPath, [cli, ...args, '--help'], { env: { ...process.env, MAILLOG_DB: '' } })).stdout;
}

const out = process.argv[2];
if (!out) {
  process.stderr.write('usage: node dist/man/generate.js OUT\n');
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; description: string };
const overview = await help([]);
const commands = await Promise.all(commandNames(overview).map(async (name) => ({ name, help: await help([name]) })));
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, manPage({ version: manifest.version, summary: manifest.description, overview, commands }));
