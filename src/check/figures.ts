// What `maillog check` reads of one span of time (the period or the
// baseline), as the finding modules take it: counts of messages, never rows
// of the database. src/check/queries.ts fills it in.

import type { Direction } from '../../parsers/events.js';
import type { CauseId } from '../classify/causes.js';
import type { Window } from './periods.js';

/** The mail to one recipient domain, outbound or to our own delivery agents. */
export interface Destination {
  direction: Extract<Direction, 'outbound' | 'local'>;
  domain: string;
  delivered: number;
  /** Messages that bounced or expired. */
  permanent: number;
  /** The cause most of those messages failed with; null with none. */
  permanentCause: CauseId | null;
  /** The first bounce or expiry of that cause (UTC ISO); null with none. */
  firstPermanent: string | null;
  /** Messages deferred at least once, delivered since or not. */
  deferred: number;
  /** The first deferral of those messages; null with none. */
  firstDeferred: string | null;
  /** Failed messages not delivered later: with `delivered`, every message of the domain. */
  undelivered: number;
  /** The cause most of the domain's deferrals had; null with none. */
  deferralCause: CauseId | null;
}

/** Outbound messages that bounced or expired for one cause. */
export interface CauseCount {
  cause: CauseId;
  permanent: number;
  first: string | null;
}

/** Outbound refusals by the recipient's anti-spam, alike texts to one domain together. */
export interface AntispamRefusal {
  /** The rule that classified them ('model' or null when no rule did). */
  rule: string | null;
  domain: string;
  messages: number;
  first: string;
  /** One of the texts, as the log has it: the list's name is in it. */
  example: string;
}

/** Failures no rule classifies, alike texts together. */
export interface UnclassifiedReason {
  direction: Direction;
  fingerprint: string;
  failures: number;
  domains: number;
  first: string;
  example: string;
}

export interface Deliveries {
  /** Deliveries of every direction. */
  count: number;
  /** The days they were counted over: the daily counts are kept by UTC day. */
  days: number;
  /** The last day up to the window's end with a delivery; null with none. */
  lastDay: string | null;
}

/** Lines read of the sources that hold data of the window. */
export interface LineCoverage {
  lines: number;
  skipped: number;
}

export interface WindowFigures {
  window: Window;
  /** The window's length in days. */
  days: number;
  destinations: Destination[];
  causes: CauseCount[];
  refusals: AntispamRefusal[];
  reasons: UnclassifiedReason[];
  deliveries: Deliveries;
  coverage: LineCoverage;
}

/** A log given to maillog of which not one line was understood: not a mail log, or one of a format maillog does not read. */
export interface UnreadableSource {
  path: string;
  lines: number;
  lastIngest: string;
}
