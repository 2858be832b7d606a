// The summary block at the top of the default report: the traffic of the
// period as pflogsumm and eximstats users expect to see it first (how much
// came in, went out, was late, bounced, expired, was refused), before the
// failures by cause. docs/summary.md says how each number is counted.

import type { Db } from '../store/database.js';
import { andWhere, periodAndHost, whereClause, type Filters } from './filters.js';
import { plural } from '../output.js';

export interface Summary {
  received: number;
  /** Bytes of the messages received. */
  received_bytes: number;
  /** Recipients delivered, by a remote server or our own delivery agents. */
  delivered: number;
  /** Bytes of the messages delivered, counted once per recipient; 0 where the log gave no size. */
  delivered_bytes: number;
  /** Distinct messages (queue id + recipient) deferred at least once. */
  deferred: number;
  /** Deferral lines: every retry of those messages. */
  deferred_attempts: number;
  bounced: number;
  expired: number;
  rejected: number;
  /** Failure lines of our mail (among deferred, bounced, expired) read without their message's earlier lines: sender or recipient unknown. */
  without_context: number;
}

/** The period's and host's traffic; the other filters do not apply (a message received has no cause or recipient yet). */
export function summary(db: Db, filters: Filters): Summary {
  const scope = periodAndHost(filters);
  const days = whereClause(scope, 'day');
  const sums = (table: string) =>
    db.prepare(`SELECT coalesce(sum(count), 0) AS count, coalesce(sum(bytes), 0) AS bytes FROM ${table} ${days.sql}`).get(...days.params) as { count: number; bytes: number };
  const received = sums('received_daily');
  const delivered = sums('deliveries_daily');
  const failures = new Map(
    (db.prepare(`SELECT outcome, sum(count) AS n FROM failures_daily ${days.sql} GROUP BY outcome`).all(...days.params) as { outcome: string; n: number }[]).map((r) => [r.outcome, r.n]),
  );
  // A message that bounced or expired after deferrals has more than one attempt: it was deferred too.
  const queued = andWhere(whereClause(scope, 'last_failure'), "(outcome = 'deferred' OR attempts > 1)");
  const deferred = db.prepare(`SELECT count(*) FROM messages ${queued.sql}`).pluck().get(...queued.params) as number;
  const withoutContext = db.prepare(`SELECT coalesce(sum(count), 0) FROM without_context_daily ${days.sql}`).pluck().get(...days.params) as number;
  return {
    received: received.count,
    received_bytes: received.bytes,
    delivered: delivered.count,
    delivered_bytes: delivered.bytes,
    deferred,
    deferred_attempts: failures.get('deferred') ?? 0,
    bounced: failures.get('bounced') ?? 0,
    expired: failures.get('expired') ?? 0,
    rejected: failures.get('rejected') ?? 0,
    without_context: withoutContext,
  };
}

/** The line under the block when failures were read without their message's earlier lines; null when none were. */
export function withoutContextNote(s: Summary): string | null {
  if (s.without_context === 0) return null;
  return `${plural(s.without_context, 'failure line')} read without the message's earlier lines (the log starts mid-way, or an older file was not given): sender or recipient unknown`;
}

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

/** Bytes in decimal units, as mail administrators read message sizes: `368 B`, `2.4 MB`. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${UNITS[unit]}`;
}

/** The text block: counts, and bytes where the log gave them. */
export function renderSummary(s: Summary): string {
  const lines: [string, number, string][] = [
    ['received', s.received, s.received_bytes > 0 ? formatBytes(s.received_bytes) : ''],
    ['delivered', s.delivered, s.delivered_bytes > 0 ? formatBytes(s.delivered_bytes) : ''],
    ['deferred', s.deferred, `(${plural(s.deferred_attempts, 'attempt')})`],
    ['bounced', s.bounced, ''],
    ['expired', s.expired, ''],
    ['rejected', s.rejected, ''],
  ];
  const width = Math.max('messages'.length, ...lines.map(([, n]) => String(n).length));
  const row = (label: string, count: string, bytes: string) => `${label.padEnd(10)}  ${count.padStart(width)}  ${bytes}`.trimEnd();
  const header = `${'Summary'.padEnd(10)}  ${'messages'.padStart(width)}  ${'bytes'.padStart(8)}`;
  const note = withoutContextNote(s);
  return [header, ...lines.map(([label, n, bytes]) => row(label, String(n), label === 'deferred' ? bytes : bytes.padStart(8))), ...(note ? [note] : [])].join('\n') + '\n';
}
