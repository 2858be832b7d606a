// Inputs that are no ordinary file one at a time: pipes (/dev/stdin, a shell's
// process substitution) cannot seek, and a run over mail.log.* may name more
// files than a process may hold open.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { cli, SAMPLES, tempDir } from '../helpers.js';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'src', 'cli.js');
const SAMPLE = join(SAMPLES, 'postfix', 'syslog-rfc3164.log');
const SAMPLE_LINES = readFileSync(SAMPLE, 'utf8').split('\n').length - 1;

/** The CLI run by a shell, so that a test can use its redirections and limits. */
function shell(script: string, args: string[]) {
  const run = spawnSync('bash', ['-c', script, 'bash', process.execPath, CLI, ...args], { encoding: 'utf8', env: { ...process.env, MAILLOG_DB: '' } });
  return { status: run.status, stderr: run.stderr };
}

function storedLines(db: string): number {
  const check = openDatabase(db, { readonly: true });
  try {
    return check.prepare('SELECT sum(lines) FROM sources').pluck().get() as number;
  } finally {
    check.close();
  }
}

describe('pipes', () => {
  it('reads /dev/stdin from its start, as it reads -', () => {
    const db = join(tempDir(), 'm.db');
    const run = cli(['ingest', '--db', db, '--year', '2026', '/dev/stdin'], { input: readFileSync(SAMPLE) });
    expect(run.stderr).toContain(`${SAMPLE_LINES} lines (${SAMPLE_LINES} recognised`);
    expect(run.status).toBe(0);
  });

  it('reads a process substitution, <(...), from its start', () => {
    const db = join(tempDir(), 'm.db');
    const run = shell('"$1" "$2" ingest --db "$3" --year 2026 <(cat "$4")', [db, SAMPLE]);
    expect(run.stderr).toContain(`${SAMPLE_LINES} lines (${SAMPLE_LINES} recognised`);
    expect(run.status).toBe(0);
  });

  it('reads a gzip piped through /dev/stdin', () => {
    const db = join(tempDir(), 'm.db');
    const run = shell('gzip -c "$4" | "$1" "$2" ingest --db "$3" --year 2026 /dev/stdin', [db, SAMPLE]);
    expect(run.stderr).toContain(`${SAMPLE_LINES} lines (${SAMPLE_LINES} recognised`);
    expect(run.status).toBe(0);
  });
});

describe('many files', () => {
  it('ingests more files than the process may hold open', () => {
    const dir = tempDir();
    const logs = join(dir, 'logs');
    mkdirSync(logs);
    const lines = readFileSync(SAMPLE, 'utf8').split('\n').slice(0, -1);
    const files = 600;
    for (let i = 0; i < files; i++) writeFileSync(join(logs, `mail.log.${String(i).padStart(3, '0')}`), `${lines[i % lines.length]}\nextra ${i}\n`);
    const db = join(dir, 'm.db');
    const run = shell('ulimit -n 256 && "$1" "$2" ingest --db "$3" --year 2026 "$4"', [db, logs]);
    expect(run.stderr).not.toContain('EMFILE');
    expect(run.stderr).toContain(`ingested ${files} files: ${2 * files} lines`);
    expect(run.status).toBe(0);
    expect(storedLines(db)).toBe(2 * files);
  });
});
