// Our sending IP or domain newly refused by a blocklist or a provider's
// reputation system. The rules say that a refusal is one (the ids below);
// the text says which list: the list's own name or zone, or the marks a
// provider puts in its refusals (Microsoft's S3150 and SC-001, Yahoo's TSS,
// AOL's RTR:BL). Refusals are grouped by list, so one listing refused by
// several providers is one finding that names them all.

import type { AntispamRefusal } from './figures.js';
import { EPSILON, perDay, type Finding } from './finding.js';
import { plural } from '../output.js';
import type { Thresholds } from './thresholds.js';

/**
 * Rules of src/classify/rules.ts whose refusals are for the sender's listing
 * or reputation, not for the message (content filters, SPF, a recipient's
 * own allow list): `blocklisted` (listings, block codes, reputation), and
 * the providers' reputation refusals decided before it.
 */
export const BLOCKLIST_RULES: ReadonlySet<string> = new Set(['blocklisted', 'unusual-rate-refused', 'orange-service-refused', 'bad-karma']);

/** list: a public DNS blocklist anyone can query; reputation: a provider's own scoring of our IP or domain. */
export type ListKind = 'list' | 'reputation';

interface KnownList {
  name: string;
  kind: ListKind;
  text: RegExp;
}

// First match wins: a provider quoting a public list (Outlook.com's "blocked
// using Spamhaus ... (S3130)", Yahoo's "[BL23] ... on Spamhaus XBL") is
// refusing for that list, so the public lists come first.
const KNOWN_LISTS: readonly KnownList[] = [
  { name: 'Spamhaus', kind: 'list', text: /spamhaus/i },
  { name: 'SpamCop', kind: 'list', text: /spamcop/i },
  { name: 'Barracuda', kind: 'list', text: /barracuda|\bBRBL\b/i },
  { name: 'SORBS', kind: 'list', text: /\bsorbs\b/i },
  { name: 'UCEPROTECT', kind: 'list', text: /uceprotect/i },
  { name: 'CBL', kind: 'list', text: /\bCBL\b|abuseat\.org/i },
  { name: 'SURBL', kind: 'list', text: /\bsurbl\b/i },
  { name: 'Trend Micro RBL+', kind: 'list', text: /Trend Micro|mail-abuse\.(?:com|org)|\bERS-RBL\b|\(ERS\)/i },
  { name: 'Microsoft', kind: 'reputation', text: /part of their network is on our block list|\b(?:A?S3\d{3}|SC-00\d|OU-00\d|DY-00\d)\b|banned sending IP|sender\.office\.com|messaging\.microsoft\.com|Windows Live/i },
  { name: 'Gmail', kind: 'reputation', text: /\bgsmtp\b|support\.google\.com|google\.com\/mail|\bGmail\b/i },
  { name: 'Yahoo', kind: 'reputation', text: /\[TSS?\d+\]|yahoo/i },
  { name: 'AOL', kind: 'reputation', text: /postmaster\.aol\.com|\((?:RTR|RLY|DYN|CON|HVU|IPTS|PH|DNS|POL):/i },
  { name: 'T-Online', kind: 'reputation', text: /t-online\.de/i },
  { name: 'Orange', kind: 'reputation', text: /\bOFR\d*_\d+|orange\.fr/i },
  { name: 'La Poste', kind: 'reputation', text: /\bLPN\d*_\d+|laposte/i },
  { name: 'Proofpoint', kind: 'reputation', text: /proofpoint|pphosted/i },
  { name: 'Cloudmark', kind: 'reputation', text: /cloudmark/i },
  { name: 'Mimecast', kind: 'reputation', text: /mimecast/i },
  { name: 'Sender Score', kind: 'reputation', text: /senderscore/i },
];

// A list named by its DNS zone: "blocked using bl.example.net", "listed at psbl.surriel.com".
const ZONE = /(?:blocked using|listed (?:at|by|in|on)|black ?listed (?:at|by|in)|in an? (?:black ?list|block ?list|RBL)(?: at)?|found in|refused by|blocked by)\s+([a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,})\b/i;

export const UNNAMED_LIST = 'unnamed list or reputation system';

export interface NamedList {
  name: string;
  kind: ListKind;
}

/**
 * Which list a refusal names; null for a refusal that is not one for listing
 * or reputation. A provider's marks say which list only where a blocklist
 * rule decided: Gmail signs every refusal "gsmtp", its SPF and DMARC ones too.
 */
export function listOf(refusal: Pick<AntispamRefusal, 'rule' | 'example'>): NamedList | null {
  const byRule = refusal.rule !== null && BLOCKLIST_RULES.has(refusal.rule);
  const known = KNOWN_LISTS.find((l) => (byRule || l.kind === 'list') && l.text.test(refusal.example));
  if (known) return { name: known.name, kind: known.kind };
  if (!byRule) return null;
  const zone = ZONE.exec(refusal.example);
  if (zone) return { name: zone[1].toLowerCase(), kind: 'list' };
  return { name: UNNAMED_LIST, kind: 'reputation' };
}

export interface ListRefusals extends NamedList {
  messages: number;
  first: string;
  /** The recipient domains that refused, most messages first. */
  providers: { domain: string; messages: number }[];
}

/** Refusals by list, most messages first. */
export function byList(refusals: readonly AntispamRefusal[]): ListRefusals[] {
  const lists = new Map<string, ListRefusals & { perDomain: Map<string, number> }>();
  for (const r of refusals) {
    const named = listOf(r);
    if (!named) continue;
    let entry = lists.get(named.name);
    if (!entry) lists.set(named.name, (entry = { ...named, messages: 0, first: r.first, providers: [], perDomain: new Map() }));
    entry.messages += r.messages;
    if (r.first < entry.first) entry.first = r.first;
    entry.perDomain.set(r.domain, (entry.perDomain.get(r.domain) ?? 0) + r.messages);
  }
  return [...lists.values()]
    .map(({ perDomain, ...entry }) => ({
      ...entry,
      providers: [...perDomain].map(([domain, messages]) => ({ domain, messages })).sort((a, b) => b.messages - a.messages || a.domain.localeCompare(b.domain)),
    }))
    .sort((a, b) => b.messages - a.messages || a.name.localeCompare(b.name));
}

export interface BlocklistFinding extends Finding {
  kind: 'blocklist';
  period: { messages: number; per_day: number; providers: { domain: string; messages: number }[] };
  baseline: { messages: number; per_day: number };
}

const PROVIDERS_NAMED = 5;

function providerList(providers: ListRefusals['providers']): string {
  const named = providers.slice(0, PROVIDERS_NAMED).map((p) => `${p.domain} (${p.messages})`);
  const more = providers.length - named.length;
  return more > 0 ? `${named.join(', ')} and ${plural(more, 'more domain')}` : named.join(', ');
}

function adviceFor(list: NamedList): string {
  if (list.name === UNNAMED_LIST) {
    return "Read the refusals (maillog report --by reason --cause recipient-antispam) for the list or provider they name; find and stop what sends spam through us (a compromised account or web form), and check SPF, DKIM and DMARC.";
  }
  return list.kind === 'list'
    ? `Look up our sending IPs and domain at ${list.name}; find and stop what got them listed (a compromised account or web form), then ask ${list.name} to remove the listing.`
    : `${list.name} refuses for the reputation of our IP or domain: find and stop what sends spam through us, check SPF, DKIM and DMARC, then use ${list.name}'s sender support page.`;
}

/**
 * A list that refuses at least `blocklist_min` messages in the period and
 * none in the baseline is new (critical, or a warning when the refusal names
 * no list); one that refuses more a day than in the baseline by
 * `rate_rise_percent` is a warning.
 */
export function blocklistFindings(period: readonly AntispamRefusal[], baseline: readonly AntispamRefusal[], days: { period: number; baseline: number }, t: Thresholds): BlocklistFinding[] {
  const before = new Map(byList(baseline).map((l) => [l.name, l.messages]));
  const findings: BlocklistFinding[] = [];
  for (const list of byList(period)) {
    if (list.messages < t.blocklist_min) continue;
    const was = before.get(list.name) ?? 0;
    const [now, then] = [list.messages / days.period, was / days.baseline];
    const isNew = was === 0;
    if (!isNew && now < then * (1 + t.rate_rise_percent / 100) - EPSILON) continue;
    const unnamed = list.name === UNNAMED_LIST;
    const refused = unnamed ? 'refused for a listing or reputation they do not name' : list.kind === 'list' ? `refused by the ${list.name} blocklist` : `refused by ${list.name}'s reputation system`;
    const compared = isNew ? 'none in the baseline' : `${perDay(now)} a day against ${perDay(then)} in the baseline`;
    findings.push({
      severity: isNew && !unnamed ? 'critical' : 'warning',
      kind: 'blocklist',
      direction: 'outbound',
      subject: list.name,
      summary: `${plural(list.messages, 'message')} ${refused}, ${compared}: ${providerList(list.providers)}`,
      since: list.first,
      period: { messages: list.messages, per_day: now, providers: list.providers },
      baseline: { messages: was, per_day: then },
      advice: adviceFor(list),
    });
  }
  return findings;
}
