// Parse coverage dropping: more of the log skipped as unreadable than
// before, or a file given to maillog of which not one line was understood.
// Either way, failures can be missing from every other finding.

import type { LineCoverage, UnreadableSource } from './figures.js';
import { EPSILON, percent, type Finding } from './finding.js';
import { plural } from '../output.js';
import type { Thresholds } from './thresholds.js';

interface Skipped {
  lines: number;
  skipped: number;
  skipped_share: number | null;
}

export interface SkippedLinesFinding extends Finding {
  kind: 'coverage';
  period: Skipped;
  baseline: Skipped;
}

export interface UnreadableSourceFinding extends Finding {
  kind: 'coverage';
  period: { lines: number; recognised: 0; last_ingest: string };
  baseline: Record<string, never>;
}

function skipped(c: LineCoverage): Skipped {
  return { ...c, skipped_share: c.lines > 0 ? c.skipped / c.lines : null };
}

/** The share of lines skipped, over the sources that hold data of each span, risen by `skipped_rise_points` or more. */
export function skippedLinesFindings(period: LineCoverage, baseline: LineCoverage, t: Thresholds): SkippedLinesFinding[] {
  const [now, then] = [skipped(period), skipped(baseline)];
  if (now.skipped_share === null || (now.skipped_share - (then.skipped_share ?? 0)) * 100 < t.skipped_rise_points - EPSILON) return [];
  return [
    {
      severity: 'warning',
      kind: 'coverage',
      direction: null,
      subject: null,
      summary: `${percent(now.skipped_share)} of the log lines skipped as unreadable (${now.skipped} of ${now.lines}), against ${percent(then.skipped_share ?? 0)} in the baseline`,
      since: null,
      period: now,
      baseline: then,
      advice: "Read ingest's notes on the skipped lines (its stderr, which cron mails): lines cut or garbled after a crash, or a log format or --format maillog does not read.",
    },
  ];
}

/** Each source of which no line was recognised: it needs no baseline to be wrong. */
export function unreadableSourceFindings(sources: readonly UnreadableSource[]): UnreadableSourceFinding[] {
  return sources.map((s) => ({
    severity: 'warning',
    kind: 'coverage',
    direction: null,
    subject: s.path,
    summary: `${s.path}: not one of its ${plural(s.lines, 'line')} is of a log format maillog reads`,
    since: null,
    period: { lines: s.lines, recognised: 0, last_ingest: s.lastIngest },
    baseline: {},
    advice: "Give maillog only the MTA's logs, not other programs' files or a copy in another format; if it is a mail log, name its MTA with --format.",
  }));
}
