// --year is the year of a log's first line: a log that runs from December into
// January puts January in the next year.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { cli, SAMPLES, tempDir } from '../helpers.js';

const BOUNCE = readFileSync(join(SAMPLES, 'postfix', 'syslog-rfc3164.log'), 'utf8')
  .split('\n')
  .find((l) => l.includes('status=bounced'))!;

function storedTimes(stamps: string[], args: string[]): string[] {
  const dir = tempDir();
  const db = join(dir, 'm.db');
  const log = join(dir, 'mail.log');
  writeFileSync(log, stamps.map((s) => s + BOUNCE.slice('Nov 22 21:22:16'.length)).join('\n') + '\n');
  const run = cli(['ingest', '--db', db, '--tz', 'UTC', ...args, log]);
  expect(run.status).toBe(0);
  const check = openDatabase(db, { readonly: true });
  const times = check.prepare('SELECT time FROM events ORDER BY line').pluck().all() as string[];
  check.close();
  return times;
}

describe('--year', () => {
  it('is the year of the first line, and a log that runs into January goes on in the next year', () => {
    expect(storedTimes(['Dec 30 23:00:00', 'Dec 31 23:59:59', 'Jan  1 00:00:01', 'Jan  2 10:00:00'], ['--year', '2026'])).toEqual([
      '2026-12-30T23:00:00.000Z',
      '2026-12-31T23:59:59.000Z',
      '2027-01-01T00:00:01.000Z',
      '2027-01-02T10:00:00.000Z',
    ]);
  });

  it('keeps the year for a line a little out of order across the end of a month', () => {
    expect(storedTimes(['Mar 31 23:59:59', 'Apr  1 00:00:00', 'Mar 31 23:59:59', 'Apr  1 00:00:01'], ['--year', '2026'])).toEqual([
      '2026-03-31T23:59:59.000Z',
      '2026-04-01T00:00:00.000Z',
      '2026-03-31T23:59:59.000Z',
      '2026-04-01T00:00:01.000Z',
    ]);
  });
});
