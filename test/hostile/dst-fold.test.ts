// The hour that happens twice when daylight saving time ends: two processes
// logging in the same second can write their lines a second out of order, and
// that must not move the rest of the hour by an hour.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { cli, SAMPLES, tempDir } from '../helpers.js';

const ZONE = 'America/New_York';
const BOUNCE = readFileSync(join(SAMPLES, 'postfix', 'syslog-rfc3164.log'), 'utf8')
  .split('\n')
  .find((l) => l.includes('status=bounced'))!;

/** The RFC 3164 stamp New York's syslog writes at this instant. */
function newYorkStamp(time: number): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: ZONE, month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(time))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.month} ${parts.day.padStart(2, ' ')} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/**
 * A line a minute from 00:30 EDT to 02:30 EST on 1 November 2026, the repeated
 * hour between them, and after `jitterAt` (UTC instants) a line logged a second
 * before the line above it.
 */
function nightOfTheFold(jitterAt: number[]): number[] {
  const times: number[] = [];
  for (let t = Date.UTC(2026, 10, 1, 4, 30); t <= Date.UTC(2026, 10, 1, 7, 30); t += 60_000) {
    times.push(t);
    if (jitterAt.includes(t)) times.push(t - 1000);
  }
  return times;
}

function ingestInNewYork(times: number[]): number[] {
  const dir = tempDir();
  const db = join(dir, 'm.db');
  const log = join(dir, 'mail.log');
  const stampLength = 'Nov 22 21:22:16'.length;
  writeFileSync(log, times.map((t) => newYorkStamp(t) + BOUNCE.slice(stampLength)).join('\n') + '\n');
  const run = cli(['ingest', '--db', db, '--year', '2026', '--tz', ZONE, log]);
  expect(run.status).toBe(0);
  const check = openDatabase(db, { readonly: true });
  const stored = check.prepare('SELECT time FROM events ORDER BY line').pluck().all() as string[];
  check.close();
  return stored.map((s) => Date.parse(s));
}

const wrong = (times: number[], stored: number[]) => times.filter((t, i) => stored[i] !== t).length;

describe('the hour that ends daylight saving time', () => {
  it('keeps the rest of the second pass in place after a line a second out of order', () => {
    const times = nightOfTheFold([Date.UTC(2026, 10, 1, 6, 12)]);
    expect(newYorkStamp(Date.UTC(2026, 10, 1, 6, 12))).toBe('Nov  1 01:12:00');
    const stored = ingestInNewYork(times);
    expect(stored.length).toBe(times.length);
    expect(wrong(times, stored)).toBe(0);
  });

  it('keeps the rest of the first pass in place after a line a second out of order', () => {
    const times = nightOfTheFold([Date.UTC(2026, 10, 1, 5, 12)]);
    const stored = ingestInNewYork(times);
    expect(wrong(times, stored)).toBe(0);
  });

  it('still reads the step back of an hour as the fold', () => {
    const times = nightOfTheFold([]);
    expect(wrong(times, ingestInNewYork(times))).toBe(0);
  });
});
