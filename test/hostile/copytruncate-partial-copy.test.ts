// logrotate's copytruncate copies mail.log to mail.log.1, then truncates
// mail.log. A run that happens while the copy is being written sees a
// mail.log.1 with the same first lines as mail.log, but shorter than what was
// already read: that is a partial copy with nothing new, not a truncation.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { cli, SAMPLES, tempDir } from '../helpers.js';

const LINES = readFileSync(join(SAMPLES, 'postfix', 'syslog-rfc3164.log'), 'utf8').split('\n').slice(0, -1);
const part = (from: number, to: number) => `${LINES.slice(from, to).join('\n')}\n`;

function totals(db: string) {
  const check = openDatabase(db, { readonly: true });
  try {
    return {
      events: check.prepare('SELECT count(*) FROM events').pluck().get(),
      byCause: check.prepare('SELECT cause, outcome, count(*) AS n FROM events GROUP BY 1, 2 ORDER BY 1, 2').all(),
      deliveries: check.prepare('SELECT sum(count) FROM deliveries_daily').pluck().get(),
      lines: check.prepare('SELECT sum(lines) FROM sources').pluck().get(),
    };
  } finally {
    check.close();
  }
}

function night(db: string, ...files: string[]) {
  const run = cli(['ingest', '--db', db, '--year', '2026', ...files]);
  expect(run.status).toBe(0);
  return run;
}

describe('copytruncate caught in the middle of its copy', () => {
  it('counts every line once over the nights, as one ingest of the whole log would', () => {
    const dir = tempDir();
    const db = join(dir, 'm.db');
    const log = join(dir, 'mail.log');
    const copy = `${log}.1`;

    writeFileSync(log, part(0, 200));
    night(db, log);

    // The log has grown; logrotate has written only the first 120 lines of its copy.
    writeFileSync(log, part(0, 350));
    writeFileSync(copy, part(0, 120));
    const during = night(db, copy, log);
    expect(during.stderr).toContain(`${copy}: nothing new since the last run`);
    expect(during.stderr).not.toContain('truncated in place');

    // The copy completed with lines written meanwhile; mail.log was truncated and written again.
    writeFileSync(copy, part(0, 400));
    writeFileSync(log, part(400, 470));
    night(db, copy, log);

    writeFileSync(log, part(400, LINES.length));
    night(db, copy, log);

    const once = join(dir, 'once.db');
    const whole = join(dir, 'whole.log');
    writeFileSync(whole, part(0, LINES.length));
    night(once, whole);
    expect(totals(db)).toEqual(totals(once));
    expect(totals(db).lines).toBe(LINES.length);
  });

  it('still reads a log truncated in place under its own name again from its start', () => {
    const dir = tempDir();
    const db = join(dir, 'm.db');
    const log = join(dir, 'mail.log');
    writeFileSync(log, part(0, 200));
    night(db, log);
    writeFileSync(`${log}.1`, part(0, 100));
    expect(night(db, `${log}.1`).stderr).toContain('nothing new in 1 file');
    writeFileSync(log, part(0, 100) + part(300, 320));
    const again = night(db, log);
    expect(again.stderr).toContain(`${log}: shorter than what was read of it before (truncated in place, as by copytruncate): read again from its start`);
    expect(again.stderr).toMatch(/ingested 1 file: 120 lines/);
  });
});
