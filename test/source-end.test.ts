// A parser may hold the last entry of a source for lines that could continue
// it (an Exim entry of several lines, a line splogger cut at 799 characters):
// the end of the source ends it, and its events are stored.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/store/database.js';
import { cli, tempDir } from './helpers.js';

function ingestOne(name: string, lines: string[], format: string): { stderr: string; failures: string[] } {
  const dir = tempDir();
  const log = join(dir, name);
  writeFileSync(log, lines.map((l) => `${l}\n`).join(''));
  const db = join(dir, 'm.db');
  const run = cli(['ingest', '--db', db, '--format', format, '--year', '2026', log]);
  expect(run.status).toBe(0);
  const check = openDatabase(db, { readonly: true });
  const failures = check.prepare('SELECT outcome FROM events').pluck().all() as string[];
  check.close();
  return { stderr: run.stderr, failures };
}

describe('the last entry of a source', () => {
  it('is stored when it is an Exim failure', () => {
    const { stderr, failures } = ingestOne('mainlog', ['2026-11-22 18:46:43 1tXyzA-000123-AB ** nosuch@example.org R=dnslookup T=remote_smtp H=mx.example.org [192.0.2.7]: SMTP error from remote mail server after RCPT TO:<nosuch@example.org>: 550 5.1.1 User unknown'], 'exim');
    expect(stderr).toContain('1 line (1 recognised');
    expect(failures).toEqual(['bounced']);
  });

  it('is stored when it is a qmail line exactly as long as a splogger piece, whose continuation never came', () => {
    // splogger passes 799 characters to syslog per line and goes on in a line whose stamp ends in `+`.
    const text = `delivery 9: failure: ${'Sorry,_'.repeat(110)}no_mailbox_here_by_that_name._(#5.1.1)/`.slice(0, 799);
    const { failures } = ingestOne('maillog', [`Nov 22 18:00:00 mail1 qmail: 1795370400.123456 ${text}`], 'qmail');
    expect(failures).toEqual(['bounced']);
  });
});
