// What `maillog check` reports: one finding per change, with the figures of
// the period and of the baseline that show it, and what to do about it.

import type { Direction } from '../../parsers/events.js';

/** critical: mail is being lost or refused now; warning: worse than usual, worth a look today. */
export type Severity = 'critical' | 'warning';

/** In the order findings of one severity are shown: what costs the most mail first. */
export const FINDING_KINDS = ['blocklist', 'quiet-log', 'failure-rate', 'deferring', 'new-reason', 'coverage'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export interface Finding {
  severity: Severity;
  kind: FindingKind;
  /** Whose mail: outbound, local or inbound; null for the log as a whole. */
  direction: Direction | null;
  /** What it is about: a list, a domain, a cause, a reason's fingerprint, a source; null for all the mail of the direction. */
  subject: string | null;
  /** What changed, in one line. */
  summary: string;
  /** When it was first seen (UTC, ISO 8601); null where nothing marks a start. */
  since: string | null;
  period: object;
  baseline: object;
  advice: string;
}

const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, warning: 1 };

/**
 * Most serious first: critical before warning, then by kind. The sort is
 * stable, so each kind's findings keep the order their module gives them,
 * the biggest change first.
 */
export function mostSeriousFirst(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || FINDING_KINDS.indexOf(a.kind) - FINDING_KINDS.indexOf(b.kind));
}

/** Slack for comparing a share with a threshold: a share of exactly the threshold reaches it, whatever the last bit of the division says. */
export const EPSILON = 1e-9;


/** A share (0 to 1) as a percentage with one decimal, as the reports show rates. */
export function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** A daily average as people read one: whole numbers from 10 up, one decimal below. */
export function perDay(n: number): string {
  return n >= 10 ? String(Math.round(n)) : String(Math.round(n * 10) / 10);
}
