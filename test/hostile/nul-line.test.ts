// Which skipped lines are binary and which are over 1 MiB: a line that is one
// NUL byte is binary junk, not the stand-in of a line over 1 MiB (also a single
// NUL), and 1 MiB is counted in bytes, whatever the characters.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, SAMPLES, tempDir } from '../helpers.js';

const LINES = readFileSync(join(SAMPLES, 'postfix', 'syslog-rfc3164.log'), 'utf8').split('\n').slice(0, 20);

describe('skipped lines', () => {
  it('is counted as binary, and a line over 1 MiB beside it as over 1 MiB', () => {
    const dir = tempDir();
    const log = join(dir, 'mail.log');
    writeFileSync(log, [...LINES.slice(0, 10), '\u0000', 'x'.repeat(1_100_000), '\u0000\r', ...LINES.slice(10)].join('\n') + '\n');
    const run = cli(['ingest', '--db', join(dir, 'm.db'), '--year', '2026', log]);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(`skipped 3 unparseable lines in ${log} (2 binary or invalid UTF-8, 1 over 1 MiB)`);
    expect(run.stderr).toContain('ingested 1 file: 23 lines (20 recognised');
  });

  it('counts a line of 1.2 MiB of two-byte characters as over 1 MiB', () => {
    const dir = tempDir();
    const log = join(dir, 'mail.log');
    writeFileSync(log, [...LINES.slice(0, 10), 'é'.repeat(600_000), ...LINES.slice(10)].join('\n') + '\n');
    const run = cli(['ingest', '--db', join(dir, 'm.db'), '--year', '2026', log]);
    expect(run.stderr).toContain(`skipped 1 unparseable line in ${log} (1 over 1 MiB)`);
  });
});
