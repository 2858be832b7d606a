// Failures no rule classifies, with a reason the baseline did not have: a
// provider that changed its wording, or a new kind of trouble, which the
// report files under `unclassified` until a rule knows it.

import { maskDiagnostic } from '../classify/fingerprint.js';
import { replyOnly } from '../report/breakdown.js';
import type { UnclassifiedReason } from './figures.js';
import { type Finding } from './finding.js';
import { plural } from '../output.js';
import type { Thresholds } from './thresholds.js';

export interface NewReasonFinding extends Finding {
  kind: 'new-reason';
  period: { failures: number; domains: number; reason: string };
  baseline: { failures: 0 };
}

// Enough of a reason to recognise it in a mail; `maillog unclassified` shows it whole.
const SHOWN = 160;

function clipped(text: string): string {
  return text.length > SHOWN ? `${text.slice(0, SHOWN - 1)}…` : text;
}

const ADVICE =
  'Read it whole with maillog unclassified over the period; teach it to maillog with a site rule (--rules FILE) so the reports give it a cause, and act on that cause.';

/** Reasons (by fingerprint, per direction) of `unclassified_min` failures or more that the baseline did not have, the most failures first. */
export function newReasonFindings(period: readonly UnclassifiedReason[], baseline: readonly UnclassifiedReason[], t: Thresholds): NewReasonFinding[] {
  const known = new Set(baseline.map((r) => `${r.direction} ${r.fingerprint}`));
  return period
    .filter((r) => r.failures >= t.unclassified_min && !known.has(`${r.direction} ${r.fingerprint}`))
    .sort((a, b) => b.failures - a.failures || a.fingerprint.localeCompare(b.fingerprint))
    .map((r) => {
      // As `maillog unclassified` shows it: masked, without the MTA's wrapper.
      const reason = replyOnly(maskDiagnostic(r.example));
      return {
        severity: 'warning',
        kind: 'new-reason',
        direction: r.direction,
        subject: r.fingerprint,
        summary: `${plural(r.failures, `${r.direction} failure`)} (${plural(r.domains, 'domain')}) for a reason no rule classifies, not seen in the baseline: ${clipped(reason)}`,
        since: r.first,
        period: { failures: r.failures, domains: r.domains, reason },
        baseline: { failures: 0 },
        advice: ADVICE,
      };
    });
}
