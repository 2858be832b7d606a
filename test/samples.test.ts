// The Postfix and Exim samples were written by a real Postfix and a real Exim,
// the qmail ones from qmail's documented formats; the expected files, written
// from the scenario tables, say what each holds.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAUSE_IDS } from '../src/classify/causes.js';
import { ingest, skippedTotal } from '../src/ingest.js';
import { countsByCause, SAMPLES, tempDb } from './helpers.js';

interface Expected {
  mta: string;
  own_relays: string[];
  deliveries: number;
  failures: Record<string, Record<string, number>>;
  recipients: Record<string, Record<string, string>>;
}

const samples = ['postfix', 'exim', 'qmail'].flatMap((mta) =>
  readdirSync(join(SAMPLES, mta))
    .filter((f) => !f.startsWith('.'))
    .map((f) => join(mta, f)),
);

function expectedOf(sample: string): Expected {
  const name = sample.split('/').pop()!.replace(/\.log$/, '');
  return JSON.parse(readFileSync(join(SAMPLES, 'expected', `${name}.json`), 'utf8')) as Expected;
}

describe.each(samples)('samples/%s', (sample) => {
  const expected = expectedOf(sample);
  const run = async () => {
    const { db } = tempDb();
    const { sources } = await ingest(db, [join(SAMPLES, sample)], { format: 'auto', year: 2026, classifier: { ownRelays: expected.own_relays } });
    return { db, report: sources[0] };
  };

  it('is read whole, as the right MTA', async () => {
    const { report } = await run();
    expect(report.format).toBe(expected.mta);
    expect(report.problem).toBeNull();
    expect(skippedTotal(report.skipped)).toBe(0);
    expect(report.recognised + report.foreign).toBe(report.lines);
  });

  it('gives the expected count per cause and outcome, and the deliveries', async () => {
    const { db, report } = await run();
    expect(countsByCause(db)).toEqual(expected.failures);
    expect(report.deliveries).toBe(expected.deliveries);
  });

  it('gives each recipient its expected cause', async () => {
    const { db } = await run();
    const rows = db.prepare('SELECT DISTINCT recipient, outcome, cause FROM events WHERE recipient IS NOT NULL').all() as { recipient: string; outcome: string; cause: string }[];
    const actual: Record<string, Record<string, string>> = {};
    for (const row of rows) (actual[row.recipient] ??= {})[row.outcome] = row.cause;
    expect(actual).toEqual(expected.recipients);
  });
});

describe('the samples together', () => {
  it.each(['postfix', 'exim', 'qmail'])('cover every cause of the taxonomy for %s, unclassified included', async (mta) => {
    const { db } = tempDb();
    const files = samples.filter((s) => s.startsWith(`${mta}/`));
    await ingest(db, files.map((f) => join(SAMPLES, f)), { format: 'auto', year: 2026, classifier: { ownRelays: expectedOf(files[0]).own_relays } });
    const causes = (db.prepare('SELECT DISTINCT cause FROM events').pluck().all() as string[]).sort();
    expect(causes).toEqual([...CAUSE_IDS].sort());
  });

  it('count a reject once when the main log and the reject log both record it', async () => {
    const { db } = tempDb();
    await ingest(db, [join(SAMPLES, 'exim', 'mainlog'), join(SAMPLES, 'exim', 'rejectlog')], { format: 'auto', year: 2026 });
    const rejected = db.prepare("SELECT count(*) FROM events WHERE outcome = 'rejected'").pluck().get();
    const inMain = Object.values(expectedOf('exim/mainlog').failures).reduce((n, o) => n + (o.rejected ?? 0), 0);
    expect(rejected).toBe(inMain);
  });
});

describe('--own-relay on a real sample', () => {
  it('turns the refusals of the declared relay into outbound-filter, another host\'s appliance wording into recipient-antispam, and nothing else', async () => {
    const file = join(SAMPLES, 'postfix', 'maillog_file.log');
    const { db: plain } = tempDb();
    await ingest(plain, [file], { format: 'auto', year: 2026 });
    const { db } = tempDb();
    await ingest(db, [file], { format: 'auto', year: 2026, classifier: { ownRelays: ['127.0.0.1:2502', '127.0.0.1:2512'] } });
    const causeOf = (d: typeof db, recipient: string) => d.prepare('SELECT DISTINCT cause FROM events WHERE recipient = ?').pluck().all(recipient);
    // 2502 refused with a Spamhaus listing: ours now. 2512 never answered: still the rules' verdict.
    expect(causeOf(plain, 'victim@b-spamhaus.test')).toEqual(['recipient-antispam']);
    expect(causeOf(db, 'victim@b-spamhaus.test')).toEqual(['outbound-filter']);
    expect(causeOf(db, 'anyone@l-refused.test')).toEqual(['recipient-server-down']);
    // Once relays are declared, the Cyberoam wording of another host (2516) is the recipient's appliance.
    expect(causeOf(plain, 'x@outfilter.test')).toEqual(['outbound-filter']);
    expect(causeOf(db, 'x@outfilter.test')).toEqual(['recipient-antispam']);
    const others = (d: typeof db) =>
      d.prepare("SELECT cause, count(*) AS n FROM events WHERE recipient NOT IN ('victim@b-spamhaus.test', 'x@outfilter.test') OR recipient IS NULL GROUP BY cause ORDER BY cause").all();
    expect(others(db)).toEqual(others(plain));
  });
});
