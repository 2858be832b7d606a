// Which site rules file the stored causes were decided with. Each ingest run
// records the file it was given (runs.rules_path, rules_hash), and reclassify
// the one it was given (in meta), so that a reclassify without those rules,
// which would quietly undo their decisions, can say so.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Db } from './database.js';

export interface RulesFile {
  /** Absolute: a reclassify run from another directory names the same file. */
  path: string;
  /** sha256 of its content: the same name with other rules is other rules. */
  hash: string;
}

const META_KEY = 'reclassified_with';

/** The site rules file at `path` as a run records it; its content is read again (it was just read, and checked, as rules). */
export function rulesFile(path: string): RulesFile {
  return { path: resolve(path), hash: createHash('sha256').update(readFileSync(path)).digest('hex') };
}

/**
 * The rules the stored causes were last decided with: those of the last ingest run, or of a reclassify since.
 * null: none (the built-in rules alone); undefined: nothing was decided yet.
 */
export function rulesUsed(db: Db): RulesFile | null | undefined {
  const run = db.prepare('SELECT finished, rules_path AS path, rules_hash AS hash FROM runs ORDER BY id DESC LIMIT 1').get() as
    | { finished: string; path: string | null; hash: string | null }
    | undefined;
  const stored = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(META_KEY) as string | undefined;
  const reclassified = stored === undefined ? undefined : (JSON.parse(stored) as { at: string; rules: RulesFile | null });
  if (reclassified && (!run || reclassified.at > run.finished)) return reclassified.rules;
  if (!run) return undefined;
  return run.path === null || run.hash === null ? null : { path: run.path, hash: run.hash };
}

/** Records the rules a reclassify decided with, in its transaction. */
export function recordReclassified(db: Db, rules: RulesFile | null, at: Date): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    META_KEY,
    JSON.stringify({ at: at.toISOString(), rules }),
  );
}

/** What to tell the user before a reclassify with `given` undoes or changes the decisions of `used`; null when nothing. */
export function rulesChangeWarning(used: RulesFile | null | undefined, given: RulesFile | null): string | null {
  if (!used || (given && given.hash === used.hash)) return null;
  if (!given) {
    return `the stored failures were classified with the site rules ${used.path}; without them their decisions are undone (give --rules ${used.path} to keep them)`;
  }
  if (given.path === used.path) {
    return `${used.path} has changed since the stored failures were classified with it; their causes follow what it says now`;
  }
  return `the stored failures were classified with the site rules ${used.path}, not ${given.path}; their decisions follow ${given.path} now`;
}
