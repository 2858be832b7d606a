// Ctrl-C while the ingest progress bar is shown: the cursor the bar hid is
// shown again, the run ends with the status of an interrupt, and the database
// keeps nothing of the run.

import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { cli, SAMPLES, tempDir } from '../helpers.js';
import { progressBar } from '../../src/commands/progress-bar.js';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'src', 'cli.js');
const SHOW_CURSOR = '\x1b[?25h';
const HIDE_CURSOR = '\x1b[?25l';

/** A Postfix log of many copies of a real one, each from another host: long enough to interrupt. */
function largeLog(dir: string, megabytes: number): string {
  const text = readFileSync(join(SAMPLES, 'postfix', 'syslog-rfc3164.log'), 'utf8');
  const copies = Math.ceil((megabytes * 1e6) / text.length);
  const path = join(dir, 'large.log');
  writeFileSync(path, Array.from({ length: copies }, (_, i) => text.replaceAll(' mail1 ', ` mx${i} `)).join(''));
  return path;
}

const hasScript = spawnSync('script', ['--version']).status === 0;

describe('Ctrl-C during the progress bar', () => {
  it.skipIf(!hasScript)('shows the cursor again and exits 130, keeping nothing of the run', async () => {
    const dir = tempDir();
    const db = join(dir, 'maillog.db');
    const log = largeLog(dir, 60);
    // script(1) gives the ingest a terminal; a Ctrl-C byte written to it is
    // turned into SIGINT by the terminal, as when a person presses the keys.
    const child = spawn('script', ['-qefc', `${process.execPath} ${CLI} ingest --db ${db} --year 2026 ${log}`, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    let interrupted = false;
    child.stdout.on('data', (chunk) => {
      output += String(chunk);
      if (!interrupted && /\d+% \|/.test(output)) {
        interrupted = true;
        child.stdin.write('\x03');
      }
    });
    const status = await new Promise<number | null>((done) => child.on('close', done));
    expect(interrupted).toBe(true);
    expect(output).not.toContain('ingested');
    expect(status).toBe(130);
    expect(output.lastIndexOf(HIDE_CURSOR)).toBeGreaterThanOrEqual(0);
    expect(output.lastIndexOf(SHOW_CURSOR)).toBeGreaterThan(output.lastIndexOf(HIDE_CURSOR));
    const events = cli(['status', '--db', db, '--format', 'json']);
    if (events.status === 0) expect((JSON.parse(events.stdout) as { events: { count: number } }).events.count).toBe(0);
  }, 60_000);

  it('shows the cursor again when the process is told to stop', () => {
    const chunks: string[] = [];
    const stream = Object.assign(new Writable({ write: (chunk, _e, done) => (chunks.push(String(chunk)), done()) }), { isTTY: true, columns: 120 });
    const exits: (number | undefined)[] = [];
    const listening = process.listenerCount('SIGINT');
    const exit = process.exit;
    process.exit = ((code?: number) => void exits.push(code)) as never;
    try {
      const bar = progressBar(stream as unknown as NodeJS.WriteStream);
      bar.start(100e6);
      bar.update(10e6);
      process.emit('SIGTERM', 'SIGTERM');
    } finally {
      process.exit = exit;
    }
    const output = chunks.join('');
    expect(output.lastIndexOf(SHOW_CURSOR)).toBeGreaterThan(output.lastIndexOf(HIDE_CURSOR));
    expect(exits).toEqual([143]);
    expect(process.listenerCount('SIGINT')).toBe(listening);
  });
});
