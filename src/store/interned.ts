// The texts events repeat, stored once each (schema.sql: strings and
// diagnostics) and named by their ids in the event and message rows. The ids
// a run has met are held so that a text is looked up once, not per event, up
// to a bound in characters: a log of endless distinct recipient domains or
// refusal texts runs in flat memory, looking them up again.

import { createHash } from 'node:crypto';
import { isPostgres, type Db } from './database.js';
import type { PendingText, PostgresDatabase } from './postgres/connection.js';
import { RUNS_LOCK } from './postgres/locks.js';

/** About 8 MB of texts held; a night's distinct texts fit many times over (2 MB for the bench log). */
const HELD_CHARS = 4 * 1024 * 1024;

/** What a row names a text by: its id, or in PostgreSQL the text waiting for its id (postgres/connection.ts). */
export type TextId = number | PendingText;

export class InternedTexts {
  private readonly strings = new Map<string, TextId>();
  private readonly diagnostics = new Map<string, TextId>();
  /** In PostgreSQL: where new texts wait, to be stored together. */
  private readonly postgres: PostgresDatabase | null;
  private heldChars = 0;
  private readonly findString;
  private readonly addString;
  private readonly findDiagnostic;
  private readonly addDiagnostic;
  private readonly setFingerprint;

  constructor(db: Db) {
    // In PostgreSQL, many hosts' runs store texts at once: they are committed
    // at once, outside the run, so that no run waits on a text another holds.
    // One that no row names, left by a run that failed, goes at the next prune.
    this.postgres = isPostgres(db) ? (db as unknown as PostgresDatabase) : null;
    this.findString = db.prepare('SELECT id FROM strings WHERE value = ?').pluck();
    this.addString = db.prepare('INSERT INTO strings (value) VALUES (?) RETURNING id').pluck();
    this.findDiagnostic = db.prepare('SELECT id, fingerprint FROM diagnostics WHERE hash = ? AND text = ?');
    this.addDiagnostic = db.prepare('INSERT INTO diagnostics (hash, fingerprint, text) VALUES (?, ?, ?) RETURNING id').pluck();
    this.setFingerprint = db.prepare('UPDATE diagnostics SET fingerprint = ? WHERE id = ?');
  }

  /** The id of `value`, stored now if it was not; null stays null. */
  string(value: string | null): TextId | null {
    if (value === null) return null;
    let id = this.strings.get(value);
    if (id === undefined) {
      if (this.postgres) id = this.postgres.pendingString(value);
      else id = (this.findString.get(value) as number | undefined) ?? Number(this.addString.get(value));
      this.hold(value);
      this.strings.set(value, id);
    }
    return id;
  }

  /**
   * The id of a diagnostic text, stored now with its fingerprint if it was
   * not. A text is fingerprinted the same way each time; a text stored by a
   * version that fingerprinted otherwise takes the one given (reclassify does
   * the same for every stored text).
   */
  diagnostic(text: string, fingerprint: string): TextId {
    const id = this.diagnostics.get(text);
    if (id !== undefined) return id;
    const hash = textHash(text);
    if (this.postgres) {
      const pending = this.postgres.pendingDiagnostic(text, hash, fingerprint);
      this.hold(text);
      this.diagnostics.set(text, pending);
      return pending;
    }
    const found = this.findDiagnostic.get(hash, text) as { id: number; fingerprint: string } | undefined;
    let stored: number;
    if (found === undefined) stored = Number(this.addDiagnostic.get(hash, fingerprint, text));
    else {
      stored = found.id;
      if (found.fingerprint !== fingerprint) this.setFingerprint.run(fingerprint, stored);
    }
    this.hold(text);
    this.diagnostics.set(text, stored);
    return stored;
  }

  private hold(text: string): void {
    this.heldChars += text.length;
    if (this.heldChars > HELD_CHARS) this.clear();
  }

  /** Forgets the ids held: after a rollback some of them are no longer stored. */
  clear(): void {
    this.strings.clear();
    this.diagnostics.clear();
    this.heldChars = 0;
  }
}

/**
 * What diagnostics are found by (schema.sql): 48 bits of the text's SHA-1,
 * a whole number SQLite stores in 6 bytes. Texts that share one are told
 * apart by comparing them.
 */
export function textHash(text: string): number {
  return createHash('sha1').update(text).digest().readUIntBE(0, 6);
}

/**
 * Deletes the texts no event, failed message or party count names any more
 * (after events are pruned or a source forgotten): diagnostics and senders
 * hold mail addresses, which go with their events; the parties' go with
 * their counts.
 */
export function deleteUnusedTexts(db: Db): void {
  // In PostgreSQL another host's run may be storing rows that name texts it
  // has just committed: texts go only while no run holds the shared lock.
  if (isPostgres(db) && db.prepare('SELECT pg_try_advisory_xact_lock(?)').pluck().get(RUNS_LOCK) !== 1) return;
  db.exec(`DELETE FROM diagnostics WHERE id NOT IN (SELECT diagnostic FROM event_rows);
    DELETE FROM strings WHERE id NOT IN (SELECT id FROM (
      SELECT host AS id FROM event_rows UNION SELECT sender FROM event_rows UNION SELECT recipient_domain FROM event_rows
      UNION SELECT relay FROM event_rows UNION SELECT enhanced_status FROM event_rows UNION SELECT stage FROM event_rows
      UNION SELECT cause FROM event_rows UNION SELECT rule FROM event_rows
      UNION SELECT host FROM message_rows UNION SELECT recipient_domain FROM message_rows UNION SELECT cause FROM message_rows
      UNION SELECT host FROM party_rows UNION SELECT party FROM party_rows) WHERE id IS NOT NULL)`);
}
