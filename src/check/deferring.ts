// A destination that starts deferring most of its mail: its server down or
// unreachable, or throttling us. Outbound, a remote domain; local, one of
// our own delivery agents or stores, which is ours to fix at once.

import { causeText } from '../classify/causes.js';
import type { Destination } from './figures.js';
import { EPSILON, percent, type Finding } from './finding.js';
import type { Thresholds } from './thresholds.js';
import { plural } from '../output.js';

interface Deferrals {
  deferred: number;
  messages: number;
  deferred_share: number | null;
}

export interface DeferringFinding extends Finding {
  kind: 'deferring';
  period: Deferrals & { cause: string | null };
  baseline: Deferrals;
}

function deferrals(d: Destination | undefined): Deferrals {
  if (!d) return { deferred: 0, messages: 0, deferred_share: null };
  const messages = d.delivered + d.undelivered;
  return { deferred: d.deferred, messages, deferred_share: messages > 0 ? d.deferred / messages : null };
}

/**
 * Destinations with `deferring_min` messages or more of which at least
 * `deferring_share` per cent were deferred, where the baseline deferred less
 * (or had no mail to them): the biggest share first.
 */
export function deferringFindings(period: readonly Destination[], baseline: readonly Destination[], t: Thresholds): DeferringFinding[] {
  const share = t.deferring_share / 100 - EPSILON;
  const before = new Map(baseline.map((d) => [`${d.direction} ${d.domain}`, d]));
  const findings: DeferringFinding[] = [];
  for (const d of period) {
    const now = deferrals(d);
    if (now.messages < t.deferring_min || (now.deferred_share ?? 0) < share) continue;
    const then = deferrals(before.get(`${d.direction} ${d.domain}`));
    if (then.deferred_share !== null && then.deferred_share >= share) continue;
    const was = then.messages > 0 ? `${then.deferred} of ${then.messages} (${percent(then.deferred_share ?? 0)}) in the baseline` : 'no mail to it in the baseline';
    const whose = d.direction === 'local' ? `local delivery to ${d.domain}` : `outbound mail to ${d.domain}`;
    const why = d.deferralCause ? `, mostly ${d.deferralCause}` : '';
    findings.push({
      severity: d.direction === 'local' ? 'critical' : 'warning',
      kind: 'deferring',
      direction: d.direction,
      subject: d.domain,
      summary: `${whose} deferred: ${now.deferred} of ${plural(now.messages, 'message')} (${percent(now.deferred_share ?? 0)}), against ${was}${why}`,
      since: d.firstDeferred,
      period: { ...now, cause: d.deferralCause },
      baseline: then,
      advice: d.deferralCause ? causeText(d.deferralCause, d.direction).advice : 'Read the deferrals (maillog report --by reason --domain DOMAIN) to see why the destination does not take the mail.',
    });
  }
  return findings.sort((a, b) => (b.period.deferred_share ?? 0) - (a.period.deferred_share ?? 0) || b.period.deferred - a.period.deferred);
}
