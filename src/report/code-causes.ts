// How many of the site's failures with a given code fell into each cause:
// `explain` shows it beside the causes the code can mean.

import type { Direction } from '../../parsers/events.js';
import type { CauseId } from '../classify/causes.js';
import type { Lookup } from '../reference/lookup.js';
import type { Db } from '../store/database.js';

export const RECENT_DAYS = 30;

export function causeCounts(db: Db, found: Lookup, direction?: Direction, now = new Date()): Map<CauseId, number> {
  const since = new Date(now.getTime() - RECENT_DAYS * 86_400_000).toISOString();
  const where = ['time >= ?'];
  const params: (string | number)[] = [since];
  if (direction) {
    where.push('direction = ?');
    params.push(direction);
  }
  if (found.reply) {
    where.push('reply_code = ?');
    params.push(found.reply.code);
  }
  if (found.enhanced) {
    where.push('enhanced_status = ?');
    params.push(found.enhanced.code);
  }
  const rows = db.prepare(`SELECT cause, count(*) AS n FROM events WHERE ${where.join(' AND ')} GROUP BY cause ORDER BY n DESC, cause`).all(...params) as {
    cause: CauseId;
    n: number;
  }[];
  return new Map(rows.map((r) => [r.cause, r.n]));
}
