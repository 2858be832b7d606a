// All the findings of `maillog check`, from the figures of the period and of
// the baseline, most serious first. Pure: src/check/queries.ts reads the
// figures, src/commands/check.ts prints what this returns.

import { blocklistFindings } from './blocklists.js';
import { skippedLinesFindings, unreadableSourceFindings } from './coverage-drop.js';
import { deferringFindings } from './deferring.js';
import { failureRateFindings } from './failure-rates.js';
import type { UnreadableSource, WindowFigures } from './figures.js';
import { mostSeriousFirst, type Finding } from './finding.js';
import { newReasonFindings } from './new-reasons.js';
import { quietLogFindings } from './quiet-log.js';
import type { Thresholds } from './thresholds.js';

/**
 * A baseline with no days (the database holds nothing before the period)
 * gives nothing to compare with: only what is wrong in itself is reported.
 */
export function checkFindings(period: WindowFigures, baseline: WindowFigures, unreadable: readonly UnreadableSource[], t: Thresholds): Finding[] {
  const compared =
    baseline.days > 0
      ? [
          ...blocklistFindings(period.refusals, baseline.refusals, { period: period.days, baseline: baseline.days }, t),
          ...quietLogFindings(period.deliveries, baseline.deliveries, t),
          ...failureRateFindings(period, baseline, t),
          ...deferringFindings(period.destinations, baseline.destinations, t),
          ...newReasonFindings(period.reasons, baseline.reasons, t),
          ...skippedLinesFindings(period.coverage, baseline.coverage, t),
        ]
      : [];
  return mostSeriousFirst([...compared, ...unreadableSourceFindings(unreadable)]);
}
