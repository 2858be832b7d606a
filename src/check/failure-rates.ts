// The outbound failure rate, overall, per destination domain and per cause,
// risen beyond both thresholds: by `rate_rise_points` percentage points and
// by `rate_rise_percent` of what it was. A rate counts messages, as `report
// --by domain` does: those that bounced or expired, over those and the ones
// delivered. A deferral that was delivered later is no failure. Unclassified
// failures have no rate of their own: new reasons are findings of their own
// (src/check/new-reasons.ts), and "no rule matched" says nothing to act on.

import { causeText, type CauseId } from '../classify/causes.js';
import type { CauseCount, Destination } from './figures.js';
import { EPSILON, percent, type Finding } from './finding.js';
import { plural } from '../output.js';
import type { Thresholds } from './thresholds.js';

interface Rate {
  /** Messages that bounced or expired. */
  failed: number;
  /** All messages: failed and delivered. */
  messages: number;
  failure_rate: number | null;
}

export interface RateFinding extends Finding {
  kind: 'failure-rate';
  period: Rate;
  baseline: Rate;
}

/** How far a finding's rate rose, in rate (0 to 1). */
function rise(f: RateFinding): number {
  return (f.period.failure_rate ?? 0) - (f.baseline.failure_rate ?? 0);
}

function rate(failed: number, messages: number): Rate {
  return { failed, messages, failure_rate: messages > 0 ? failed / messages : null };
}

function hasRisen(now: Rate, then: Rate, t: Thresholds): boolean {
  if (now.failure_rate === null) return false;
  const was = then.failure_rate ?? 0;
  const up = now.failure_rate - was;
  return up * 100 >= t.rate_rise_points - EPSILON && (was === 0 || (up / was) * 100 >= t.rate_rise_percent - EPSILON);
}

function outboundOnly(destinations: readonly Destination[]): Destination[] {
  return destinations.filter((d) => d.direction === 'outbound');
}

function total(destinations: readonly Destination[]): Rate {
  const failed = destinations.reduce((n, d) => n + d.permanent, 0);
  return rate(failed, failed + destinations.reduce((n, d) => n + d.delivered, 0));
}

function describe(now: Rate, then: Rate): string {
  const was = then.messages > 0 ? `${percent(then.failure_rate ?? 0)} (${then.failed} of ${then.messages}) in the baseline` : 'no mail in the baseline';
  return `${percent(now.failure_rate ?? 0)} (${now.failed} of ${plural(now.messages, 'message')}), against ${was}`;
}

function finding(subject: string | null, summary: string, since: string | null, now: Rate, then: Rate, advice: string): RateFinding {
  return { severity: 'warning', kind: 'failure-rate', direction: 'outbound', subject, summary, since, period: now, baseline: then, advice };
}

const OVERALL_ADVICE = 'See which causes and destinations rose: maillog report over the period, and with --by domain; the other findings name those past the thresholds.';

/** What to do about a cause, with what it is called. */
function causeAdvice(cause: CauseId): string {
  const text = causeText(cause);
  return `Mostly ${cause} (${text.title}): ${text.advice}`;
}

/** All outbound mail, then each cause, then each destination domain with `min_volume` messages, the biggest rise first within each. */
export function failureRateFindings(
  period: { destinations: readonly Destination[]; causes: readonly CauseCount[] },
  baseline: { destinations: readonly Destination[]; causes: readonly CauseCount[] },
  t: Thresholds,
): RateFinding[] {
  const [now, then] = [total(outboundOnly(period.destinations)), total(outboundOnly(baseline.destinations))];
  // Too little mail makes every bounce a jump in the rate.
  if (now.messages < t.min_volume) return [];
  const risen = (a: RateFinding, b: RateFinding) => rise(b) - rise(a);
  const causesBefore = new Map(baseline.causes.map((c) => [c.cause, c.permanent]));
  const byCause: RateFinding[] = [];
  for (const c of period.causes) {
    if (c.cause === 'unclassified') continue;
    const [cNow, cThen] = [rate(c.permanent, now.messages), rate(causesBefore.get(c.cause) ?? 0, then.messages)];
    if (!hasRisen(cNow, cThen, t)) continue;
    byCause.push(finding(c.cause, `outbound messages failed for ${c.cause}: ${describe(cNow, cThen)}`, c.first, cNow, cThen, causeText(c.cause).advice));
  }
  byCause.sort(risen);

  const findings: RateFinding[] = [];
  if (hasRisen(now, then, t)) {
    // It started when the cause that rose the most started.
    findings.push(finding(null, `outbound failure rate ${describe(now, then)}`, byCause[0]?.since ?? null, now, then, OVERALL_ADVICE));
  }

  const domainsBefore = new Map(outboundOnly(baseline.destinations).map((d) => [d.domain, d]));
  const byDomain: RateFinding[] = [];
  for (const d of outboundOnly(period.destinations)) {
    const dNow = rate(d.permanent, d.permanent + d.delivered);
    if (dNow.messages < t.min_volume) continue;
    const b = domainsBefore.get(d.domain);
    const dThen = b ? rate(b.permanent, b.permanent + b.delivered) : rate(0, 0);
    if (!hasRisen(dNow, dThen, t)) continue;
    const advice = d.permanentCause ? causeAdvice(d.permanentCause) : OVERALL_ADVICE;
    byDomain.push(finding(d.domain, `failure rate of outbound mail to ${d.domain}: ${describe(dNow, dThen)}`, d.firstPermanent, dNow, dThen, advice));
  }
  return [...findings, ...byCause, ...byDomain.sort(risen)];
}
