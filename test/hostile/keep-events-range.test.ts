// An impossible --keep-events is refused before anything is read or written,
// not after a whole night's logs were ingested.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, SAMPLES, tempDir } from '../helpers.js';

const SAMPLE_DIR = join(SAMPLES, 'postfix');

describe('--keep-events range', () => {
  it('refuses a period beyond 100 years at once, in one line, before the database is touched', () => {
    const db = join(tempDir(), 'test.db');
    const run = cli(['ingest', '--db', db, '--keep-events', '99999999999d', SAMPLE_DIR]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('maillog: --keep-events 99999999999d: at most 36500 days (100 years), such as 90d or 12w\n');
    expect(existsSync(db)).toBe(false);
  });

  it('refuses weeks that add up to more than 100 years', () => {
    const run = cli(['ingest', '--db', join(tempDir(), 'test.db'), '--keep-events', '5215w', SAMPLE_DIR]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^maillog: --keep-events 5215w: at most 36500 days/);
  });

  it('accepts exactly 100 years', () => {
    const run = cli(['ingest', '--db', join(tempDir(), 'test.db'), '--keep-events', '36500d', SAMPLE_DIR]);
    expect(run.stderr).not.toMatch(/maillog:/);
    expect(run.status).toBe(0);
  });
});
