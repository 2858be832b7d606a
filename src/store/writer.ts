// Writes one ingest run. The whole run is one transaction: a run killed at any
// moment leaves the database as it was before, and the sources' offsets are
// committed together with the rows they cover. Each source is a savepoint, so
// a source that fails half-way is undone alone and read again next time.

import { lacksContext, type DeliveredEvent, type FailureEvent, type Mta, type ProblemEvent } from '../../parsers/events.js';
import { fingerprintOf, maskDiagnostic } from '../classify/fingerprint.js';
import { clipText } from '../../parsers/clip.js';
import type { Classification } from '../classify/classifier.js';
import { DailyCounts, isoTime, recipientDomain } from './daily-counts.js';
import type { TrafficRows } from './traffic-counts.js';
import { MessageRows } from './messages.js';
import { isPostgres, storageError, type Db } from './database.js';
import { HOST_LOCKS, RUNS_LOCK } from './postgres/locks.js';
import { UserError } from '../errors.js';
import { InternedTexts, deleteUnusedTexts } from './interned.js';
import { BulkInsert } from './bulk-insert.js';
import { dayNumber, DIRECTION_CODES, MTA_CODES, OUTCOME_CODES, perMille, ROLE_CODES, type PartyRole } from './codes.js';

const EVENT_COLUMNS = ['time', 'mta', 'host', 'queue_id', 'sender', 'recipient', 'recipient_domain', 'relay', 'reply_code', 'enhanced_status',
  'stage', 'outcome', 'direction', 'cause', 'rule', 'diagnostic', 'source_id', 'line', 'confidence'];

export interface RunTotals {
  started: string;
  /** The site rules file classified with, and its content's hash; null without --rules. */
  rulesPath: string | null;
  rulesHash: string | null;
  files: number;
  lines: number;
  failures: number;
  deliveries: number;
  skipped: number;
  seconds: number;
}

/** Adds a count (negative to take away) to one key of failures_daily, its source last. */
export function addFailuresStatement(db: Db) {
  return db.prepare(`INSERT INTO failures_daily (day, host, mta, direction, outcome, cause, recipient_domain, source_id, count)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT DO UPDATE SET count = count + excluded.count`);
}

/**
 * Opens a write transaction, taking the write lock now: a second writer waits
 * (busy_timeout) instead of failing mid-run. In PostgreSQL, runs of different
 * hosts' logs go on together, each waiting only for rows another holds; a
 * second run of the same host's logs (`origin`) waits for the first, as
 * both would read the same new lines.
 */
export function beginWrite(db: Db, origin?: string): void {
  if (isPostgres(db)) return beginPostgresWrite(db, origin);
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') {
      const waited = Number(db.pragma('busy_timeout', { simple: true })) / 1000;
      throw new UserError(`the database is being written by another run; waited ${waited} s, try again later`);
    }
    throw error;
  }
}

function beginPostgresWrite(db: Db, origin: string | undefined): void {
  const waitMs = Number(db.pragma('busy_timeout', { simple: true }));
  db.exec(`BEGIN; SET LOCAL lock_timeout = ${Math.round(waitMs)}`);
  try {
    db.prepare('SELECT pg_advisory_xact_lock_shared(?)').get(RUNS_LOCK);
    if (origin !== undefined) db.prepare('SELECT pg_advisory_xact_lock(?, hashtext(?))').get(HOST_LOCKS, origin);
  } catch (error) {
    db.exec('ROLLBACK');
    if ((error as { code?: string }).code === '55P03') {
      throw new UserError(`the database is being written by another run${origin === undefined ? '' : ` of ${origin}'s logs`}; waited ${waitMs / 1000} s, try again later`);
    }
    throw error;
  }
  db.exec('SET LOCAL lock_timeout = 0');
}

const PROBLEM_EXAMPLE_CHARS = 512;

export class RunWriter {
  /** The failures, many per statement. */
  private readonly events: BulkInsert;
  private readonly addFailures;
  private readonly addDeliveries;
  private readonly addReceived;
  private readonly addHourly;
  private readonly addDelays;
  private readonly addParties;
  private readonly insertRun;
  private readonly failureCounts = new DailyCounts();
  private readonly deliveryCounts = new DailyCounts();
  private readonly receivedCounts = new DailyCounts();
  private readonly hourlyCounts = new DailyCounts();
  private readonly delayCounts = new DailyCounts();
  private readonly partyCounts = new DailyCounts();
  private readonly problemCounts = new DailyCounts();
  private readonly withoutContextCounts = new DailyCounts();
  /** The first text seen of each problem key held in problemCounts: its example. */
  private readonly problemExamples = new Map<string, string>();
  private readonly addProblems;
  private readonly addWithoutContext;
  private readonly messages: MessageRows;
  private readonly texts: InternedTexts;
  private sourceId = 0;

  /** @param origin the host whose logs the run reads */
  constructor(
    private readonly db: Db,
    private readonly origin: string,
  ) {
    this.texts = new InternedTexts(db);
    this.messages = new MessageRows(db, this.texts);
    this.events = new BulkInsert(db, 'event_rows', EVENT_COLUMNS);
    this.addFailures = addFailuresStatement(db);
    this.addDeliveries = db.prepare(`INSERT INTO deliveries_daily (day, host, mta, direction, recipient_domain, source_id, count, bytes)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT DO UPDATE SET count = count + excluded.count, bytes = bytes + excluded.bytes`);
    this.addReceived = db.prepare(`INSERT INTO received_daily (day, host, mta, source_id, count, bytes) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT DO UPDATE SET count = count + excluded.count, bytes = bytes + excluded.bytes`);
    this.addHourly = db.prepare(`INSERT INTO traffic_hourly (hour, host, mta, kind, direction, source_id, count) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT DO UPDATE SET count = count + excluded.count`);
    this.addDelays = db.prepare(`INSERT INTO delays_daily (day, host, mta, direction, recipient_domain, bucket, source_id, count, seconds, max_seconds)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT DO UPDATE SET count = count + excluded.count, seconds = seconds + excluded.seconds, max_seconds = max(max_seconds, excluded.max_seconds)`);
    this.addParties = db.prepare(`INSERT INTO party_rows (day, host, mta, role, party, source_id, count, bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT DO UPDATE SET count = count + excluded.count, bytes = bytes + excluded.bytes`);
    // The example stays the first one stored: later ones of the same shape say nothing new.
    this.addProblems = db.prepare(`INSERT INTO problems_daily (day, host, mta, severity, program, fingerprint, source_id, example, count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT DO UPDATE SET count = count + excluded.count`);
    this.addWithoutContext = db.prepare(`INSERT INTO without_context_daily (day, host, mta, direction, outcome, source_id, count) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT DO UPDATE SET count = count + excluded.count`);
    this.insertRun = db.prepare(`INSERT INTO runs (started, finished, files, lines, failures, deliveries, skipped, seconds, rules_path, rules_hash)
      VALUES (@started, @finished, @files, @lines, @failures, @deliveries, @skipped, @seconds, @rulesPath, @rulesHash)`);
  }

  begin(): void {
    beginWrite(this.db, this.origin);
  }

  failure(e: FailureEvent, c: Classification): void {
    const time = isoTime(e.time);
    const domain = recipientDomain(e.recipient);
    const t = this.texts;
    this.events.add(
      e.time, MTA_CODES[e.mta], t.string(e.host), e.queueId, t.string(e.sender), e.recipient, t.string(domain), t.string(e.relay),
      c.replyCode, t.string(c.enhancedStatus), t.string(c.stage), OUTCOME_CODES[e.outcome], DIRECTION_CODES[e.direction], t.string(c.cause),
      t.string(c.rule), t.diagnostic(e.diagnostic, c.fingerprint), this.sourceId, e.line, perMille(c.confidence),
    );
    this.failureCounts.add([time.slice(0, 10), e.host, e.mta, e.direction, e.outcome, c.cause, domain]);
    this.hourlyCounts.add([time.slice(0, 13), e.host, e.mta, e.outcome, e.direction]);
    if (lacksContext(e)) this.withoutContextCounts.add([time.slice(0, 10), e.host, e.mta, e.direction, e.outcome]);
    if (this.failureCounts.full || this.hourlyCounts.full || this.withoutContextCounts.full) this.addCounts();
    this.messages.failure(e, c.cause, domain);
  }

  /** A recipient deferred before was delivered. */
  deliveredLater(e: DeliveredEvent): void {
    this.messages.deliveredLater(e);
  }

  /** An MTA's own warning or error, counted by its masked shape, as reasons are. */
  problem(e: ProblemEvent): void {
    const columns = [isoTime(e.time).slice(0, 10), e.host, e.mta, e.severity, e.program, fingerprintOf(maskDiagnostic(e.text))];
    this.problemCounts.add(columns);
    const key = columns.join('\u0000');
    // Shorter than a failure's diagnostic: held for every shape until the counts are added, and only shown.
    if (!this.problemExamples.has(key)) this.problemExamples.set(key, clipText(e.text, PROBLEM_EXAMPLE_CHARS));
    if (this.problemCounts.full) this.addCounts();
  }

  /** Deliveries and messages received, counted by the source stage. */
  traffic(rows: TrafficRows): void {
    this.deliveryCounts.merge(rows.deliveries);
    this.receivedCounts.merge(rows.received);
    this.hourlyCounts.merge(rows.hourly);
    this.delayCounts.merge(rows.delays);
    this.partyCounts.merge(rows.parties);
    if ([this.deliveryCounts, this.receivedCounts, this.hourlyCounts, this.delayCounts, this.partyCounts].some((counts) => counts.full)) this.addCounts();
  }

  /** The counts held so far into the daily aggregates, under the source's id, in its savepoint. */
  private addCounts(): void {
    const source = this.sourceId;
    for (const [columns, { count }] of this.failureCounts.rows()) this.addFailures.run(...columns, source, count);
    for (const [columns, { count, sum }] of this.deliveryCounts.rows()) this.addDeliveries.run(...columns, source, count, sum);
    for (const [columns, { count, sum }] of this.receivedCounts.rows()) this.addReceived.run(...columns, source, count, sum);
    for (const [columns, { count }] of this.hourlyCounts.rows()) this.addHourly.run(...columns, source, count);
    for (const [[day, host, mta, direction, domain, bucket], { count, sum, max }] of this.delayCounts.rows()) {
      this.addDelays.run(day, host, mta, direction, domain, Number(bucket), source, count, sum, max);
    }
    for (const [[day, host, mta, role, party], { count, sum }] of this.partyCounts.rows()) {
      const [hostId, partyId] = [this.texts.string(host), this.texts.string(party)];
      this.addParties.run(dayNumber(day), hostId, MTA_CODES[mta as Mta], ROLE_CODES[role as PartyRole], partyId, source, count, sum);
    }
    for (const [columns, { count }] of this.problemCounts.rows()) this.addProblems.run(...columns, source, this.problemExamples.get(columns.join('\u0000')), count);
    for (const [columns, { count }] of this.withoutContextCounts.rows()) this.addWithoutContext.run(...columns, source, count);
    this.clearCounts();
  }

  beginSource(): void {
    this.sourceId = 0;
    this.db.exec('SAVEPOINT source');
  }

  /** The source whose events and counts come next: known once its first bytes are read, before any of them. */
  attribute(sourceId: number): void {
    this.sourceId = sourceId;
  }

  endSource(): void {
    this.events.finish();
    this.addCounts();
    this.db.exec('RELEASE source');
  }

  abortSource(): void {
    this.events.clear();
    this.texts.clear();
    this.clearCounts();
    this.db.exec('ROLLBACK TO source');
    this.db.exec('RELEASE source');
  }

  /** Deletes the events, and the failed messages last failing, from before `cutoff`, in the run's transaction; the daily aggregates stay. */
  pruneEvents(cutoff: Date): number {
    this.messages.pruneBefore(cutoff);
    const deleted = this.db.prepare('DELETE FROM event_rows WHERE time < ?').run(cutoff.getTime()).changes;
    if (deleted > 0) {
      deleteUnusedTexts(this.db);
      this.texts.clear();
    }
    return deleted;
  }

  commit(totals: RunTotals): void {
    this.insertRun.run({ ...totals, finished: new Date().toISOString() });
    this.db.exec('COMMIT');
  }

  private clearCounts(): void {
    this.failureCounts.clear();
    this.deliveryCounts.clear();
    this.receivedCounts.clear();
    this.hourlyCounts.clear();
    this.delayCounts.clear();
    this.partyCounts.clear();
    this.problemCounts.clear();
    this.problemExamples.clear();
    this.withoutContextCounts.clear();
  }

  /** Undoes the run; returns the error to report in place of `error`. */
  rollback(error: unknown): unknown {
    return abandonWrite(this.db, error, 'nothing of this run was stored');
  }
}

/**
 * Ends a write transaction that failed. On a full disk or a failed write SQLite
 * may already have rolled the transaction back, and ROLLBACK then throws "no
 * transaction is active": roll back only what is open, and never let the
 * rollback's own failure hide why the write failed (an unfinished transaction
 * is never seen by others and is undone when the connection closes). Returns
 * the error to report: a full disk as the user's to fix.
 */
export function abandonWrite(db: Db, error: unknown, unchanged: string): unknown {
  try {
    if (db.inTransaction) db.exec('ROLLBACK');
  } catch {
    // The original error is the one to report.
  }
  return storageError(error, db.name, unchanged) ?? error;
}
