// Forgetting sources read by mistake (the wrong --format, --tz or --year):
// their events, their share of every daily aggregate and their failed
// messages are deleted, and the sources themselves, in one transaction, so
// each file is new to the next run. The correlation state a run carried to
// the next one is not undone (the README says so).

import { resolve } from 'node:path';
import { UserError } from '../errors.js';
import { AGGREGATE_TABLES, type Db } from './database.js';
import { deleteUnusedTexts } from './interned.js';
import { deleteSourceEvents } from './messages.js';
import { abandonWrite, beginWrite } from './writer.js';

export interface ForgottenSource {
  id: number;
  path: string;
  fingerprint: string;
  format: string | null;
  lines: number;
  /** Its failure events deleted. */
  events: number;
  /** Rows of the daily aggregates deleted: they held its counts alone. */
  aggregateRows: number;
}

export interface SourceRecord {
  id: number;
  path: string;
  fingerprint: string;
  format: string | null;
  lines: number;
  counted_apart: number;
  first_ingest: string;
}

/** Prefixes shorter than this name too many sources to be meant. */
const MIN_PREFIX = 4;

const SELECT = 'SELECT id, path, head_hash AS fingerprint, format, lines, counted_apart, first_ingest FROM sources';

/**
 * The sources `names` and `since` designate: each name is a source's recorded name (as given to ingest, or
 * the same file by another path) or a prefix of its fingerprint, and `since` takes every source first read
 * from then on. A name that designates none, or several, is a UserError.
 */
export function findSources(db: Db, names: readonly string[], since?: string): SourceRecord[] {
  const all = db.prepare(`${SELECT} ORDER BY id`).all() as SourceRecord[];
  const found = new Map<number, SourceRecord>();
  for (const name of names) {
    let matches = all.filter((s) => s.path === name || resolve(s.path) === resolve(name));
    if (matches.length === 0 && /^[0-9a-f]+$/i.test(name) && name.length >= MIN_PREFIX) {
      matches = all.filter((s) => s.fingerprint.startsWith(name.toLowerCase()));
    }
    if (matches.length === 0) throw new UserError(`no source was read as ${name}, and no fingerprint starts with it ('maillog sources' lists them)`);
    if (matches.length > 1) {
      const which = matches.map((s) => `${s.fingerprint.slice(0, 12)} (${s.path})`).join(', ');
      throw new UserError(`${name} names ${matches.length} sources: ${which}; give the fingerprint of one`);
    }
    found.set(matches[0].id, matches[0]);
  }
  if (since !== undefined) {
    const read = all.filter((s) => s.first_ingest >= since);
    if (read.length === 0 && names.length === 0) throw new UserError(`no source was first read since ${since}`);
    for (const s of read) found.set(s.id, s);
  }
  return [...found.values()];
}

/** Forgets the sources, or with `dryRun` says what that would delete and changes nothing. */
export function forgetSources(db: Db, sources: readonly SourceRecord[], dryRun: boolean): ForgottenSource[] {
  const old = sources.find((s) => !s.counted_apart);
  if (old) {
    throw new UserError(
      `${old.path} was read before each file's daily counts were kept apart (schema version 9): its counts cannot be taken out of the aggregates, so it cannot be forgotten`,
    );
  }
  const deleteAggregates = AGGREGATE_TABLES.map((table) => db.prepare(`DELETE FROM ${table} WHERE source_id = ?`));
  const deleteSource = db.prepare('DELETE FROM sources WHERE id = ?');
  beginWrite(db);
  try {
    const forgotten = sources.map((s) => {
      const events = deleteSourceEvents(db, s.id);
      const aggregateRows = deleteAggregates.reduce((n, statement) => n + statement.run(s.id).changes, 0);
      deleteSource.run(s.id);
      return { id: s.id, path: s.path, fingerprint: s.fingerprint.slice(0, 12), format: s.format, lines: s.lines, events, aggregateRows };
    });
    deleteUnusedTexts(db);
    // A dry run does it all, so what it says is exactly what a run would do, and takes it back.
    db.exec(dryRun ? 'ROLLBACK' : 'COMMIT');
    return forgotten;
  } catch (error) {
    throw abandonWrite(db, error, 'nothing was forgotten');
  }
}
