// Output that cannot be written, and a database that cannot be read: one line
// or a quiet end, never a stack trace.

import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, SAMPLES, tempDir } from '../helpers.js';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'src', 'cli.js');
const LOGS = ['postfix', 'exim'].map((d) => join(SAMPLES, d));
const BOUNCE = "host 127.0.0.1[127.0.0.1] said: 550 5.1.1 <nosuchuser1@a-nouser.test>: Recipient address rejected: User unknown (in reply to RCPT TO command)\n";

let db: string;
let corrupt: string;

beforeAll(() => {
  const dir = tempDir(true);
  db = join(dir, 'maillog.db');
  expect(cli(['ingest', '--db', db, '--year', '2026', ...LOGS]).status).toBe(0);
  // A copy with junk over the pages after the schema, where the event rows are.
  corrupt = join(dir, 'corrupt.db');
  expect(cli(['ingest', '--db', corrupt, '--year', '2026', ...LOGS]).status).toBe(0);
  const fd = openSync(corrupt, 'r+');
  writeSync(fd, randomBytes(16384), 0, 16384, 16384 * 2);
  closeSync(fd);
});

const COMMANDS = (): [string, string[], string?][] => [
  ['report', ['report', '--db', db]],
  ['report --by reason', ['report', '--db', db, '--by', 'reason']],
  ['export', ['export', '--db', db]],
  ['export --format ndjson', ['export', '--db', db, '--format', 'ndjson']],
  ['explain', ['explain', '550', '--db', db]],
  ['classify -', ['classify', '-'], BOUNCE.repeat(2000)],
  ['status', ['status', '--db', db]],
  ['unclassified', ['unclassified', '--db', db]],
  ['metrics', ['metrics', '--db', db]],
];

/** The command with its stdout on a pipe whose reader has gone before the first write. */
function toClosedPipe(args: string[], input?: string): Promise<{ status: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, MAILLOG_DB: '' } });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
    child.on('close', (status) => done({ status, stderr }));
  });
}

describe('writing output', () => {
  it('ends quietly, exit 0, when the reader has closed the pipe', async () => {
    for (const [, args, input] of COMMANDS()) {
      expect({ args, ...(await toClosedPipe(args, input)) }).toEqual({ args, status: 0, stderr: '' });
    }
  });

  it('says the disk is full in one line, exit 2, when stdout is /dev/full', () => {
    expect(existsSync('/dev/full')).toBe(true);
    for (const [, args, input] of COMMANDS()) {
      const full = openSync('/dev/full', 'w');
      const run = spawnSync(process.execPath, [CLI, ...args], { input: input ?? '', stdio: ['pipe', full, 'pipe'], encoding: 'utf8', env: { ...process.env, MAILLOG_DB: '' } });
      closeSync(full);
      expect({ args, status: run.status, stderr: run.stderr }).toEqual({ args, status: 2, stderr: 'maillog: cannot write output: no space left on device\n' });
    }
  });
});

describe('a corrupt database', () => {
  it('is one line, exit 2, for CSV and NDJSON exports and reports', () => {
    for (const args of [['export', '--format', 'csv'], ['export', '--format', 'ndjson'], ['report'], ['report', '--by', 'reason'], ['status'], ['metrics']]) {
      const run = cli([...args, '--db', corrupt]);
      expect({ args, status: run.status }).toEqual({ args, status: 2 });
      expect(run.stderr).toMatch(/^maillog: [^\n]+\n$/);
    }
  });
});
