// The database side of `maillog check`: the figures of one span of time, as
// src/check/figures.ts describes them. Failed messages are read at their
// time; deliveries only have daily counts, kept by UTC day.

import type { CauseId } from '../classify/causes.js';
import { EVENT_MESSAGE } from '../report/breakdown.js';
import { coverage } from '../report/coverage.js';
import { andWhere, whereClause, type Where } from '../report/filters.js';
import type { Db } from '../store/database.js';
import type { AntispamRefusal, Deliveries, Destination, CauseCount, UnclassifiedReason, UnreadableSource, WindowFigures } from './figures.js';
import { lengthInDays, type Window } from './periods.js';

const DAY = 86_400_000;
const HALF_DAY = DAY / 2;

const isoDate = (t: number) => new Date(t).toISOString().slice(0, 10);

/**
 * The UTC days whose daily counts stand for a window: those it covers the
 * larger part of, so a day of the report zone is read as the UTC day it
 * mostly overlaps; for a window of less than a day, the day holding its
 * middle.
 */
export function dailyCountDays(w: Window): { first: string; end: string; days: number } {
  const [since, until] = [Date.parse(w.since), Date.parse(w.until)];
  if (since === until) return { first: isoDate(since), end: isoDate(since), days: 0 };
  const [first, end] = [isoDate(since + HALF_DAY), isoDate(until + HALF_DAY)];
  if (first < end) return { first, end, days: (Date.parse(end) - Date.parse(first)) / DAY };
  const middle = isoDate((since + until) / 2);
  return { first: middle, end: isoDate(Date.parse(middle) + DAY), days: 1 };
}

/** The time bounds of a window over a table's time column, as the reports write them. */
function during(w: Window, column: 'time' | 'last_failure'): Where {
  return whereClause({ since: w.since, until: w.until, zone: 'UTC' }, column);
}

function duringDays(w: Window): Where {
  const { first, end } = dailyCountDays(w);
  return whereClause({ since: `${first}T00:00:00.000Z`, until: `${end}T00:00:00.000Z`, zone: 'UTC' }, 'day');
}

/** Outbound mail to this site's own domains is not mail to a destination. */
function outboundElsewhere(where: Where, own: readonly string[]): Where {
  const direction = andWhere(where, "direction IN ('outbound', 'local')");
  if (own.length === 0) return direction;
  return andWhere(direction, `(direction = 'local' OR recipient_domain NOT IN (${own.map(() => '?').join(', ')}))`, own);
}

/** The value with the highest count per key: rows must come most frequent first. */
function mostFrequent<V>(rows: { key: string; value: V }[]): Map<string, V> {
  const first = new Map<string, V>();
  for (const r of rows) if (!first.has(r.key)) first.set(r.key, r.value);
  return first;
}

function destinations(db: Db, w: Window, own: readonly string[]): Destination[] {
  const key = (direction: string, domain: string) => `${direction} ${domain}`;
  const days = outboundElsewhere(andWhere(duringDays(w), "recipient_domain != ''"), own);
  const delivered = db.prepare(`SELECT direction, recipient_domain AS domain, sum(count) AS n FROM deliveries_daily ${days.sql} GROUP BY direction, recipient_domain`).all(...days.params) as {
    direction: Destination['direction'];
    domain: string;
    n: number;
  }[];
  const failedWhere = outboundElsewhere(andWhere(during(w, 'last_failure'), "recipient_domain != ''"), own);
  const failed = db
    .prepare(
      `SELECT direction, recipient_domain AS domain,
         count(CASE WHEN outcome != 'deferred' THEN 1 END) AS permanent,
         count(CASE WHEN outcome = 'deferred' OR attempts > 1 THEN 1 END) AS deferred,
         min(CASE WHEN outcome = 'deferred' OR attempts > 1 THEN first_failure END) AS firstDeferred,
         count(CASE WHEN fate != 'delivered' THEN 1 END) AS undelivered
       FROM failed_messages ${failedWhere.sql} GROUP BY direction, recipient_domain`,
    )
    .all(...failedWhere.params) as Omit<Destination, 'delivered' | 'permanentCause' | 'firstPermanent' | 'deferralCause'>[];
  const permanentWhere = andWhere(failedWhere, "outcome != 'deferred'");
  const permanentCause = mostFrequent(
    (
      db
        .prepare(`SELECT direction, recipient_domain AS domain, cause, count(*) AS n, min(last_failure) AS first FROM failed_messages ${permanentWhere.sql} GROUP BY 1, 2, 3 ORDER BY n DESC, cause`)
        .all(...permanentWhere.params) as { direction: string; domain: string; cause: CauseId; first: string }[]
    ).map((r) => ({ key: key(r.direction, r.domain), value: r })),
  );
  // The cause of each deferral line: what kept the mail waiting, whatever became of it.
  const deferralWhere = outboundElsewhere(andWhere(during(w, 'time'), "outcome = 'deferred' AND recipient_domain != ''"), own);
  const deferralCause = mostFrequent(
    (db.prepare(`SELECT direction, recipient_domain AS domain, cause, count(*) AS n FROM events ${deferralWhere.sql} GROUP BY 1, 2, 3 ORDER BY n DESC, cause`).all(...deferralWhere.params) as { direction: string; domain: string; cause: CauseId }[]).map(
      (r) => ({ key: key(r.direction, r.domain), value: r.cause }),
    ),
  );

  const all = new Map<string, Destination>();
  const entry = (direction: Destination['direction'], domain: string): Destination => {
    let d = all.get(key(direction, domain));
    if (!d) {
      d = { direction, domain, delivered: 0, permanent: 0, firstPermanent: null, permanentCause: null, deferred: 0, firstDeferred: null, undelivered: 0, deferralCause: null };
      all.set(key(direction, domain), d);
    }
    return d;
  };
  for (const r of delivered) entry(r.direction, r.domain).delivered = r.n;
  for (const r of failed) Object.assign(entry(r.direction, r.domain), r);
  for (const d of all.values()) {
    const main = permanentCause.get(key(d.direction, d.domain));
    d.permanentCause = main?.cause ?? null;
    d.firstPermanent = main?.first ?? null;
    d.deferralCause = deferralCause.get(key(d.direction, d.domain)) ?? null;
  }
  return [...all.values()];
}

function causes(db: Db, w: Window, own: readonly string[]): CauseCount[] {
  const where = andWhere(outboundElsewhere(during(w, 'last_failure'), own), "direction = 'outbound' AND outcome != 'deferred'");
  return db.prepare(`SELECT cause, count(*) AS permanent, min(last_failure) AS first FROM failed_messages ${where.sql} GROUP BY cause`).all(...where.params) as CauseCount[];
}

function refusals(db: Db, w: Window): AntispamRefusal[] {
  const where = andWhere(during(w, 'time'), "direction = 'outbound' AND cause = 'recipient-antispam'");
  return db
    .prepare(
      `SELECT rule, recipient_domain AS domain, count(DISTINCT ${EVENT_MESSAGE}) AS messages, min(time) AS first, min(diagnostic) AS example
       FROM events ${where.sql} GROUP BY fingerprint, rule, recipient_domain`,
    )
    .all(...where.params) as AntispamRefusal[];
}

function reasons(db: Db, w: Window): UnclassifiedReason[] {
  const where = andWhere(during(w, 'time'), "cause = 'unclassified'");
  return db
    .prepare(
      `SELECT direction, fingerprint, count(*) AS failures, count(DISTINCT recipient_domain) AS domains, min(time) AS first, min(diagnostic) AS example
       FROM events ${where.sql} GROUP BY direction, fingerprint`,
    )
    .all(...where.params) as UnclassifiedReason[];
}

function deliveries(db: Db, w: Window): Deliveries {
  const days = dailyCountDays(w);
  const where = duringDays(w);
  const count = Number(db.prepare(`SELECT coalesce(sum(count), 0) FROM deliveries_daily ${where.sql}`).pluck().get(...where.params));
  const lastDay = (db.prepare('SELECT max(day) FROM deliveries_daily WHERE day < ?').pluck().get(days.end) as string | null) ?? null;
  return { count, days: days.days, lastDay };
}

/** What the period or the baseline holds. `own` are this site's mail domains: outbound mail to them is left out. */
export function windowFigures(db: Db, w: Window, own: readonly string[]): WindowFigures {
  const sources = coverage(db, w);
  return {
    window: w,
    days: lengthInDays(w),
    destinations: destinations(db, w, own),
    causes: causes(db, w, own),
    refusals: refusals(db, w),
    reasons: reasons(db, w),
    deliveries: deliveries(db, w),
    coverage: { lines: sources.reduce((n, s) => n + Number(s.lines), 0), skipped: sources.reduce((n, s) => n + Number(s.skipped), 0) },
  };
}

/** The earliest time the database holds anything of (a failure, a delivery, a line of a source); null when empty. */
export function dataStart(db: Db): string | null {
  const first = db
    .prepare(
      `SELECT min(t) FROM (SELECT (SELECT time FROM events ORDER BY time_ms LIMIT 1) AS t UNION ALL SELECT min(day) FROM deliveries_daily
       UNION ALL SELECT min(day) FROM failures_daily UNION ALL SELECT min(first_time) FROM sources)`,
    )
    .pluck()
    .get() as string | null;
  // A day of the daily counts starts at its UTC midnight.
  return first === null ? null : first.length === 10 ? `${first}T00:00:00.000Z` : first;
}

/** Sources read since `since` of which no line was recognised. */
export function unreadableSources(db: Db, since: string): UnreadableSource[] {
  return db.prepare('SELECT path, lines, last_ingest AS lastIngest FROM sources WHERE lines > 0 AND lines_recognised = 0 AND last_ingest >= ? ORDER BY id').all(since) as UnreadableSource[];
}
