// A file read with the wrong --format, or no mail log at all: none of it is
// recorded, so the run with the right --format reads it whole; a file mostly
// not understood is stored, with a warning.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cli, SAMPLES, tempDir } from './helpers.js';

const POSTFIX = join(SAMPLES, 'postfix', 'syslog-rfc3164.log');
const EXIM = join(SAMPLES, 'exim', 'mainlog');

const count = (db: string, sql: string) => {
  const raw = new Database(db, { readonly: true });
  try {
    return raw.prepare(sql).pluck().get();
  } finally {
    raw.close();
  }
};

describe('a new file of which no line was recognised', () => {
  it('is not recorded, exits 1 in one line naming it, and is read whole with the right --format', () => {
    const db = join(tempDir(), 'm.db');
    const wrong = cli(['ingest', '--db', db, '--year', '2026', '--format', 'exim', POSTFIX, EXIM]);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain(
      `maillog: nothing in ${POSTFIX} was recognised as an exim log (0 of 551 lines); it was not recorded, so it can be read again with the right --format\n`,
    );
    expect(wrong.stderr).not.toContain(`${EXIM}:`);
    expect(count(db, 'SELECT count(*) FROM sources')).toBe(1);
    const eximFailures = count(db, 'SELECT count(*) FROM events');

    const right = cli(['ingest', '--db', db, '--year', '2026', '--format', 'postfix', POSTFIX]);
    expect(right.status).toBe(0);
    expect(right.stderr).toMatch(/^ingested 1 file: 551 lines \(551 recognised, 0 other programs, 0 skipped\), \d+ failures/m);
    expect(count(db, 'SELECT count(*) FROM events')).toBeGreaterThan(eximFailures as number);
  });

  it('leaves no source behind when it is not a log at all', () => {
    const dir = tempDir();
    const notes = join(dir, 'README.md');
    writeFileSync(notes, '# Notes\n\nNothing here is a log line.\n');
    const db = join(dir, 'm.db');
    const run = cli(['ingest', '--db', db, notes]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`maillog: nothing in ${notes} was recognised as a postfix log (0 of 3 lines)`);
    expect(count(db, 'SELECT count(*) FROM sources')).toBe(0);
  });
});

describe('a file mostly not understood', () => {
  it('is stored, with a warning that names it and the share of its own lines recognised', () => {
    const dir = tempDir();
    const mixed = join(dir, 'mixed.log');
    // One Exim line among notes pasted around it: the notes are not Exim's and are no other program's lines either.
    const lines = [
      'Tuesday, from the queue of mx2:',
      readFileSync(EXIM, 'utf8').split('\n')[3],
      'the same again later, see the ticket',
    ];
    writeFileSync(mixed, `${lines.join('\n')}\n`);
    const db = join(dir, 'm.db');
    const run = cli(['ingest', '--db', db, '--format', 'exim', mixed]);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(`maillog: only 33% of ${mixed} was recognised as an exim log (1 of 3 lines, other programs' lines left out)`);
    expect(count(db, 'SELECT count(*) FROM sources')).toBe(1);
  });

  it('is not warned about when the lines it did not recognise are other programs', () => {
    const run = cli(['ingest', '--db', join(tempDir(), 'm.db'), join(SAMPLES, 'qmail', 'qmail-smtpd.multilog')]);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^ingested 1 file: 28 lines \(18 recognised, 10 other programs, 0 skipped\)/m);
    expect(run.stderr).not.toContain('only');
  });
});
