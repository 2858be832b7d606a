// Item: one line can stall ingest. A diagnostic is examined, masked and
// stored only up to a bound (its head and tail), so the cost of a line is
// linear in its length and a long one is cut with a marker.

import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Classifier } from '../../src/classify/classifier.js';
import { clipText, MAX_DIAGNOSTIC_CHARS } from '../../parsers/clip.js';
import { maskDiagnostic } from '../../src/classify/fingerprint.js';
import { ingest } from '../../src/ingest.js';
import { textHash } from '../../src/store/interned.js';
import { SAMPLES, tempDb, tempDir } from '../helpers.js';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'src', 'cli.js');

const BOUNCED = readFileSync(join(SAMPLES, 'postfix', 'syslog-rfc3164.log'), 'utf8')
  .split('\n')
  .find((l) => l.includes('status=bounced') && l.includes('(in reply to RCPT TO command))'))!;

/** The sample's bounce with `token` put in the remote server's reply, the whole line under the 1 MiB line limit. */
function bounceWith(token: string): string {
  return BOUNCED.replace('The email account', `${token} The email account`);
}

/** Wall time of `f`, the best of `runs` (the least disturbed by the rest of the machine). */
function bestMs(f: () => void, runs = 3): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    f();
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e6);
  }
  return best;
}

// Shapes that made one regular expression or another go back over the same text again and again.
const SHAPES: Record<string, (n: number) => string> = {
  'letters without @ or digits': (n) => 'x'.repeat(n),
  'dotted words': (n) => 'ab.'.repeat(Math.ceil(n / 3)),
  'URLs without a query': (n) => 'http://a'.repeat(Math.ceil(n / 8)),
  'colons and hex': (n) => 'a:'.repeat(Math.ceil(n / 2)),
  'repeated rule words': (n) => 'user '.repeat(Math.ceil(n / 5)),
  'an @ at the very end': (n) => `${'y'.repeat(n)}@`,
  'digits': (n) => '1.'.repeat(Math.ceil(n / 2)),
};

describe('a diagnostic of any length', () => {
  it('is kept whole up to the bound, and cut to its head and tail with a marker beyond it', () => {
    const short = 'x'.repeat(MAX_DIAGNOSTIC_CHARS);
    expect(clipText(short)).toBe(short);
    const long = `HEAD${'m'.repeat(100_000)}TAIL`;
    const clipped = clipText(long);
    expect(clipped.length).toBeLessThanOrEqual(MAX_DIAGNOSTIC_CHARS);
    expect(clipped.startsWith('HEADmmm')).toBe(true);
    expect(clipped.endsWith('mmmTAIL')).toBe(true);
    expect(clipped).toContain(`characters left out`);
    expect(clipText(clipped)).toBe(clipped);
  });

  it('never splits a character outside the Basic Multilingual Plane', () => {
    const clipped = clipText('😀'.repeat(50_000));
    expect(clipped.length).toBeLessThanOrEqual(MAX_DIAGNOSTIC_CHARS);
    expect(() => encodeURIComponent(clipped)).not.toThrow(); // throws on a lone surrogate
  });

  it('is classified on its head and tail: the words at either end still decide', () => {
    const c = new Classifier();
    expect(c.classify({ text: `550 5.1.1 User unknown ${'x'.repeat(500_000)}` }).cause).toBe('recipient-unknown');
    expect(c.classify({ text: `${'x'.repeat(500_000)} 552 5.2.2 Mailbox full` }).cause).toBe('mailbox-disabled');
  });

  it('masks a 1 MiB token in well under a second', () => {
    for (const [shape, make] of Object.entries(SHAPES)) {
      const text = `550 5.7.1 ${make(1024 * 1024)}`;
      expect(bestMs(() => maskDiagnostic(text), 1), shape).toBeLessThan(500);
    }
  });

  it('costs no more per byte at 1 MiB than at 1 KiB, whatever its shape', () => {
    for (const [shape, make] of Object.entries(SHAPES)) {
      const perByte = (n: number) => {
        const texts = Array.from({ length: 20 }, (_, i) => `550 5.7.1 ${i} ${make(n)}`);
        return bestMs(() => texts.forEach((text) => new Classifier().classify({ text }))) / (20 * n);
      };
      const small = perByte(1024);
      const large = perByte(1024 * 1024);
      // Flat or falling; a quadratic cost would make it a thousand times larger.
      expect(large, shape).toBeLessThan(small * 3);
    }
  });

  it('in a log line ingests in well under a second and is stored cut, with its cause', async () => {
    const dir = tempDir();
    const log = join(dir, 'mail.log');
    const line = bounceWith('z'.repeat(1024 * 1024 - 1024));
    writeFileSync(log, `${line}\n`);
    const { db } = tempDb();
    const started = Date.now();
    const { sources } = await ingest(db, [log], { format: 'auto', year: 2026 });
    // Well under a second alone; the bound leaves room for a loaded machine (it took half an hour before).
    expect(Date.now() - started).toBeLessThan(5000);
    expect(sources[0].recognised).toBe(1);
    const row = db.prepare('SELECT cause, diagnostic FROM events').get() as { cause: string; diagnostic: string };
    expect(row.cause).toBe('recipient-unknown');
    expect(row.diagnostic.length).toBeLessThanOrEqual(MAX_DIAGNOSTIC_CHARS);
    expect(row.diagnostic).toContain('characters left out');
    expect(row.diagnostic.endsWith('(in reply to RCPT TO command)')).toBe(true);
  });

  it('stored whole by an older version costs unclassified and reclassify no more than a short one', async () => {
    const { db, path } = tempDb();
    await ingest(db, [join(SAMPLES, 'postfix', 'syslog-rfc3164.log')], { format: 'auto', year: 2026 });
    const first = db.prepare('SELECT id, diagnostic FROM event_rows ORDER BY id LIMIT 1').get() as { id: number; diagnostic: number };
    db.prepare("INSERT OR IGNORE INTO strings (value) VALUES ('unclassified')").run();
    db.prepare("UPDATE event_rows SET cause = (SELECT id FROM strings WHERE value = 'unclassified') WHERE id = ?").run(first.id);
    const whole = `554 ${'w'.repeat(1024 * 1024)}`;
    db.prepare('UPDATE diagnostics SET hash = ?, text = ? WHERE id = ?').run(textHash(whole), whole, first.diagnostic);
    db.close();
    for (const command of ['unclassified', 'reclassify']) {
      const run = spawnSync(process.execPath, [CLI, command, '--db', path], { encoding: 'utf8', timeout: 20_000 });
      expect(run.status, `${command}: ${run.stderr}`).toBe(0);
    }
  });

  it('given to classify - as 10 MB of text is answered', () => {
    const input = `550 5.1.1 ${'q'.repeat(10 * 1024 * 1024)} User unknown\n`;
    // The text is written back beside its cause: room for it.
    const run = spawnSync(process.execPath, [CLI, 'classify', '-'], { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
    expect(run.status).toBe(0);
    expect(run.stdout.split('\t')[0]).toBe('recipient-unknown');
  });
});
