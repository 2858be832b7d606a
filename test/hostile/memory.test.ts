// Item: memory grew with many long distinct lines until V8 aborted. Every
// cache, map and batch is bounded in characters as well as in entries, so a
// night of 3,000 distinct lines of 900 kB runs in a 256 MB heap.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BoundedMap, textWeight } from '../../parsers/bounded-map.js';
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

describe('memory', () => {
  it('keeps an entry map within its character budget, evicting the oldest', () => {
    const map = new BoundedMap<string, string>(1000, { chars: 100, weigh: textWeight });
    for (let i = 0; i < 10; i++) map.set(`id${i}`, 'x'.repeat(30));
    expect(map.size).toBe(3); // 3 × 33 characters
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
    const dir = tempDir();
    const child = spawn(process.execPath, ['--max-old-space-size=256', CLI, 'ingest', '--db', join(dir, 'm.db'), '--year', '2026', '-'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    for (let i = 0; i < 3000; i++) {
      if (!child.stdin.write(`${hostileLine(i, 900_000)}\n`)) await once(child.stdin, 'drain');
    }
    child.stdin.end();
    const [code] = await once(child, 'close');
    expect(stderr).not.toMatch(/heap out of memory|Allocation failed/);
    expect(code).toBe(0);
    expect(stderr).toMatch(/ingested 1 file: 3000 lines \(3000 recognised, 0 other programs, 0 skipped\), 2000 failures/);
    expect(stderr).not.toContain('correlation limit');
  }, 240_000);
});
