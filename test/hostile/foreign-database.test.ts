// --db naming another program's SQLite database: maillog refuses it and leaves
// the file exactly as it was (no tables added, not switched to WAL).

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cli, SAMPLES, tempDir } from '../helpers.js';

const SAMPLE = join(SAMPLES, 'exim', 'mainlog');

/** An application's database as it writes it: two tables with rows, rollback journal. */
function otherProgramsDb(): string {
  const path = join(tempDir(), 'app.db');
  const db = new Database(path);
  db.exec("CREATE TABLE a (x); CREATE TABLE b (y); INSERT INTO a VALUES ('keep me'); INSERT INTO b VALUES (42)");
  db.close();
  return path;
}

describe('a database of another program', () => {
  it('refuses to ingest into it, in one line, and leaves it byte for byte as it was', () => {
    const path = otherProgramsDb();
    const bytes = readFileSync(path);
    const run = cli(['ingest', '--db', path, SAMPLE]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`maillog: ${path} is an SQLite database of another program (tables: a, b); maillog will not write into it\n`);
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('refuses to reclassify in it', () => {
    const path = otherProgramsDb();
    const bytes = readFileSync(path);
    const run = cli(['reclassify', '--db', path]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^maillog: .* is an SQLite database of another program \(tables: a, b\); maillog will not write into it\n$/);
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('adopts an empty file', () => {
    const path = join(tempDir(), 'empty.db');
    writeFileSync(path, '');
    expect(cli(['ingest', '--db', path, SAMPLE]).status).toBe(0);
    expect(cli(['status', '--db', path]).stdout).toMatch(/schema version/);
  });

  it('adopts an SQLite file without tables', () => {
    const path = join(tempDir(), 'blank.db');
    const db = new Database(path);
    db.pragma('user_version = 7'); // writes the header page, creates nothing
    db.close();
    expect(cli(['ingest', '--db', path, SAMPLE]).status).toBe(0);
  });

  it('still opens its own database on the next run', () => {
    const path = join(tempDir(), 'maillog.db');
    expect(cli(['ingest', '--db', path, SAMPLE]).status).toBe(0);
    expect(cli(['ingest', '--db', path, join(SAMPLES, 'exim', 'rejectlog')]).status).toBe(0);
  });
});
