// Delivery delays, from a message's arrival in our queue to its delivery
// (Postfix delay=, Exim QT=, qmail from the info line to the success), read
// from the counts per log-scale class ingest keeps (schema.sql's
// delays_daily). A median or 95th percentile is the mean of the class it
// falls in, so within one class (about 19%) of the exact value; the maximum
// is exact. The counts are daily: they cover a period by whole UTC days.

import type { Direction } from '../../parsers/events.js';
import { UserError } from '../errors.js';
import type { Db } from '../store/database.js';
import { renderBarTable } from './bars.js';
import type { Column, Row } from './breakdown.js';
import { andWhere, periodAndHost, whereClause, type Filters, type Where } from './filters.js';
import { plural } from '../output.js';

export interface DelayStats {
  median_seconds: number;
  p95_seconds: number;
  max_seconds: number;
  /** Deliveries whose delay the log gave. */
  deliveries: number;
}

/** Only outbound and local deliveries wait in our queue. */
export type DelayedDirection = Extract<Direction, 'outbound' | 'local'>;
const DELAYED: readonly DelayedDirection[] = ['outbound', 'local'];

interface ClassCount {
  count: number;
  /** Sum of the class's delays: over count, their mean. */
  seconds: number;
  max: number;
}

/** The delay below which a share `q` of the deliveries fall (nearest rank), as the mean of its class. */
function percentile(classes: readonly ClassCount[], total: number, q: number): number {
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const c of classes) {
    seen += c.count;
    if (seen >= rank) return c.seconds / c.count;
  }
  return 0;
}

/** Median, 95% and maximum of classes given in class order; null when there are none. */
export function delayStats(classes: readonly ClassCount[]): DelayStats | null {
  const total = classes.reduce((sum, c) => sum + c.count, 0);
  if (total === 0) return null;
  return {
    median_seconds: percentile(classes, total, 0.5),
    p95_seconds: percentile(classes, total, 0.95),
    max_seconds: Math.max(...classes.map((c) => c.max)),
    deliveries: total,
  };
}

/** Class counts grouped by `group` (a column of delays_daily), each group's classes in order. */
function classesBy(db: Db, where: Where, group: string): Map<string, ClassCount[]> {
  // One group of all (group '') is no key to group or sort by: PostgreSQL refuses a constant there.
  const keys = group === "''" ? 'bucket' : `${group}, bucket`;
  const rows = db
    .prepare(`SELECT ${group} AS key, bucket, sum(count) AS count, sum(seconds) AS seconds, max(max_seconds) AS max FROM delays_daily ${where.sql} GROUP BY ${keys} ORDER BY ${keys}`)
    .all(...where.params) as (ClassCount & { key: string })[];
  const groups = new Map<string, ClassCount[]>();
  for (const { key, ...c } of rows) groups.set(key, [...(groups.get(key) ?? []), c]);
  return groups;
}

/** The period's and host's delays of outbound and local deliveries, each direction that has any. */
export function delaySummary(db: Db, filters: Filters): Partial<Record<DelayedDirection, DelayStats>> {
  const byDirection = classesBy(db, whereClause(periodAndHost(filters), 'day'), 'direction');
  const summary: Partial<Record<DelayedDirection, DelayStats>> = {};
  for (const direction of DELAYED) {
    const stats = delayStats(byDirection.get(direction) ?? []);
    if (stats) summary[direction] = stats;
  }
  return summary;
}

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;

/** A delay as people read it: `< 0.1 s`, `0.4 s`, `27 s`, `4 min 12 s`, `2 h 3 min`, `5 d 2 h`. */
export function formatDuration(seconds: number): string {
  // Shown to a tenth, a delay under 0.05 s would read as none at all.
  if (seconds < 0.05) return '< 0.1 s';
  if (seconds < 9.95) return `${Number(seconds.toFixed(1))} s`;
  if (seconds < 59.5) return `${Math.round(seconds)} s`;
  const two = (big: number, bigUnit: string, small: number, smallUnit: string) => (small > 0 ? `${big} ${bigUnit} ${small} ${smallUnit}` : `${big} ${bigUnit}`);
  const whole = Math.round(seconds);
  if (whole < HOUR) return two(Math.floor(whole / MINUTE), 'min', whole % MINUTE, 's');
  const minutes = Math.round(seconds / MINUTE);
  if (minutes < DAY / MINUTE) return two(Math.floor(minutes / 60), 'h', minutes % 60, 'min');
  const hours = Math.round(seconds / HOUR);
  return two(Math.floor(hours / 24), 'd', hours % 24, 'h');
}

/** The lines under the summary: one per direction with deliveries; empty when none. */
export function renderDelaySummary(summary: Partial<Record<DelayedDirection, DelayStats>>): string {
  const shown = DELAYED.filter((d) => summary[d] !== undefined);
  // Two lines name their direction and so drop "delivery", to stay within 80 columns.
  const label = (d: DelayedDirection) => (shown.length > 1 ? `delay, ${d}:`.padEnd('delay, outbound:'.length) : 'delivery delay:');
  return shown
    .map((d) => {
      const s = summary[d]!;
      return `${label(d)} median ${formatDuration(s.median_seconds)}, 95% ${formatDuration(s.p95_seconds)}, max ${formatDuration(s.max_seconds)} (${plural(s.deliveries, 'delivery', 'deliveries')})\n`;
    })
    .join('');
}

/** Text shows a number of seconds as a duration; CSV and JSON keep the seconds. */
const asDuration = (text: string) => (text === '' ? '' : formatDuration(Number(text)));

/**
 * The destinations view's delay columns: median, 95% and maximum delay of
 * the outbound deliveries to each row's `domain`, over the period's whole
 * days and host; null where none gave a delay.
 */
export function addDomainDelays(db: Db, filters: Filters, rows: Row[], columns: Column[]): void {
  const byDomain = classesBy(db, whereClause({ ...periodAndHost(filters), direction: 'outbound' }, 'day'), 'recipient_domain');
  columns.push(
    { key: 'median_delay_seconds', header: 'median', numeric: true, show: asDuration, hiddenWhenBlank: true },
    { key: 'p95_delay_seconds', header: '95%', numeric: true, show: asDuration, hiddenWhenBlank: true },
    { key: 'max_delay_seconds', header: 'max', numeric: true, show: asDuration, hiddenWhenBlank: true },
  );
  for (const row of rows) {
    const stats = delayStats(byDomain.get(String(row.domain)) ?? []);
    row.median_delay_seconds = stats?.median_seconds ?? null;
    row.p95_delay_seconds = stats?.p95_seconds ?? null;
    row.max_delay_seconds = stats?.max_seconds ?? null;
  }
}

/** Upper bounds of the distribution's ranges, in seconds; the last range has none. */
const RANGE_ENDS = [1, 2, 5, 10, 30, MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 5 * DAY];

function unitOf(seconds: number): [number, string] {
  if (seconds >= DAY) return [seconds / DAY, 'd'];
  if (seconds >= HOUR) return [seconds / HOUR, 'h'];
  if (seconds >= MINUTE) return [seconds / MINUTE, 'min'];
  return [seconds, 's'];
}

/** `< 1 s`, `1-2 s`, `30 s-1 min`, `5 d or more`. */
function rangeLabel(lower: number, upper: number | null): string {
  const [from, fromUnit] = unitOf(lower);
  if (upper === null) return `${from} ${fromUnit} or more`;
  const [to, toUnit] = unitOf(upper);
  if (lower === 0) return `< ${to} ${toUnit}`;
  return fromUnit === toUnit ? `${from}-${to} ${toUnit}` : `${from} ${fromUnit}-${to} ${toUnit}`;
}

/** `--by delay` counts deliveries, which have no cause and no outcome. */
export function checkDelayFilters(filters: Filters): void {
  if (filters.cause !== undefined || filters.outcome !== undefined) throw new UserError('--by delay counts deliveries, which have no cause or outcome: leave out --cause and --outcome');
}

/**
 * `--by delay`: the deliveries per range of delay, from the first range
 * with any to the last. A class falls in the range of its mean delay, so a
 * range's edges are exact to within a class. `--direction` and `--domain`
 * (the recipient's) narrow it; the period is taken by whole days.
 */
export function delayDistribution(db: Db, filters: Filters): { columns: Column[]; rows: Row[]; total: number } {
  checkDelayFilters(filters);
  let where = whereClause({ ...periodAndHost(filters), direction: filters.direction }, 'day');
  if (filters.domain !== undefined) where = andWhere(where, 'recipient_domain = ?', [filters.domain]);
  const classes = classesBy(db, where, "''").get('') ?? [];
  const counts = new Array<number>(RANGE_ENDS.length + 1).fill(0);
  for (const c of classes) {
    const mean = c.seconds / c.count;
    const range = RANGE_ENDS.findIndex((end) => mean < end);
    counts[range === -1 ? RANGE_ENDS.length : range] += c.count;
  }
  const total = counts.reduce((a, b) => a + b, 0);
  const used = counts.flatMap((n, i) => (n > 0 ? [i] : []));
  const rows: Row[] = [];
  for (let i = used[0] ?? 0; used.length > 0 && i <= used[used.length - 1]; i++) {
    const lower = i === 0 ? 0 : RANGE_ENDS[i - 1];
    const upper = i < RANGE_ENDS.length ? RANGE_ENDS[i] : null;
    rows.push({ delay: rangeLabel(lower, upper), lower_seconds: lower, upper_seconds: upper, deliveries: counts[i], share: counts[i] / total });
  }
  const columns: Column[] = [
    { key: 'delay', header: 'delay', numeric: false },
    { key: 'lower_seconds', header: 'from (s)', numeric: true, tableHidden: true },
    { key: 'upper_seconds', header: 'to (s)', numeric: true, tableHidden: true },
    { key: 'deliveries', header: 'deliveries', numeric: true },
    { key: 'share', header: 'share', numeric: true },
  ];
  return { columns, rows, total };
}

export function renderDelayDistribution(columns: Column[], rows: Row[]): string {
  return renderBarTable(columns, rows, (r) => [[Number(r.deliveries), '#']]);
}
