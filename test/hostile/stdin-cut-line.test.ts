// An unterminated last line is held for the next run only when the input can
// be read again from where this run stopped; a stream cut mid-line is stored.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, SAMPLES, tempDir } from '../helpers.js';

const [FIRST, SECOND] = readFileSync(join(SAMPLES, 'postfix', 'syslog-rfc3164.log'), 'utf8')
  .split('\n')
  .filter((l) => l.includes('status=bounced'));
const CUT = `${FIRST}\n${SECOND}`;

describe('a last line without its newline', () => {
  for (const name of ['-', '/dev/stdin']) {
    it(`is stored when read from ${name}, which cannot be read again`, () => {
      const db = join(tempDir(), 'm.db');
      const run = cli(['ingest', '--db', db, '--year', '2026', name], { input: CUT });
      expect(run.status).toBe(0);
      expect(run.stderr).toContain('ingested 1 file: 2 lines (2 recognised, 0 other programs, 0 skipped), 2 failures');
      expect(run.stderr).not.toContain('left for the next run');
    });
  }

  it('is left for the next run of a file, which may still be written', () => {
    const dir = tempDir();
    const db = join(dir, 'm.db');
    const log = join(dir, 'mail.log');
    writeFileSync(log, CUT);
    const run = cli(['ingest', '--db', db, '--year', '2026', log]);
    expect(run.stderr).toContain(`${log}: last line has no newline yet; it is left for the next run`);
    expect(run.stderr).toContain('ingested 1 file: 1 line (');
    writeFileSync(log, `${CUT}\n`);
    expect(cli(['ingest', '--db', db, '--year', '2026', log]).stderr).toContain('ingested 1 file: 1 line (1 recognised, 0 other programs, 0 skipped), 1 failure, ');
  });
});
