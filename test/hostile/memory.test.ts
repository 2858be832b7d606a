// Item: memory grew with many long distinct lines until V8 aborted. Every
// cache, map and batch is bounded in characters as well as in entries, so a
// night of 3,000 distinct lines of 900 kB runs in a 256 MB heap.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BoundedMap } from '../../parsers/bounded-map.js';
import { openDatabase } from '../../src/store/database.js';
import { tempDir } from '../helpers.js';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'src', 'cli.js');

/** A text of `size` characters that no other line repeats. */
const filler = (i: number, size: number) => `k${i.toString(36)}x`.repeat(Math.ceil(size / 8)).slice(0, size);
const queueId = (i: number) => (0x10000000000 + i).toString(16).toUpperCase().slice(-11);

/** Postfix lines as a local user could make them with logger: a long sender, a long deferral reason, a long reject. */
function hostileLine(i: number, size: number): string {
  const stamp = `Nov 22 21:${String(10 + (Math.floor(i / 60) % 50)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} mail1`;
  if (i % 3 === 0) return `${stamp} postfix/qmgr[792]: ${queueId(i)}: from=<${filler(i, size)}@example.net>, size=329, nrcpt=1 (queue active)`;
  if (i % 3 === 1) {
    return `${stamp} postfix/smtp[852]: ${queueId(i - 1)}: to=<grey${i}@example.org>, relay=mx.example.org[192.0.2.7]:25, delay=0.01, delays=0/0/0/0.01, dsn=4.2.0, status=deferred (host mx.example.org[192.0.2.7] said: 450 4.2.0 ${filler(i, size)} Greylisted (in reply to RCPT TO command))`;
  }
  return `${stamp} postfix/smtpd[906]: NOQUEUE: reject: RCPT from client.example.com[198.51.100.4]: 550 5.7.1 <x${i}@example.net>: Recipient address rejected: ${filler(i, size)}; from=<s@example.com> to=<x${i}@example.net> proto=ESMTP helo=<client.example.com>`;
}

/** A delivery or a bounce (alternately) to a recipient domain of 1,000 characters no other line has. */
function distinctDomainLine(i: number): string {
  const domain = `d${i.toString(36)}-`.repeat(1000).slice(0, 1000);
  const id = queueId(i);
  const start = `Nov 22 21:${String(10 + (Math.floor(i / 60) % 50)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} mail1 postfix/smtp[844]: ${id}: to=<u@${domain}.example>, relay=mx.example.org[192.0.2.7]:25, delay=0.06, delays=0.02/0.02/0/0.01, `;
  return i % 2
    ? `${start}dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 4F1A2B3C4D)`
    : `${start}dsn=5.1.1, status=bounced (host mx.example.org[192.0.2.7] said: 550 5.1.1 User unknown (in reply to RCPT TO command))`;
}

/** Runs the CLI with the given heap and writes `lines` to its stdin. */
async function ingestPiped(heapMb: number, db: string, lines: number, line: (i: number) => string) {
  const child = spawn(process.execPath, [`--max-old-space-size=${heapMb}`, CLI, 'ingest', '--db', db, '--year', '2026', '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stdin.on('error', () => {}); // a child that died is reported by its exit, not by the pipe
  for (let i = 0; i < lines && child.exitCode === null; i++) {
    if (!child.stdin.write(`${line(i)}\n`)) await Promise.race([once(child.stdin, 'drain'), once(child, 'close')]);
  }
  child.stdin.end();
  const [code, signal] = child.exitCode === null ? await once(child, 'close') : [child.exitCode, child.signalCode];
  return { code, signal, stderr };
}

describe('memory', () => {
  it('keeps an entry map within its byte budget, evicting the oldest', () => {
    const map = new BoundedMap<string, string>(1000, { bytes: 100, weigh: (key, value) => key.length + value.length });
    for (let i = 0; i < 10; i++) map.set(`id${i}`, 'x'.repeat(30));
    expect(map.size).toBe(3); // 3 × 33 bytes
    expect([...map.keys()]).toEqual(['id7', 'id8', 'id9']);
    expect(map.evicted).toBe(7);
    map.set('id8', 'y'); // set again: lighter (4), and the most recent
    expect([...map.keys()]).toEqual(['id7', 'id9', 'id8']);
    map.set('id10', 'z'.repeat(30)); // 33 + 4 + 34 = 71 once id7 is out
    expect([...map.keys()]).toEqual(['id9', 'id8', 'id10']);
    map.delete('id9');
    map.set('id11', 'w'.repeat(30));
    expect([...map.keys()]).toEqual(['id8', 'id10', 'id11']); // room again: nothing evicted
    expect(map.evicted).toBe(8);
  });

  it('stays flat over 3,000 distinct lines of 900 kB in a 256 MB heap', async () => {
    const { code, stderr } = await ingestPiped(256, join(tempDir(), 'm.db'), 3000, (i) => hostileLine(i, 900_000));
    expect(stderr).not.toMatch(/heap out of memory|Allocation failed/);
    expect(code).toBe(0);
    expect(stderr).toMatch(/ingested 1 file: 3000 lines \(3000 recognised, 0 other programs, 0 skipped\), 2000 failures/);
    expect(stderr).not.toContain('correlation limit');
  }, 240_000);

  it('adds up the daily counts of 200,000 distinct long recipient domains in a 64 MB heap', async () => {
    const db = join(tempDir(), 'm.db');
    const { code, stderr } = await ingestPiped(64, db, 200_000, distinctDomainLine);
    expect(stderr).not.toMatch(/heap out of memory|Allocation failed/);
    expect(code).toBe(0);
    expect(stderr).toContain('100000 failures, 100000 deliveries');
    const check = openDatabase(db, { readonly: true });
    const sums = check.prepare("SELECT (SELECT sum(count) FROM failures_daily) AS failures, (SELECT sum(count) FROM deliveries_daily) AS deliveries, (SELECT count(*) FROM deliveries_daily) AS domains").get();
    check.close();
    expect(sums).toEqual({ failures: 100_000, deliveries: 100_000, domains: 100_000 });
  }, 240_000);
});
