// The samples were written by a real Postfix; the expected files say what each holds.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAUSE_IDS } from '../src/classify/causes.js';
import { ingest, skippedTotal } from '../src/ingest.js';
import { countsByCause, SAMPLES, tempDb } from './helpers.js';

interface Expected {
  lines: number;
  recognised: number;
  foreign: number;
  skipped: number;
  deliveries: number;
  failures: Record<string, Record<string, number>>;
  recipients: Record<string, Record<string, string>>;
}

const samples = readdirSync(join(SAMPLES, 'postfix')).filter((f) => f.endsWith('.log'));

describe.each(samples)('samples/postfix/%s', (file) => {
  const expected = JSON.parse(readFileSync(join(SAMPLES, 'expected', file.replace(/\.log$/, '.json')), 'utf8')) as Expected;

  it('gives the expected count per cause and outcome, deliveries and coverage', async () => {
    const { db } = tempDb();
    const { sources } = await ingest(db, [join(SAMPLES, 'postfix', file)], { format: 'auto', year: 2026 });
    const [r] = sources;
    expect(r.format).toBe('postfix');
    expect(countsByCause(db)).toEqual(expected.failures);
    expect(r.deliveries).toBe(expected.deliveries);
    expect({ lines: r.lines, recognised: r.recognised, foreign: r.foreign, skipped: skippedTotal(r.skipped) }).toEqual({
      lines: expected.lines,
      recognised: expected.recognised,
      foreign: expected.foreign,
      skipped: expected.skipped,
    });
  });

  it('gives each recipient its expected cause', async () => {
    const { db } = tempDb();
    await ingest(db, [join(SAMPLES, 'postfix', file)], { format: 'auto', year: 2026 });
    const rows = db.prepare('SELECT DISTINCT recipient, outcome, cause FROM events WHERE recipient IS NOT NULL').all() as { recipient: string; outcome: string; cause: string }[];
    const actual: Record<string, Record<string, string>> = {};
    for (const row of rows) (actual[row.recipient] ??= {})[row.outcome] = row.cause;
    expect(actual).toEqual(expected.recipients);
  });
});

describe('the samples together', () => {
  it('cover every cause of the taxonomy, unclassified included', async () => {
    const { db } = tempDb();
    await ingest(db, samples.map((f) => join(SAMPLES, 'postfix', f)), { format: 'auto', year: 2026 });
    const causes = (db.prepare('SELECT DISTINCT cause FROM events').pluck().all() as string[]).sort();
    expect(causes).toEqual([...CAUSE_IDS].sort());
  });
});

describe('--own-relay on a real sample', () => {
  it('turns the refusals of the declared relay into outbound-filter and nothing else', async () => {
    const file = join(SAMPLES, 'postfix', 'maillog_file.log');
    const { db: plain } = tempDb();
    await ingest(plain, [file], { format: 'auto', year: 2026 });
    const { db } = tempDb();
    await ingest(db, [file], { format: 'auto', year: 2026, ownRelays: ['127.0.0.1:2502', '127.0.0.1:2512'] });
    const causeOf = (d: typeof db, recipient: string) =>
      d.prepare('SELECT DISTINCT cause FROM events WHERE recipient = ?').pluck().all(recipient);
    // 2502 refused with a Spamhaus listing: ours now. 2512 never answered: still the rules' verdict.
    expect(causeOf(db, 'victim@b-blocklist.test')).toEqual(['outbound-filter']);
    expect(causeOf(db, 'anyone@l-refused.test')).toEqual(['recipient-server-down']);
    const others = (d: typeof db) =>
      d.prepare("SELECT cause, count(*) AS n FROM events WHERE recipient != 'victim@b-blocklist.test' OR recipient IS NULL GROUP BY cause ORDER BY cause").all();
    expect(others(db)).toEqual(others(plain));
  });
});
