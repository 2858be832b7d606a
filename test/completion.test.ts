// maillog completion bash|zsh: the scripts, and the answers they ask for.

import { spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { commandNames } from '../man/roff.js';
import { cli, tempDir } from './helpers.js';

const CLI = join(import.meta.dirname, '..', 'dist', 'src', 'cli.js');

/** A directory with `maillog` in it, as an installed one is on PATH: the scripts call it by name. */
let bin: string;
beforeAll(() => {
  bin = tempDir(true);
  writeFileSync(join(bin, 'maillog'), `#!/bin/sh\nexec '${process.execPath}' '${CLI}' "$@"\n`);
  chmodSync(join(bin, 'maillog'), 0o755);
});

/** What bash offers after typing `words`, the last one being completed, with the script loaded as bash_completion.d loads it. */
function bashOffers(words: string[]): string[] {
  const script = cli(['completion', 'bash']).stdout;
  const quoted = words.map((word) => `'${word}'`).join(' ');
  const run = spawnSync('bash', ['--norc', '--noprofile', '-c', `${script}\nCOMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _maillog_complete; printf '%s\\n' "\${COMPREPLY[@]}"`], {
    encoding: 'utf8',
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, SHELL: '/bin/zsh', MAILLOG_DB: '' },
  });
  expect(run.stderr).toBe('');
  return run.stdout.split('\n').filter(Boolean);
}

describe('maillog completion bash', () => {
  it('offers every command of maillog --help after the program name', () => {
    expect(bashOffers(['maillog', ''])).toEqual(commandNames(cli(['--help']).stdout));
  });

  it('offers the commands and options that start with what was typed', () => {
    expect(bashOffers(['maillog', 're'])).toEqual(['report', 'reclassify']);
    expect(bashOffers(['maillog', 'report', '--s'])).toEqual(['--since', '--sort']);
  });

  it('leaves file names to bash where it has nothing to offer', () => {
    expect(bashOffers(['maillog', 'ingest', '/var/log/ma'])).toEqual([]);
    expect(cli(['completion', 'bash']).stdout).toMatch(/^complete -o default -F _maillog_complete maillog$/m);
  });
});

describe('maillog completion zsh', () => {
  it('registers its function for maillog and asks for answers with descriptions', () => {
    const script = cli(['completion', 'zsh']).stdout;
    expect(script).toMatch(/^compdef _maillog_complete maillog$/m);
    expect(script).toContain('SHELL=zsh maillog --get-yargs-completions');
    const answers = cli(['--get-yargs-completions', 'maillog', ''], { env: { SHELL: 'zsh' } }).stdout;
    expect(answers).toMatch(/^ingest:Read MTA logs/m);
    expect(answers).toMatch(/^completion:Print the script/m);
  });
});

describe('maillog completion', () => {
  it('names the shells it has a script for', () => {
    const run = cli(['completion', 'fish']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('maillog: Invalid values: Argument: shell, Given: "fish", Choices: "bash", "zsh"\n');
  });
});
