// Failed messages beside failed attempts: a recipient deferred at every retry
// is one message that was late, and what became of it (delivered later,
// bounced, expired, still pending) is its fate. A queued message is its queue
// id and recipient on one host, with one row in `messages`, written as its
// failures and its late delivery are read; a failure with no queued message
// (an SMTP-time reject) is a message of its own, and its event is its row.

import type { DeliveredEvent, FailureEvent, Outcome } from '../../parsers/events.js';
import type { CauseId } from '../classify/causes.js';
import type { Db } from './database.js';

/** What became of a failed message. 'unknown': last deferred before schema version 4 and gone from the queue since. */
export type Fate = 'delivered' | 'bounced' | 'expired' | 'rejected' | 'pending' | 'unknown';

export const FATES: readonly Fate[] = ['delivered', 'bounced', 'expired', 'rejected', 'pending', 'unknown'];

/** A failure that belongs to a queued message; the others are messages of their own (schema.sql's failed_messages). */
export function isQueued(e: Pick<FailureEvent, 'outcome' | 'queueId' | 'recipient'>): boolean {
  return e.outcome !== 'rejected' && e.queueId !== null && e.recipient !== null;
}

const QUEUED_EVENTS = "outcome != 'rejected' AND queue_id IS NOT NULL AND recipient IS NOT NULL";

/** Each queued message's latest failure event, with its attempts and first failure, among the events of `from`. */
const latestFailures = (from: string) => `SELECT * FROM (
    SELECT mta, host, queue_id, recipient, recipient_domain, direction, outcome, cause, time,
      count(*) OVER message AS attempts, min(time) OVER message AS first_failure,
      row_number() OVER (PARTITION BY mta, host, queue_id, recipient ORDER BY time DESC, id DESC) AS latest
    FROM ${from} WHERE ${QUEUED_EVENTS}
    WINDOW message AS (PARTITION BY mta, host, queue_id, recipient)
  ) WHERE latest = 1`;
const LATEST_FAILURES = latestFailures('events');

/**
 * The failed messages of a database from before schema version 4, rebuilt
 * from the events it still keeps: attempts, first and last failure and the
 * last cause are exact. Deliveries were not followed then: a message last
 * deferred is pending when the carried correlation state still holds its
 * deferral, and its fate is unknown otherwise (delivered later, or deleted
 * from the queue: the log said, but it was not kept).
 */
export const QUEUED_MESSAGES_FROM_EVENTS = `INSERT OR IGNORE INTO messages
  (mta, host, queue_id, recipient, recipient_domain, direction, outcome, cause, attempts, first_failure, last_failure, fate)
  SELECT mta, host, queue_id, recipient, recipient_domain, direction, outcome, cause, attempts, first_failure, time,
    CASE WHEN outcome != 'deferred' THEN outcome
      WHEN EXISTS (SELECT 1 FROM carryover c WHERE c.mta = f.mta AND c.kind = 'deferral' AND c.key = f.queue_id || char(0) || f.recipient) THEN 'pending'
      ELSE 'unknown' END
  FROM (${LATEST_FAILURES}) AS f`;

const FATE_OF: Record<Outcome, Fate> = { deferred: 'pending', bounced: 'bounced', expired: 'expired', rejected: 'rejected' };

/** Writes the failed-message rows of one run, in its transaction. */
export class MessageRows {
  private readonly upsert;
  private readonly delivered;
  private readonly prune;

  constructor(db: Db) {
    this.upsert = db.prepare(`INSERT INTO messages
      (mta, host, queue_id, recipient, recipient_domain, direction, outcome, cause, attempts, first_failure, last_failure, fate)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)
      ON CONFLICT DO UPDATE SET direction = excluded.direction, outcome = excluded.outcome, cause = excluded.cause,
        attempts = attempts + 1, last_failure = excluded.last_failure, fate = excluded.fate`);
    this.delivered = db.prepare("UPDATE messages SET fate = 'delivered' WHERE mta = ? AND host = ? AND queue_id = ? AND recipient = ? AND fate = 'pending'");
    this.prune = db.prepare('DELETE FROM messages WHERE last_failure < ?');
  }

  /** One more failed attempt of a queued message (`time` and `domain` as the event row stores them). */
  failure(e: FailureEvent, cause: CauseId, time: string, domain: string): void {
    if (!isQueued(e)) return;
    this.upsert.run(e.mta, e.host, e.queueId, e.recipient, domain, e.direction, e.outcome, cause, time, time, FATE_OF[e.outcome]);
  }

  /** A recipient deferred before was delivered: its message was late, not lost. */
  deliveredLater(e: DeliveredEvent): void {
    if (e.queueId !== null) this.delivered.run(e.mta, e.host, e.queueId, e.recipient);
  }

  /** Deletes the messages whose last failure is from before `cutoff`, as their events go. */
  pruneBefore(cutoff: string): void {
    this.prune.run(cutoff);
  }
}

/** After a reclassification each queued message takes the cause of its latest failure again. */
export function refreshMessageCauses(db: Db): void {
  db.exec(`UPDATE messages SET cause = f.cause FROM (${LATEST_FAILURES}) AS f
    WHERE messages.mta = f.mta AND messages.host = f.host AND messages.queue_id = f.queue_id AND messages.recipient = f.recipient
      AND messages.cause != f.cause`);
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
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS touched_messages (mta TEXT, host TEXT, queue_id TEXT, recipient TEXT,
    old_last TEXT, old_fate TEXT, PRIMARY KEY (${key})) WITHOUT ROWID; DELETE FROM temp.touched_messages`);
  db.prepare(`INSERT INTO temp.touched_messages SELECT ${key}, last_failure, fate FROM messages
    WHERE (${key}) IN (SELECT ${key} FROM events WHERE source_id = ? AND ${QUEUED_EVENTS})`).run(sourceId);
  db.exec(`DELETE FROM messages WHERE (${key}) IN (SELECT ${key} FROM temp.touched_messages)`);
  const deleted = db.prepare('DELETE FROM event_rows WHERE source_id = ?').run(sourceId).changes;
  db.exec(`INSERT INTO messages
    (mta, host, queue_id, recipient, recipient_domain, direction, outcome, cause, attempts, first_failure, last_failure, fate)
    SELECT ${key}, recipient_domain, direction, outcome, cause, attempts, first_failure, time,
      CASE WHEN time = old_last THEN old_fate WHEN outcome = 'deferred' THEN 'pending' ELSE outcome END
    FROM (${latestFailures(`events JOIN temp.touched_messages USING (${key})`)}) JOIN temp.touched_messages USING (${key})`);
  return deleted;
}
