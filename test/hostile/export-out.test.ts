// `export --out`: a path that names the database (or its journal files) is
// refused before anything is opened for writing, and a file is replaced only
// by a finished export.

import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, symlinkSync, writeFileSync, openSync, writeSync, closeSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { cli, SAMPLES, tempDir } from '../helpers.js';

const LOG = join(SAMPLES, 'postfix', 'syslog-rfc3164.log');

/** Junk over the pages after the schema, where the event rows are. */
function corrupt(db: string): void {
  const fd = openSync(db, 'r+');
  writeSync(fd, randomBytes(16384), 0, 16384, 16384 * 2);
  closeSync(fd);
}

describe('export --out', () => {
  let dir: string;
  let db: string;
  let before: Buffer;

  beforeEach(() => {
    dir = tempDir();
    db = join(dir, 'maillog.db');
    expect(cli(['ingest', '--db', db, '--year', '2026', LOG]).status).toBe(0);
    before = readFileSync(db);
  });

  function expectRefused(out: string, env: Record<string, string> = {}): void {
    const run = cli(['export', '--db', db, '--out', out], { env });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^maillog: --out .* is the database .*\n$/);
    expect(readFileSync(db).equals(before)).toBe(true);
  }

  it('refuses an --out that is the database', () => {
    expectRefused(db);
    expect(cli(['status', '--db', db]).status).toBe(0);
  });

  it('refuses an --out that is the database written another way, or a symlink to it', () => {
    expectRefused(join(dir, '.', 'sub', '..', 'maillog.db'));
    const link = join(dir, 'link.db');
    symlinkSync(db, link);
    expectRefused(link);
  });

  it('refuses an --out that is the database\'s -wal, -shm or -journal file', () => {
    for (const suffix of ['-wal', '-shm', '-journal']) expectRefused(`${db}${suffix}`);
  });

  it('refuses the database named by MAILLOG_DB', () => {
    const run = cli(['export', '--out', db], { env: { MAILLOG_DB: db } });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^maillog: --out .* is the database/);
    expect(readFileSync(db).equals(before)).toBe(true);
  });

  it('keeps the previous file and leaves no half file when the export fails', () => {
    corrupt(db);
    for (const format of ['csv', 'ndjson']) {
      const out = join(dir, `events.${format}`);
      writeFileSync(out, 'last night\n');
      const run = cli(['export', '--db', db, '--format', format, '--out', out]);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/^maillog: [^\n]*\n$/);
      expect(readFileSync(out, 'utf8')).toBe('last night\n');
    }
    expect(readdirSync(dir).filter((f) => !f.startsWith('maillog.db')).sort()).toEqual(['events.csv', 'events.ndjson']);
  });

  it('replaces an existing file with the finished export, leaving no temporary file', () => {
    const out = join(dir, 'events.csv');
    writeFileSync(out, 'last night\n');
    const run = cli(['export', '--db', db, '--out', out]);
    expect(run.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^time,mta,host,/);
    expect(readdirSync(dir).filter((f) => f.includes('tmp'))).toEqual([]);
  });

  it('writes into a directory that does not exist as one line', () => {
    const out = join(dir, 'missing', 'events.csv');
    const run = cli(['export', '--db', db, '--out', out]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^maillog: cannot write .*missing\/events\.csv: [^\n]*\n$/);
    expect(existsSync(out)).toBe(false);
  });

  it('writes under a directory that is a file as one line', () => {
    writeFileSync(join(dir, 'file'), '');
    const run = cli(['export', '--db', db, '--out', join(dir, 'file', 'events.csv')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^maillog: cannot write .*file\/events\.csv: not a directory\n$/);
  });
});
