// The narrow rows store MTA, direction, outcome, fate and role as codes
// (src/store/codes.ts) that schema.sql's views turn back into texts: the two
// lists must say the same.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIRECTION_CODES, MTA_CODES, OUTCOME_CODES, perMille, ROLE_CODES } from '../src/store/codes.js';
import { openDatabase } from '../src/store/database.js';
import { InternedTexts, textHash } from '../src/store/interned.js';
import { tempDir } from './helpers.js';

describe('the codes of the narrow rows', () => {
  it('read back through the views as the texts the program stores them for', () => {
    const db = openDatabase(join(tempDir(), 'codes.db'));
    const text = db.prepare("INSERT INTO strings (value) VALUES ('x')").run().lastInsertRowid;
    db.prepare("INSERT INTO sources (id, path, head_length, head_hash, offset, lines, lines_recognised, lines_foreign, lines_skipped, failures, deliveries, first_ingest, last_ingest) VALUES (1, 'f', 1, 'h', 0, 0, 0, 0, 0, 0, 0, '', '')").run();
    const diagnostic = db.prepare("INSERT INTO diagnostics (hash, fingerprint, text) VALUES (0, 'f', 'd')").run().lastInsertRowid;
    const event = db.prepare(`INSERT INTO event_rows (time, mta, host, recipient_domain, outcome, direction, cause, diagnostic, source_id, line)
      VALUES (1795370882123, ?, ?, ?, ?, ?, ?, ?, 1, 1)`);
    const message = db.prepare(`INSERT INTO message_rows (mta, host, queue_id, recipient, recipient_domain, direction, outcome, cause, attempts, first_failure, last_failure, fate)
      VALUES (?, ?, ?, 'r', ?, ?, ?, ?, 1, 0, 0, ?)`);
    const [mtas, directions, outcomes] = [Object.entries(MTA_CODES), Object.entries(DIRECTION_CODES), Object.entries(OUTCOME_CODES)];
    const expected = outcomes.map(([outcome, code], i) => {
      const [mta, mtaCode] = mtas[i % mtas.length];
      const [direction, directionCode] = directions[i % directions.length];
      event.run(mtaCode, text, text, code, directionCode, text, diagnostic);
      message.run(mtaCode, text, String(i), text, directionCode, code, text, code);
      return { mta, direction, outcome };
    });
    expect(db.prepare('SELECT mta, direction, outcome FROM events ORDER BY id').all()).toEqual(expected);
    expect(db.prepare('SELECT mta, direction, outcome, fate FROM messages ORDER BY CAST(queue_id AS INTEGER)').all()).toEqual(
      expected.map((e) => ({ ...e, fate: e.outcome })),
    );
    expect(db.prepare('SELECT time FROM events LIMIT 1').pluck().get()).toBe('2026-11-22T18:08:02.123Z');
    const party = db.prepare('INSERT INTO party_rows (day, host, mta, role, party, count, bytes) VALUES (20779, ?, 1, ?, ?, 1, 0)');
    for (const code of Object.values(ROLE_CODES)) party.run(text, code, text);
    expect(db.prepare('SELECT day, role FROM parties_daily ORDER BY role').all()).toEqual(
      Object.keys(ROLE_CODES).sort().map((role) => ({ day: '2026-11-22', role })),
    );
    db.close();
  });
});

describe('diagnostics found by the hash of their text', () => {
  it('are told apart by their text when two share a hash', () => {
    const db = openDatabase(join(tempDir(), 'hash.db'));
    const text = '550 5.1.1 <kim@example.org>: Recipient address rejected: User unknown in virtual mailbox table';
    const other = Number(db.prepare('INSERT INTO diagnostics (hash, fingerprint, text) VALUES (?, ?, ?)').run(textHash(text), 'f', 'another text').lastInsertRowid);
    const texts = new InternedTexts(db);
    const id = texts.diagnostic(text, 'f');
    expect(id).not.toBe(other);
    texts.clear();
    expect(texts.diagnostic(text, 'f')).toBe(id);
    expect(db.prepare('SELECT text FROM diagnostics WHERE hash = ? ORDER BY id').pluck().all(textHash(text))).toEqual(['another text', text]);
    db.close();
  });
});

describe('confidences stored per mille', () => {
  it('read back through the view as the classifier gave them', () => {
    const weights = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'src', 'classify', 'model-weights.json'), 'utf8')) as { calibration: [number, number][] };
    // The rules' own (words, codes, none) and the model's calibrated ones.
    const given = [0.95, 0.75, 0, ...weights.calibration.map(([, share]) => share)];
    const db = openDatabase(join(tempDir(), 'confidence.db'));
    const read = db.prepare('SELECT ? / 1000.0').pluck();
    expect(given.map((c) => read.get(perMille(c)))).toEqual(given);
    db.close();
  });
});
