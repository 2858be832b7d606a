// Who our mail came from and went to: the senders, recipients, sender
// domains, relays and clients of a period by messages and bytes, read from
// parties_daily, beside the failed messages the events tie to each. They are
// the views `report --by sender|recipient|relay|client|sender-domain` and the
// Top block of the default report.

import { hostOf } from '../../parsers/exim/records.js';
import { withoutPort } from '../../parsers/postfix/records.js';
import type { Direction } from '../../parsers/events.js';
import { UserError } from '../errors.js';
import { dayNumber, ROLE_CODES, type PartyRole } from '../store/codes.js';
import { isPostgres, type Db } from '../store/database.js';
import { byValues, EVENT_MESSAGE, senderDomain, type Column, type CountMode, type Row } from './breakdown.js';
import { andWhere, periodAndHost, whereClause, type Filters, type Where } from './filters.js';
import { renderTable } from './render.js';
import { countOf, leftOutLine } from './sections.js';
import { formatBytes } from './summary.js';
import { plural } from '../output.js';

/** The values --by takes only alone: no failure breakdown has them. */
export const PARTY_ONLY_VIEWS = ['sender', 'recipient', 'relay', 'client'] as const;
export const PARTY_VIEWS = [...PARTY_ONLY_VIEWS, 'sender-domain'] as const;
export type PartyView = (typeof PARTY_VIEWS)[number];

export const PARTY_SORTS = ['messages', 'bytes', 'failed'] as const;
export type PartySort = (typeof PARTY_SORTS)[number];

/** Rows of a view in text when --top is not given; CSV and JSON have them all. */
export const TEXT_ROWS = 20;

/** The SQL function that names an event's relay as parties_daily names hosts, registered per connection. */
const PARTY_HOST = 'maillog_party_host';

interface ViewSpec {
  /** The rows of parties_daily it reads. */
  role: PartyRole;
  /** The party's key in rows, CSV headers and JSON. */
  key: string;
  /** The party, from parties_daily's column. */
  party: string;
  /** The party of a failure, from the events' columns, and which failures have one. */
  failedParty: string;
  failedWhere?: string;
  /** The one direction its messages have, the only one --direction may name. */
  direction?: Direction;
  /** What the text shows for an empty party. */
  blank: string;
  /** Its name in the plural, for totals and the Top block. */
  plural: string;
}

const VIEWS: Record<PartyView, ViewSpec> = {
  // Senders and sender domains of messages received; a failure of any direction names its sender, an SMTP-time reject included.
  sender: { role: 'sender', key: 'sender', party: 'party', failedParty: 'sender', failedWhere: 'sender IS NOT NULL', blank: '<>', plural: 'senders' },
  // As `--by sender-domain` counted failed messages before it had traffic: a failure with no sender known is under no domain.
  'sender-domain': { role: 'sender', key: 'sender_domain', party: senderDomain('party'), failedParty: senderDomain("coalesce(sender, '')"), blank: '(none)', plural: 'sender domains' },
  // Recipients of our deliveries, outbound and local: their failures are the mail we took and could not deliver.
  recipient: { role: 'recipient', key: 'recipient', party: 'party', failedParty: 'recipient', failedWhere: "recipient IS NOT NULL AND direction IN ('outbound', 'local')", blank: '(none)', plural: 'recipients' },
  // The remote hosts that took our outbound mail, and the outbound failures at each.
  relay: { role: 'relay', key: 'relay', party: 'party', failedParty: `${PARTY_HOST}(relay)`, failedWhere: "direction = 'outbound' AND relay != ''", direction: 'outbound', blank: '(none)', plural: 'relays' },
  // The SMTP clients that sent to us, and our SMTP-time rejects of each (an inbound reject's relay is its client).
  client: { role: 'client', key: 'client', party: 'party', failedParty: `${PARTY_HOST}(relay)`, failedWhere: "direction = 'inbound' AND relay != ''", direction: 'inbound', blank: '(none)', plural: 'clients' },
};

/**
 * An event's relay as the MTA logged it (Postfix `name[ip]:port`, Exim
 * `name [ip]:port` or `(helo) [ip]:port`, qmail `[ip]`), named as the
 * parsers name the parties: `name[ip]`, without the HELO name or the port.
 */
export function partyHost(relay: string): string {
  return withoutPort(hostOf(relay, 0) ?? relay);
}

const NARROWING = ['cause', 'domain', 'outcome'] as const;

/**
 * The party view --by asks for, or null for a failure breakdown.
 * sender-domain alone is one unless a filter its traffic cannot honour is
 * given; then, as with a second dimension, it counts failed messages as it
 * always did. The others have no failure breakdown: a filter they cannot
 * honour, or a second dimension, is refused.
 */
export function partyView(by: string[], filters: Filters): PartyView | null {
  const names = byValues(by);
  const own = PARTY_ONLY_VIEWS.find((v) => names.includes(v));
  if (own === undefined) {
    const whole = NARROWING.every((f) => filters[f] === undefined) && filters.direction === undefined;
    return names.length === 1 && names[0] === 'sender-domain' && whole ? 'sender-domain' : null;
  }
  if (names.length > 1) throw new UserError(`--by ${own} is a view of its own (messages and bytes per ${own}); it pairs with no other dimension`);
  const narrowed = NARROWING.find((f) => filters[f] !== undefined);
  if (narrowed !== undefined) throw new UserError(`--by ${own} counts messages, which have no cause, recipient domain or outcome: leave out --${narrowed}`);
  const direction = VIEWS[own].direction;
  if (filters.direction !== undefined && filters.direction !== direction) {
    throw new UserError(direction === undefined ? `--by ${own} counts mail of every direction: leave out --direction` : `--by ${own} is about ${direction} mail; --direction ${filters.direction} does not apply`);
  }
  return own;
}

export interface PartyTotals {
  messages: number;
  bytes: number;
  failed: number;
}

export interface PartyTable {
  view: PartyView;
  columns: Column[];
  rows: Row[];
  count: CountMode;
  /** Parties in the period, before --top. */
  parties: number;
  /** Sums over every party, before --top. */
  totals: PartyTotals;
  /** Rows --top left out. */
  leftOut: number;
}

interface Query {
  top: number | undefined;
  sort: PartySort;
  /** How failed messages are counted; null leaves the failed column out. */
  failed: CountMode | null;
}

const ORDER: Record<PartySort, string> = {
  messages: 'messages DESC, bytes DESC, failed DESC',
  bytes: 'bytes DESC, messages DESC, failed DESC',
  failed: 'failed DESC, messages DESC, bytes DESC',
};

/**
 * The parties of one view, most first. Messages and bytes come from the daily
 * aggregates, so they count the whole UTC days the period touches; failed
 * messages come from the events, in the exact period. A party with failures
 * and no traffic (a sender whose every message was refused) is a row too.
 */
function partyRows(db: Db, view: PartyView, filters: Filters, q: Query): { rows: Row[]; parties: number; totals: PartyTotals } {
  const spec = VIEWS[view];
  const scope = periodAndHost(filters);
  const days = partyRowsWhere(scope, spec.role);
  // Read from the stored rows, not the view: each party's text is looked up once, not once per day.
  const traffic = `SELECT ${spec.party} AS party, sum(messages) AS messages, sum(bytes) AS bytes FROM (
    SELECT (SELECT value FROM strings WHERE id = p.party) AS party, sum(count) AS messages, sum(bytes) AS bytes FROM party_rows p ${days.sql} GROUP BY p.party
  ) GROUP BY 1`;
  let joined = `SELECT party, messages, bytes, 0 AS failed FROM traffic`;
  let params = days.params;
  let withFailed = '';
  if (q.failed !== null) {
    // schema.postgres.sql defines it in SQL.
    if (spec.failedParty.startsWith(PARTY_HOST) && !isPostgres(db)) db.function(PARTY_HOST, { deterministic: true }, (relay) => partyHost(String(relay)));
    const period = whereClause(scope, 'time');
    const times = spec.failedWhere === undefined ? period : andWhere(period, spec.failedWhere);
    const n = q.failed === 'messages' ? `count(DISTINCT ${EVENT_MESSAGE})` : 'count(*)';
    withFailed = `, failed AS (SELECT ${spec.failedParty} AS party, ${n} AS failed FROM events ${times.sql} GROUP BY 1)`;
    joined = `SELECT p.party, coalesce(t.messages, 0) AS messages, coalesce(t.bytes, 0) AS bytes, coalesce(f.failed, 0) AS failed
      FROM (SELECT party FROM traffic UNION SELECT party FROM failed) p LEFT JOIN traffic t USING (party) LEFT JOIN failed f USING (party)`;
    params = [...days.params, ...times.params];
  }
  const all = `WITH traffic AS (${traffic})${withFailed} ${joined}`;
  const limit = q.top === undefined ? '' : ' LIMIT ?';
  const raw = db.prepare(`${all} ORDER BY ${ORDER[q.sort]}, party${limit}`).all(...params, ...(q.top === undefined ? [] : [q.top])) as { party: string; messages: number; bytes: number; failed: number }[];
  const sums = db.prepare(`SELECT count(*) AS parties, coalesce(sum(messages), 0) AS messages, coalesce(sum(bytes), 0) AS bytes, coalesce(sum(failed), 0) AS failed FROM (${all})`).get(...params) as PartyTotals & { parties: number };
  const rows = raw.map((r) => ({ [spec.key]: r.party, messages: r.messages, bytes: r.bytes, ...(q.failed !== null ? { failed: r.failed } : {}) }));
  return { rows, parties: sums.parties, totals: { messages: sums.messages, bytes: sums.bytes, failed: sums.failed } };
}

/** The rows of party_rows (days since 1970, ids and codes) whereClause's `day` would choose from parties_daily, of one role. */
function partyRowsWhere(f: Filters, role: PartyRole): Where {
  let where: Where = { sql: 'WHERE role = ?', params: [ROLE_CODES[role]] };
  if (f.since !== undefined) where = andWhere(where, 'day >= ?', [dayNumber(f.since)]);
  if (f.until !== undefined) where = andWhere(where, 'day < ?', [dayNumber(f.until)]);
  if (f.host !== undefined) where = andWhere(where, 'host = (SELECT id FROM strings WHERE value = ?)', [f.host]);
  return where;
}

/** Bytes in text: decimal units, blank where the log gave no size. */
const showBytes = (value: string) => (value === '0' ? '' : formatBytes(Number(value)));

function columnsOf(view: PartyView, failed: CountMode | null): Column[] {
  const spec = VIEWS[view];
  const columns: Column[] = [
    { key: spec.key, header: view.replace('-', ' '), numeric: false, blank: spec.blank, ...(view === 'sender-domain' ? { clip: 'domain' as const } : {}) },
    { key: 'messages', header: 'messages', numeric: true },
    { key: 'bytes', header: 'bytes', numeric: true, show: showBytes },
  ];
  if (failed !== null) columns.push({ key: 'failed', header: failed === 'messages' ? 'failed' : 'failures', numeric: true });
  return columns;
}

/** `report --by VIEW`: every party of the period (or the first `top`), with its failed messages. */
export function partyTable(db: Db, view: PartyView, filters: Filters, top: number | undefined, sort: PartySort, count: CountMode): PartyTable {
  const { rows, parties, totals } = partyRows(db, view, filters, { top, sort, failed: count });
  return { view, columns: columnsOf(view, count), rows, count, parties, totals, leftOut: parties - rows.length };
}

export function renderPartyTable(t: PartyTable): string {
  const spec = VIEWS[t.view];
  if (t.parties === 0) return `no ${spec.plural} in this period\n`;
  const bytes = t.totals.bytes > 0 ? ` (${formatBytes(t.totals.bytes)})` : '';
  const total = `${plural(t.parties, spec.plural.slice(0, -1), spec.plural)}: ${plural(t.totals.messages, 'message')}${bytes}; ${countOf(t.totals.failed, t.count)}.\n`;
  return `${renderTable(t.columns, t.rows)}${leftOutLine(t.leftOut)}\n${total}`;
}

/** The lists of the default report's Top block, in the order it shows them, under their JSON keys. */
const TOP_LISTS: [string, PartyView][] = [
  ['senders', 'sender'],
  ['recipients', 'recipient'],
  ['sender_domains', 'sender-domain'],
  ['relays', 'relay'],
  ['clients', 'client'],
];

/** Rows of each list in the default report. */
export const TOP_ROWS = 5;

export interface TopList {
  view: PartyView;
  rows: Row[];
  leftOut: number;
}

/** The Top block: the first `n` of each list by messages, with their bytes; the failed messages are the sections' business. */
export function topParties(db: Db, filters: Filters, n = TOP_ROWS): Record<string, TopList> {
  const lists: Record<string, TopList> = {};
  for (const [key, view] of TOP_LISTS) {
    const { rows, parties } = partyRows(db, view, filters, { top: n, sort: 'messages', failed: null });
    lists[key] = { view, rows, leftOut: parties - rows.length };
  }
  return lists;
}

/** The lists as JSON has them: `{ senders: [{ sender, messages, bytes }], ... }`. */
export function topAsJson(lists: Record<string, TopList>): Record<string, Row[]> {
  return Object.fromEntries(Object.entries(lists).map(([key, list]) => [key, list.rows]));
}

/** The text block, empty when the period has no traffic; a list with no party is left out. */
export function renderTop(lists: Record<string, TopList>): string {
  const tables = Object.values(lists)
    .filter((list) => list.rows.length > 0)
    .map((list) => `${renderTable(columnsOf(list.view, null), list.rows)}${leftOutLine(list.leftOut)}`);
  return tables.length ? `Top ${TOP_ROWS} by messages\n\n${tables.join('\n')}` : '';
}
