// Failed messages beside failed attempts: a recipient deferred at every retry
// is one message that was late, and what became of it (delivered later,
// bounced, expired, still pending) is its fate. A queued message is its queue
// id and recipient on one host, with one row in `messages`, written as its
// failures and its late delivery are read; a failure with no queued message
// (an SMTP-time reject) is a message of its own, and its event is its row.

import type { DeliveredEvent, FailureEvent, Outcome } from '../../parsers/events.js';
import type { CauseId } from '../classify/causes.js';
import type { Db } from './database.js';
import type { InternedTexts } from './interned.js';
import { DIRECTION_CODES, MTA_CODES, OUTCOME_CODES } from './codes.js';

/** What became of a failed message. 'unknown': last deferred before schema version 4 and gone from the queue since. */
export type Fate = 'delivered' | 'bounced' | 'expired' | 'rejected' | 'pending' | 'unknown';

export const FATES: readonly Fate[] = ['delivered', 'bounced', 'expired', 'rejected', 'pending', 'unknown'];

/** A failure that belongs to a queued message; the others are messages of their own (schema.sql's failed_messages). */
export function isQueued(e: Pick<FailureEvent, 'outcome' | 'queueId' | 'recipient'>): boolean {
  return e.outcome !== 'rejected' && e.queueId !== null && e.recipient !== null;
}

// Over event_rows: codes and strings ids, times in milliseconds.
const QUEUED_EVENTS = `outcome != ${OUTCOME_CODES.rejected} AND queue_id IS NOT NULL AND recipient IS NOT NULL`;

/** Each queued message's latest failure event, with its attempts and first failure, among the event rows of `from`. */
const latestFailures = (from: string) => `SELECT * FROM (
    SELECT mta, host, queue_id, recipient, recipient_domain, direction, outcome, cause, time,
      count(*) OVER message AS attempts, min(time) OVER message AS first_failure,
      row_number() OVER (PARTITION BY mta, host, queue_id, recipient ORDER BY time DESC, id DESC) AS latest
    FROM ${from} WHERE ${QUEUED_EVENTS}
    WINDOW message AS (PARTITION BY mta, host, queue_id, recipient)
  ) WHERE latest = 1`;
const LATEST_FAILURES = latestFailures('event_rows');

/**
 * The failed messages of a database from before schema version 4, rebuilt
 * from the events it still keeps: attempts, first and last failure and the
 * last cause are exact. Deliveries were not followed then: a message last
 * deferred is pending when the carried correlation state still holds its
 * deferral, and its fate is unknown otherwise (delivered later, or deleted
 * from the queue: the log said, but it was not kept).
 */
export function queuedMessagesFromEvents(db: Db): void {
  const mtaNames = Object.entries(MTA_CODES).map(([name, code]) => `WHEN ${code} THEN '${name}'`).join(' ');
  db.prepare(`INSERT OR IGNORE INTO message_rows
    (mta, host, queue_id, recipient, recipient_domain, direction, outcome, cause, attempts, first_failure, last_failure, fate)
    SELECT mta, host, queue_id, recipient, recipient_domain, direction, outcome, cause, attempts, first_failure, time,
      CASE WHEN outcome != @deferred THEN outcome
        WHEN EXISTS (SELECT 1 FROM carryover c WHERE c.mta = CASE f.mta ${mtaNames} END AND c.kind = 'deferral'
          AND c.key = f.queue_id || char(0) || f.recipient) THEN @pending
        ELSE @unknown END
    FROM (${LATEST_FAILURES}) AS f`).run({ deferred: OUTCOME_CODES.deferred, pending: OUTCOME_CODES.pending, unknown: OUTCOME_CODES.unknown });
}

const FATE_OF: Record<Outcome, Fate> = { deferred: 'pending', bounced: 'bounced', expired: 'expired', rejected: 'rejected' };
const FATE_CODE_OF = Object.fromEntries(Object.entries(FATE_OF).map(([outcome, fate]) => [outcome, OUTCOME_CODES[fate]])) as Record<Outcome, number>;

/** Writes the failed-message rows of one run, in its transaction. */
export class MessageRows {
  private readonly upsert;
  private readonly delivered;
  private readonly prune;

  constructor(db: Db, private readonly texts: InternedTexts) {
    this.upsert = db.prepare(`INSERT INTO message_rows
      (mta, host, queue_id, recipient, recipient_domain, direction, outcome, cause, attempts, first_failure, last_failure, fate)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)
      ON CONFLICT DO UPDATE SET direction = excluded.direction, outcome = excluded.outcome, cause = excluded.cause,
        attempts = attempts + 1, last_failure = excluded.last_failure, fate = excluded.fate`);
    this.delivered = db.prepare('UPDATE message_rows SET fate = ? WHERE mta = ? AND host = ? AND queue_id = ? AND recipient = ? AND fate = ?');
    this.prune = db.prepare('DELETE FROM message_rows WHERE last_failure < ?');
  }

  /** One more failed attempt of a queued message (`domain` as the event row stores it). */
  failure(e: FailureEvent, cause: CauseId, domain: string): void {
    if (!isQueued(e)) return;
    const t = this.texts;
    this.upsert.run(
      MTA_CODES[e.mta], t.string(e.host), e.queueId, e.recipient, t.string(domain), DIRECTION_CODES[e.direction], OUTCOME_CODES[e.outcome], t.string(cause),
      e.time, e.time, FATE_CODE_OF[e.outcome],
    );
  }

  /** A recipient deferred before was delivered: its message was late, not lost. */
  deliveredLater(e: DeliveredEvent): void {
    if (e.queueId !== null) this.delivered.run(OUTCOME_CODES.delivered, MTA_CODES[e.mta], this.texts.string(e.host), e.queueId, e.recipient, OUTCOME_CODES.pending);
  }

  /** Deletes the messages whose last failure is from before `cutoff`, as their events go. */
  pruneBefore(cutoff: Date): void {
    this.prune.run(cutoff.getTime());
  }
}

/** After a reclassification each queued message takes the cause of its latest failure again. */
export function refreshMessageCauses(db: Db): void {
  db.exec(`UPDATE message_rows SET cause = f.cause FROM (${LATEST_FAILURES}) AS f
    WHERE message_rows.mta = f.mta AND message_rows.host = f.host AND message_rows.queue_id = f.queue_id AND message_rows.recipient = f.recipient
      AND message_rows.cause != f.cause`);
}

/**
 * Deletes a source's events, and gives each failed message that had one what
 * its other events say: a message with none left goes; one whose latest
 * failure stays keeps its fate; one whose latest failure was in the source is
 * pending again after a deferral (a delivery read later, from another file,
 * is not read again), else its outcome. Returns the events deleted.
 */
export function deleteSourceEvents(db: Db, sourceId: number): number {
  const key = 'mta, host, queue_id, recipient';
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS touched_messages (mta INTEGER, host INTEGER, queue_id TEXT, recipient TEXT,
    old_last INTEGER, old_fate INTEGER, PRIMARY KEY (${key})) WITHOUT ROWID; DELETE FROM temp.touched_messages`);
  db.prepare(`INSERT INTO temp.touched_messages SELECT ${key}, last_failure, fate FROM message_rows
    WHERE (${key}) IN (SELECT ${key} FROM event_rows WHERE source_id = ? AND ${QUEUED_EVENTS})`).run(sourceId);
  db.exec(`DELETE FROM message_rows WHERE (${key}) IN (SELECT ${key} FROM temp.touched_messages)`);
  const deleted = db.prepare('DELETE FROM event_rows WHERE source_id = ?').run(sourceId).changes;
  db.prepare(`INSERT INTO message_rows
    (mta, host, queue_id, recipient, recipient_domain, direction, outcome, cause, attempts, first_failure, last_failure, fate)
    SELECT ${key}, recipient_domain, direction, outcome, cause, attempts, first_failure, time,
      CASE WHEN time = old_last THEN old_fate WHEN outcome = @deferred THEN @pending ELSE outcome END
    FROM (${latestFailures(`event_rows JOIN temp.touched_messages USING (${key})`)}) JOIN temp.touched_messages USING (${key})`).run({
    deferred: OUTCOME_CODES.deferred,
    pending: OUTCOME_CODES.pending,
  });
  return deleted;
}
