// maillog(1), written at build time from the CLI's --help.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandNames, manPage, roffText } from '../man/roff.js';
import { cli } from './helpers.js';

const PAGE = join(import.meta.dirname, '..', 'dist', 'man', 'maillog.1');
const GROFF = spawnSync('groff', ['--version'], { encoding: 'utf8' }).status === 0;

/** The page as man shows it, and groff's warnings (-ww: all of them). */
function render(roff: string): { text: string; warnings: string } {
  const result = spawnSync('groff', ['-man', '-Tutf8', '-ww', '-P-cbou'], { input: roff, encoding: 'utf8', env: { ...process.env, MANWIDTH: '100' } });
  expect(result.status).toBe(0);
  return { text: result.stdout, warnings: result.stderr };
}

describe('the man page', () => {
  const page = readFileSync(PAGE, 'utf8');
  const commands = commandNames(cli(['--help']).stdout);

  it('has a section for every command of maillog --help, with its options', () => {
    expect(commands).toEqual(expect.arrayContaining(['ingest', 'report', 'export', 'status', 'check', 'metrics', 'completion']));
    expect(page.match(/^\.SS .*$/gm)).toEqual(commands.map((name) => `.SS ${name}`));
    expect(page).toContain(roffText(cli(['report', '--help']).stdout.trimEnd()));
  });

  it('starts as a section 1 page does: title, name line, synopsis', () => {
    expect(page.split('\n')[0]).toMatch(/^\.TH MAILLOG 1 "" "maillog \d+\.\d+\.\d+" "User Commands"$/);
    expect(page.match(/^\.SH .*$/gm)).toEqual(['.SH NAME', '.SH SYNOPSIS', '.SH DESCRIPTION', '.SH COMMANDS', '.SH ENVIRONMENT']);
    expect(page.split('\n')[2]).toMatch(/^maillog \\- \S/);
  });

  it.skipIf(!GROFF)('is roff groff reads without a warning', () => {
    const { text, warnings } = render(page);
    expect(warnings).toBe('');
    for (const name of commands) expect(text).toContain(`\n   ${name}\n`);
  });

  it.skipIf(!GROFF)('shows help text literally: backslashes, leading dots, minus signs and non-ASCII', () => {
    const help = ".db is a file\n'quoted' at the start\nC:\\maillog --db x.db\nthe site’s rules → café";
    const { text, warnings } = render(manPage({ version: '1.2.3', summary: 'a summary', overview: help, commands: [] }));
    expect(warnings).toBe('');
    for (const line of help.split('\n')) expect(text).toContain(`       ${line}\n`);
  });

  it('finds the commands in the Commands section only', () => {
    const overview = 'maillog <command>\n\nCommands:\n  maillog ingest <files..>  Read logs\n  maillog compare <a> <b>   Two codes\n\nOptions:\n  --help  Show help\n\nmaillog report is an example\n';
    expect(commandNames(overview)).toEqual(['ingest', 'compare']);
  });
});
