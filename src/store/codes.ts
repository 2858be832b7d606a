// The closed sets of texts the narrow rows store as small codes: schema.sql's
// views turn them back with CASE, cheaper per row than a lookup in strings
// (reports scan every row of a period). Each code here is written there too;
// test/narrow-rows.test.ts holds the two to the same.

import type { Direction, Mta, Outcome } from '../../parsers/events.js';
import type { Fate } from './messages.js';

/** Whom parties_daily counts: senders and clients of messages received, recipients and relays of deliveries. */
export type PartyRole = 'sender' | 'client' | 'recipient' | 'relay';

export const MTA_CODES: Readonly<Record<Mta, number>> = { postfix: 1, exim: 2, qmail: 3 };

export const DIRECTION_CODES: Readonly<Record<Direction, number>> = { outbound: 1, inbound: 2, local: 3 };

/** Outcomes and fates: a fate that is an outcome (bounced, expired, rejected) has its code, so an outcome can be taken as a fate. */
export const OUTCOME_CODES: Readonly<Record<Outcome | Fate, number>> = {
  bounced: 1,
  deferred: 2,
  expired: 3,
  rejected: 4,
  delivered: 5,
  pending: 6,
  unknown: 7,
};

/** The roles of parties_daily (schema.sql: party_rows). */
export const ROLE_CODES: Readonly<Record<PartyRole, number>> = { sender: 1, client: 2, recipient: 3, relay: 4 };

/**
 * A confidence as event_rows stores it: per mille, in 2 bytes where a REAL
 * takes 8. Lossless: the rules' confidences and the model's calibration
 * (eval/model.ts rounds it) are all per mille.
 */
export function perMille(confidence: number): number {
  return Math.round(confidence * 1000);
}

/** A UTC date (YYYY-MM-DD, or the start of an ISO time) as party_rows stores it: days since 1970. */
export function dayNumber(day: string): number {
  // A date alone parses as UTC midnight: a whole number of days.
  return Date.parse(day.slice(0, 10)) / 86_400_000;
}
