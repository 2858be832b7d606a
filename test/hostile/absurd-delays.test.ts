// A delay no queue could have had (a garbled field, a clock set back, a line
// written with logger) leaves the delivery counted and its delay unknown: it
// is never clamped into the stored maximum, which stays one the log gave.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { cli, SAMPLES, tempDir } from '../helpers.js';

function ingest(name: string, text: string): Record<string, unknown> {
  const dir = tempDir();
  writeFileSync(join(dir, name), text);
  const db = join(dir, 'absurd.db');
  const run = cli(['ingest', '--db', db, '--year', '2026', '--tz', 'UTC', join(dir, name)]);
  expect(run.status).toBe(0);
  expect(run.stderr).not.toMatch(/at .*\.js:\d+/);
  const read = openDatabase(db, { readonly: true });
  try {
    return read
      .prepare(
        `SELECT (SELECT sum(count) FROM deliveries_daily) AS delivered, (SELECT sum(count) FROM traffic_hourly WHERE kind = 'delivered') AS hourly,
           (SELECT sum(count) FROM delays_daily) AS delays, (SELECT max(max_seconds) FROM delays_daily) AS max`,
      )
      .get() as Record<string, unknown>;
  } finally {
    read.close();
  }
}

describe('absurd delays', () => {
  it('counts a Postfix delivery with delay=99999999999, or no number, and keeps the maximum the other lines gave', () => {
    const sample = readFileSync(join(SAMPLES, 'postfix', 'syslog-rfc3164.log'), 'utf8');
    const sent = (delay: string) =>
      `Nov 22 21:30:00 vm postfix/smtp[851]: 4F9D3160065: to=<x@n-ok.test>, relay=127.0.0.1[127.0.0.1]:2513, delay=${delay}, delays=0/0/0/0, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as R2000)`;
    // The sample's 55 deliveries, the longest delay=56 (test/traffic.test.ts), and four more of which one is believable.
    expect(ingest('mail.log', `${sample}${[sent('99999999999'), sent('-5'), sent('1e999'), sent('3')].join('\n')}\n`)).toEqual({ delivered: 59, hourly: 59, delays: 56, max: 56 });
  });

  it('counts an Exim delivery whose QT= is garbage, with the delay since its arrival line instead', () => {
    const lines = [
      '2026-11-22 21:25:11 [330] 1xVF3f-00005K-0Q <= sender@example.net U=root P=local S=368',
      '2026-11-22 21:25:38 [553] 1xVF3f-00005K-0Q => a@o.test R=test_domains T=remote_smtp H=127.0.0.1 [127.0.0.1]:2514 C="250 OK" QT=99999999999w',
      '2026-11-22 21:25:39 [554] 1xVF3f-00005K-0Q => b@o.test R=test_domains T=remote_smtp H=127.0.0.1 [127.0.0.1]:2514 C="250 OK" QT=%n%n%n',
      // An id far from the line's time, and no arrival line: the id's time is no help either.
      '2026-11-22 21:25:40 [555] 0zzzzz-00005L-0R => c@o.test R=test_domains T=remote_smtp H=127.0.0.1 [127.0.0.1]:2514 C="250 OK"',
    ];
    expect(ingest('mainlog', `${lines.join('\n')}\n`)).toEqual({ delivered: 3, hourly: 3, delays: 2, max: 28 });
  });
});
