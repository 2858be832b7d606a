// Every command's --help, as an administrator reads it: each option says what
// it does, each example can be copied whole, and the exit codes come last.

import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';

const top = cli(['--help']).stdout;
/** The commands maillog's own help lists, so that a new one is checked too. */
const COMMANDS = [...top.matchAll(/^ {2}maillog (\w+)/gm)].map((m) => m[1]);

/** The lines of a section ("Options:") up to the blank line that ends it. */
function section(help: string, title: string): string[] {
  const lines = help.split('\n');
  const start = lines.indexOf(title);
  if (start === -1) return [];
  const end = lines.indexOf('', start);
  return lines.slice(start + 1, end === -1 ? undefined : end);
}

describe('help', () => {
  it('lists every command', () => {
    expect(COMMANDS).toEqual(['ingest', 'report', 'export', 'classify', 'unclassified', 'reclassify', 'explain', 'compare', 'status', 'sources', 'forget', 'push', 'check', 'metrics', 'completion']);
  });

  it.each(COMMANDS)('%s: -h is --help', (command) => {
    expect(cli([command, '-h']).stdout).toBe(cli([command, '--help']).stdout);
  });

  it.each(COMMANDS)('%s: every option and positional has a description', (command) => {
    const help = cli([command, '--help']).stdout;
    const entries = [...section(help, 'Positionals:'), ...section(help, 'Options:')].filter((l) => /^ {2}(?:-\w, |    )?-{0,2}[\w-]+(?: |$)/.test(l));
    expect(entries.length).toBeGreaterThan(1);
    for (const entry of entries) {
      // What follows the name: a description, not straight away yargs' [type] or [choices].
      const after = entry.replace(/^ {2}(?:-\w, |    )?-{0,2}[\w-]+\s*/, '');
      expect(after, `${command}: ${entry}`).toMatch(/^[^[\s]/);
    }
  });

  it.each(COMMANDS)('%s: each example is a description, then the whole command on one line', (command) => {
    const help = cli([command, '--help']).stdout;
    const examples = section(help, 'Examples:');
    expect(examples.length).toBeGreaterThan(0);
    expect(examples.length % 2).toBe(0);
    for (let i = 0; i < examples.length; i += 2) {
      // A wrapped description or command breaks the pairs: a line that is neither ends up in one of them.
      expect(examples[i], `${command}: ${examples[i]}`).toMatch(/^ {2}[^$ ].*:$/);
      expect(examples[i + 1], `${command}: ${examples[i + 1]}`).toMatch(/^ {2}\$ (?:.* \| )?maillog \w+/);
    }
  });

  it.each([...COMMANDS, ''])('%s: ends with the exit codes', (command) => {
    const help = cli(command ? [command, '--help'] : ['--help']).stdout.trimEnd();
    const last = help.slice(help.lastIndexOf('\n\n') + 2).replace(/\n/g, ' ');
    expect(last).toMatch(/^Exit codes: 0 success; .*2 usage or fatal error\b.*\.$/);
  });
});
