// The log gone quiet: no delivery at all in a period when the baseline had
// them every day. The MTA stopped, or stopped logging, or the nightly ingest
// no longer reads the file it writes to.

import type { Deliveries } from './figures.js';
import { perDay, type Finding } from './finding.js';
import type { Thresholds } from './thresholds.js';

export interface QuietLogFinding extends Finding {
  kind: 'quiet-log';
  period: { deliveries: 0; last_delivery_day: string | null };
  baseline: { deliveries: number; per_day: number };
}

const ADVICE =
  'Check that the MTA runs and still logs (its service status, the end of its log), that syslog writes the mail log, and that the nightly ingest is given the file it writes to (maillog status lists what was read, and when).';

/** One finding when the period has no delivery and the baseline averaged `quiet_min` or more a day. */
export function quietLogFindings(period: Deliveries, baseline: Deliveries, t: Thresholds): QuietLogFinding[] {
  if (period.count > 0 || baseline.days === 0) return [];
  const average = baseline.count / baseline.days;
  if (average < t.quiet_min) return [];
  const last = period.lastDay === null ? '' : `; the last was on ${period.lastDay} (UTC)`;
  return [
    {
      severity: 'critical',
      kind: 'quiet-log',
      direction: null,
      subject: null,
      summary: `no delivery at all in the period, against ${perDay(average)} a day in the baseline${last}`,
      since: null,
      period: { deliveries: 0, last_delivery_day: period.lastDay },
      baseline: { deliveries: baseline.count, per_day: average },
      advice: ADVICE,
    },
  ];
}
