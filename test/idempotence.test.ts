// Every line counts exactly once, however often and whenever a log is ingested.

import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ingest } from '../src/ingest.js';
import type { Db } from '../src/store/database.js';
import { SAMPLES, tempDb } from './helpers.js';

const SAMPLE = join(SAMPLES, 'postfix', 'syslog-rfc3164.log');
const options = { format: 'auto' as const, year: 2026 };

function totals(db: Db) {
  const one = (sql: string) => db.prepare(sql).pluck().get();
  return {
    events: one('SELECT count(*) FROM events'),
    aggregated: one('SELECT coalesce(sum(count), 0) FROM failures_daily'),
    delivered: one('SELECT coalesce(sum(count), 0) FROM deliveries_daily'),
    lines: one('SELECT coalesce(sum(lines), 0) FROM sources'),
  };
}

describe('ingesting again', () => {
  it('changes nothing when the same file is ingested twice', async () => {
    const { db } = tempDb();
    await ingest(db, [SAMPLE], options);
    const first = totals(db);
    const again = await ingest(db, [SAMPLE], options);
    expect(again.sources[0].newBytes).toBe(0);
    expect(again.sources[0].lines).toBe(0);
    expect(totals(db)).toEqual(first);
    expect(first.events).toBeGreaterThan(0);
  });

  it('reads only the new lines of a file that grew, and a line cut mid-way once it is whole', async () => {
    const content = readFileSync(SAMPLE);
    const { db: whole } = tempDb();
    await ingest(whole, [SAMPLE], options);

    const { db, dir } = tempDb();
    const log = join(dir, 'mail.log');
    const cut = Math.floor(content.length / 2) + 17; // lands inside a line
    writeFileSync(log, content.subarray(0, cut));
    const first = await ingest(db, [log], options);
    expect(first.sources[0].heldBackBytes).toBeGreaterThan(0);
    appendFileSync(log, content.subarray(cut));
    const second = await ingest(db, [log], options);
    expect(second.sources[0].resumedAt).toBe(cut - first.sources[0].heldBackBytes);
    expect(first.sources[0].lines + second.sources[0].lines).toBe(content.toString().split('\n').length - 1);
    expect(totals(db)).toEqual(totals(whole));
  });

  it('numbers lines from the start of the file across runs', async () => {
    const content = readFileSync(SAMPLE, 'utf8').split('\n');
    const { db, dir } = tempDb();
    const log = join(dir, 'mail.log');
    writeFileSync(log, content.slice(0, 100).join('\n') + '\n');
    await ingest(db, [log], options);
    appendFileSync(log, content.slice(100).join('\n'));
    await ingest(db, [log], options);
    const rows = db.prepare('SELECT line, recipient, outcome FROM events WHERE line > 100 ORDER BY line LIMIT 1').get() as { line: number; recipient: string };
    expect(content[rows.line - 1]).toContain(`to=<${rows.recipient}>`);
  });

  it('knows a compressed rotated file as the plain file it was', async () => {
    const { db, dir } = tempDb();
    const rotated = join(dir, 'mail.log.2.gz');
    writeFileSync(rotated, gzipSync(readFileSync(SAMPLE)));
    await ingest(db, [SAMPLE], options);
    const before = totals(db);
    const again = await ingest(db, [rotated], options);
    expect(again.sources[0].lines).toBe(0);
    expect(totals(db)).toEqual(before);
  });

  it('reads gzip content the same as plain, recognised by its bytes not its name', async () => {
    const { db: plain } = tempDb();
    await ingest(plain, [SAMPLE], options);
    const { db, dir } = tempDb();
    const disguised = join(dir, 'mail.log'); // gzip without .gz
    writeFileSync(disguised, gzipSync(readFileSync(SAMPLE)));
    await ingest(db, [disguised], options);
    expect(totals(db)).toEqual(totals(plain));
  });
});

describe('a run that is killed', () => {
  it('leaves the database as it was before the run started', async () => {
    const { spawn } = await import('node:child_process');
    const { db, dir, path } = tempDb();
    await ingest(db, [SAMPLE], options);
    const before = totals(db);
    db.close();

    // A log large enough that the run is still going when it is killed.
    const big = join(dir, 'big.log');
    const lines = readFileSync(join(SAMPLES, 'postfix', 'maillog_file.log'), 'utf8');
    writeFileSync(big, lines.repeat(800));
    const child = spawn(process.execPath, [join(import.meta.dirname, '..', 'dist', 'src', 'cli.js'), 'ingest', '--db', path, '--year', '2026', big], { stdio: 'ignore' });
    await new Promise((resolve) => setTimeout(resolve, 400));
    const killed = child.kill('SIGKILL');
    const [, signal] = (await new Promise((resolve) => child.once('exit', (...args) => resolve(args)))) as [number | null, string | null];
    expect(killed).toBe(true);
    expect(signal).toBe('SIGKILL'); // killed mid-run, not finished first

    const { openDatabase } = await import('../src/store/database.js');
    const after = openDatabase(path);
    expect(totals(after)).toEqual(before);
    expect(after.prepare('SELECT count(*) FROM sources').pluck().get()).toBe(1);
    after.close();
  });
});
