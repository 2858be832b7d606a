// Classifying stored failures again, after rules were added or changed: the
// events take their new cause and rule, and the daily aggregates and the
// failed messages move with them. One transaction: interrupted, it changes nothing.

import type { Outcome, SmtpStage } from '../../parsers/events.js';
import type { CauseId } from '../classify/causes.js';
import type { Classifier } from '../classify/classifier.js';
import { perMille } from './codes.js';
import { DailyCounts } from './daily-counts.js';
import type { Db } from './database.js';
import { InternedTexts } from './interned.js';
import { refreshMessageCauses } from './messages.js';
import { recordReclassified, type RulesFile } from './rules-used.js';
import { abandonWrite, addFailuresStatement, beginWrite } from './writer.js';

export interface CauseMove {
  from: CauseId;
  to: CauseId;
  count: number;
}

export interface ReclassifyResult {
  events: number;
  /** Events whose cause changed. */
  changed: number;
  moves: CauseMove[];
}

interface StoredFailure {
  id: number;
  time: string;
  host: string;
  mta: string;
  direction: string;
  outcome: Outcome;
  cause: CauseId;
  rule: string | null;
  confidence: number | null;
  fingerprint: string;
  recipient_domain: string;
  relay: string | null;
  diagnostic: string;
  enhanced_status: string | null;
  stage: SmtpStage | null;
  source_id: number;
}

// Read in slices: better-sqlite3 cannot write while a statement is still being iterated.
const BATCH = 5000;

/** Classifies every stored failure again with `classifier`, made with the site rules file `rules` (recorded with it). */
export function reclassify(db: Db, classifier: Classifier, rules: RulesFile | null): ReclassifyResult {
  const select = db.prepare(`SELECT id, time, host, mta, direction, outcome, cause, rule, confidence, fingerprint, recipient_domain, relay, diagnostic, enhanced_status, stage, source_id
    FROM events WHERE id > ? ORDER BY id LIMIT ${BATCH}`);
  const texts = new InternedTexts(db);
  const update = db.prepare('UPDATE event_rows SET cause = ?, rule = ?, confidence = ?, diagnostic = ? WHERE id = ?');
  const addFailures = addFailuresStatement(db);
  const deltas = new DailyCounts();
  const moves = new DailyCounts();
  let events = 0;
  let changed = 0;
  beginWrite(db);
  try {
    for (let last = 0; ; ) {
      const batch = select.all(last) as StoredFailure[];
      if (batch.length === 0) break;
      for (const e of batch) {
        // The stored status and stage are what the first classification read from the text or the log; given back
        // as hints they lead to the same evidence.
        const c = classifier.classify({ text: e.diagnostic, dsn: e.enhanced_status, stage: e.stage, outcome: e.outcome, relay: e.relay });
        // The fingerprint too: a version that fingerprinted another part of the text grouped reasons otherwise.
        if (c.cause === e.cause && c.rule === e.rule && c.confidence === e.confidence && c.fingerprint === e.fingerprint) continue;
        update.run(texts.string(c.cause), texts.string(c.rule), perMille(c.confidence), texts.diagnostic(e.diagnostic, c.fingerprint), e.id);
        if (c.cause === e.cause) continue;
        changed++;
        const key = [e.time.slice(0, 10), e.host, e.mta, e.direction, e.outcome];
        deltas.add([...key, e.cause, e.recipient_domain, String(e.source_id)], -1);
        deltas.add([...key, c.cause, e.recipient_domain, String(e.source_id)], 1);
        moves.add([e.cause, c.cause]);
      }
      events += batch.length;
      last = batch[batch.length - 1].id;
    }
    for (const [columns, { count }] of deltas.rows()) if (count !== 0) addFailures.run(...columns, count);
    db.exec('DELETE FROM failures_daily WHERE count = 0');
    if (changed > 0) refreshMessageCauses(db);
    recordReclassified(db, rules, new Date());
    db.exec('COMMIT');
  } catch (error) {
    throw abandonWrite(db, error, 'nothing was changed');
  }
  const list = [...moves.rows()].map(([[from, to], { count }]) => ({ from: from as CauseId, to: to as CauseId, count }));
  return { events, changed, moves: list.sort((a, b) => b.count - a.count || a.from.localeCompare(b.from)) };
}
