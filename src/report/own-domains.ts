// This site's own mail domains, so that reports about outbound mail never
// count them as destinations: what the log shows our own delivery agents
// taking or failing, and what the administrator declares.

import type { Db } from '../store/database.js';

export function ownDomains(db: Db, declared: readonly string[]): string[] {
  const seen = db
    .prepare(`SELECT recipient_domain FROM deliveries_daily WHERE direction = 'local' AND recipient_domain != ''
      UNION SELECT recipient_domain FROM failures_daily WHERE direction = 'local' AND recipient_domain != ''`)
    .pluck()
    .all() as string[];
  return [...new Set([...seen, ...declared.map((d) => d.toLowerCase())])].sort();
}
