// A full disk in the middle of a run: the user is told the disk is full (not a
// rollback error), nothing of the run is kept, and the next run, once there is
// room, gives what one uninterrupted run gives.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest.js';
import { reclassify } from '../../src/store/reclassify.js';
import { Classifier } from '../../src/classify/classifier.js';
import { classifierOptions } from '../../src/commands/options.js';
import { openDatabase, type Db } from '../../src/store/database.js';
import { cli, countsByCause, SAMPLES, tempDb, tempDir } from '../helpers.js';

const SAMPLE_DIRS = ['postfix', 'exim', 'qmail'].map((d) => join(SAMPLES, d));
const options = { format: 'auto' as const, year: 2026 };

/** A Postfix log of `copies` copies of a real one, each from another host, so each copy is new content. */
function largeLog(dir: string, copies: number): string {
  const text = readFileSync(join(SAMPLES, 'postfix', 'syslog-rfc3164.log'), 'utf8');
  const path = join(dir, 'large.log');
  writeFileSync(path, Array.from({ length: copies }, (_, i) => text.replaceAll(' mail1 ', ` mx${i} `)).join(''));
  return path;
}

/** What a run leaves in the database, without the run's own clock. */
function contents(db: Db) {
  const count = (sql: string) => db.prepare(sql).pluck().get();
  return {
    causes: countsByCause(db),
    events: count('SELECT count(*) FROM events'),
    failuresDaily: count('SELECT coalesce(sum(count), 0) FROM failures_daily'),
    deliveriesDaily: count('SELECT coalesce(sum(count), 0) FROM deliveries_daily'),
    carried: count('SELECT count(*) FROM carryover'),
    runs: count('SELECT count(*) FROM runs'),
    sources: db.prepare('SELECT path, format, "offset", lines, failures, deliveries FROM sources ORDER BY path').all(),
  };
}

async function uninterrupted(large: string) {
  const { db } = tempDb();
  await ingest(db, SAMPLE_DIRS, options);
  await ingest(db, [large], options);
  const result = contents(db);
  db.close();
  return result;
}

const FULL = /^the disk holding .*test\.db is full; nothing of this run was stored \(free space and run again\)$/;

describe('a full disk', () => {
  it('says the disk is full, keeps the database as it was, and the next run completes it', async () => {
    const { db } = tempDb();
    await ingest(db, SAMPLE_DIRS, options);
    const before = contents(db);
    const large = largeLog(tempDir(), 40);
    // SQLite's own ceiling on the file's size: a real SQLITE_FULL from SQLite, at the first page past it.
    db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true })) + 2}`);

    await expect(ingest(db, [large], options)).rejects.toThrow(FULL);
    expect(db.inTransaction).toBe(false);
    expect(contents(db)).toEqual(before);

    db.pragma('max_page_count = 1073741823');
    await ingest(db, [large], options);
    expect(contents(db)).toEqual(await uninterrupted(large));
  });

  it('says the disk is full when reclassify runs out of room, and changes nothing', async () => {
    const { db, path } = tempDb();
    await ingest(db, [largeLog(tempDir(), 40)], options);
    const before = contents(db);
    const rules = join(tempDir(), 'rules.yaml');
    // Every failure takes the longest cause id: each row grows, so the tables need pages they do not have.
    writeFileSync(rules, 'rules:\n  - id: site-everything\n    cause: external-recipient-forbidden\n    text: .\n');
    db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true }))}`);
    expect(() => reclassify(db, new Classifier(classifierOptions({ rules })), null)).toThrow(`the disk holding ${path} is full; nothing was changed`);
    expect(db.inTransaction).toBe(false);
    expect(contents(db)).toEqual(before);
  });

  it('on a real filesystem that fills up, exits 2 with one line and the next run after freeing space completes it', async (ctx) => {
    const dir = tempDir();
    const mnt = join(dir, 'mnt');
    mkdirSync(mnt);
    const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mnt], { encoding: 'utf8' });
    if (mount.status !== 0) ctx.skip(`cannot mount a small tmpfs here (${(mount.stderr || mount.error?.message || '').trim()}); the max_page_count variant covers SQLITE_FULL`);
    try {
      const path = join(mnt, 'test.db');
      expect(cli(['ingest', '--db', path, '--year', '2026', ...SAMPLE_DIRS]).status).toBe(0);
      const snapshot = () => {
        const db = openDatabase(path, { readonly: true });
        const result = contents(db);
        db.close();
        return result;
      };
      const before = snapshot();
      const large = largeLog(dir, 40);

      const run = cli(['ingest', '--db', path, '--year', '2026', large]);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/^maillog: the disk holding .*test\.db is full; nothing of this run was stored \(free space and run again\)\n$/);
      expect(snapshot()).toEqual(before);

      expect(spawnSync('mount', ['-o', 'remount,size=64m', mnt]).status).toBe(0);
      expect(cli(['ingest', '--db', path, '--year', '2026', large]).status).toBe(0);
      expect(snapshot()).toEqual(await uninterrupted(large));
    } finally {
      spawnSync('umount', [mnt]);
    }
  });
});
