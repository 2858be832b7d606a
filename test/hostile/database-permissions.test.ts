// The database holds mail addresses: a new one is not readable by every user
// of the machine. An existing database keeps the mode its owner gave it.

import { spawnSync } from 'node:child_process';
import { chmodSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest.js';
import { openDatabase } from '../../src/store/database.js';
import { SAMPLES, tempDir } from '../helpers.js';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'src', 'cli.js');
const SAMPLE = join(SAMPLES, 'postfix', 'syslog-rfc3164.log');

const mode = (path: string) => statSync(path).mode & 0o777;

/** The built CLI run under the given umask, as cron or a shell would start it. */
function ingestUnderUmask(umask: string, db: string): number | null {
  const run = spawnSync('sh', ['-c', `umask ${umask} && exec "$@"`, 'sh', process.execPath, CLI, 'ingest', '--db', db, SAMPLE], {
    env: { ...process.env, MAILLOG_DB: '' },
    encoding: 'utf8',
  });
  return run.status;
}

describe('database file permissions', () => {
  it('creates a new database 0640 under the usual umask 022', () => {
    const db = join(tempDir(), 'new.db');
    expect(ingestUnderUmask('022', db)).toBe(0);
    expect(mode(db)).toBe(0o640);
  });

  it('creates it stricter when the umask is stricter (077 gives 0600)', () => {
    const db = join(tempDir(), 'new.db');
    expect(ingestUnderUmask('077', db)).toBe(0);
    expect(mode(db)).toBe(0o600);
  });

  it('gives the write-ahead log and shared-memory files the mode of the database', async () => {
    const path = join(tempDir(), 'new.db');
    const db = openDatabase(path);
    await ingest(db, [SAMPLE], { format: 'auto', year: 2026 });
    // While the connection is open, the -wal and -shm files exist.
    expect(mode(path) & 0o007).toBe(0);
    expect(mode(`${path}-wal`)).toBe(mode(path));
    expect(mode(`${path}-shm`)).toBe(mode(path));
    db.close();
  });

  it('leaves the mode of an existing database alone', () => {
    const db = join(tempDir(), 'existing.db');
    expect(ingestUnderUmask('022', db)).toBe(0);
    chmodSync(db, 0o644);
    expect(ingestUnderUmask('077', db)).toBe(0);
    expect(mode(db)).toBe(0o644);
  });
});
