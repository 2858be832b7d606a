// The failure causes. The ids are a public contract (CLI, database, CSV, JSON):
// never rename one or change what it means. Titles and advice are ours to improve.

import type { Direction } from '../../parsers/events.js';

export const CAUSE_IDS = [
  'recipient-unknown',
  'recipient-antispam',
  'outbound-filter',
  'relay-denied',
  'external-recipient-forbidden',
  'auth-required',
  'sender-not-permitted',
  'recipient-server-down',
  'address-changed',
  'mailbox-suspended',
  'mailbox-disabled',
  'dns-misconfigured',
  'mailbox-inactive',
  'message-too-large',
  'throttled',
  'other',
  'unclassified',
] as const;

export type CauseId = (typeof CAUSE_IDS)[number];

/** The thirteen documented causes of SMTP 550, in the seed document's order: the first ids of the contract. */
export const DOCUMENTED_550_CAUSES: readonly CauseId[] = CAUSE_IDS.slice(0, 13);

export interface CauseText {
  title: string;
  advice: string;
}

export interface Cause extends CauseText {
  id: CauseId;
}

export const CAUSES: Record<CauseId, Cause> = {
  'recipient-unknown': {
    id: 'recipient-unknown',
    title: 'Recipient address does not exist',
    advice: 'Check the address for typos and confirm it with the recipient by other means; remove it from lists if it keeps bouncing.',
  },
  'recipient-antispam': {
    id: 'recipient-antispam',
    title: "Refused by recipient's anti-spam",
    advice: 'Check blocklist listings, SPF, DKIM and DMARC for the sending domain, and sender verification; ask the recipient to allow-list the sender if needed.',
  },
  'outbound-filter': {
    id: 'outbound-filter',
    title: 'Stopped by our outbound filter',
    advice: "Review the outbound appliance's verdict and rules; a flagged sender may be an infected machine sending spam.",
  },
  'relay-denied': {
    id: 'relay-denied',
    title: 'Relaying denied',
    advice: 'The server is not the destination and will not relay for this client: authenticate, send through the right relay, or fix the sending address.',
  },
  'external-recipient-forbidden': {
    id: 'external-recipient-forbidden',
    title: 'External recipients not allowed',
    advice: 'The account is restricted to internal recipients; change the restriction if external mail is intended.',
  },
  'auth-required': {
    id: 'auth-required',
    title: 'SMTP authentication required',
    advice: 'Configure the client or relay host to authenticate (SMTP AUTH) with valid credentials.',
  },
  'sender-not-permitted': {
    id: 'sender-not-permitted',
    title: 'Sender address not allowed',
    advice: 'Send from an address of a domain the provider hosts for this account, or register the domain with the provider.',
  },
  'recipient-server-down': {
    id: 'recipient-server-down',
    title: 'Remote server down or unreachable',
    advice: 'Usually transient: the MTA retries. If it persists until expiry, tell the recipient their server is down.',
  },
  'address-changed': {
    id: 'address-changed',
    title: 'Recipient address has changed',
    advice: 'Update the address book and lists to the new address the reply gives.',
  },
  'mailbox-suspended': {
    id: 'mailbox-suspended',
    title: 'Recipient mailbox suspended',
    advice: 'Contact the recipient by other means; the mailbox is suspended at their provider.',
  },
  'mailbox-disabled': {
    id: 'mailbox-disabled',
    title: 'Mailbox disabled or full',
    advice: 'The recipient must free space or re-enable the mailbox; retry later.',
  },
  'dns-misconfigured': {
    id: 'dns-misconfigured',
    title: 'DNS or MX misconfigured',
    advice: 'Check the MX, A and PTR records of the domains involved (ours and the recipient’s) and our resolver.',
  },
  'mailbox-inactive': {
    id: 'mailbox-inactive',
    title: "Problem at recipient's provider",
    advice: 'Tell the recipient their hosting provider is failing to accept mail for the mailbox.',
  },
  'message-too-large': {
    id: 'message-too-large',
    title: 'Message too large',
    advice: 'Send smaller messages (link large files instead of attaching them) or raise the size limit.',
  },
  throttled: {
    id: 'throttled',
    title: 'Greylisted or rate-limited',
    advice: 'Usually resolves itself on retry; if it persists, slow the sending rate or reduce recipients per message.',
  },
  other: {
    id: 'other',
    title: 'Other understood failure',
    advice: 'See the diagnostic text: protocol, TLS or local delivery problems outside the documented causes.',
  },
  unclassified: {
    id: 'unclassified',
    title: 'Not yet classified',
    advice: 'No rule matched this text; it is kept so a rule can be added.',
  },
};

/**
 * The same cause seen from another side. CAUSES words each cause for mail we
 * send (outbound); where a refusal by our own server (inbound) or a failure of
 * our own delivery agent or store (local) means something else to act on, it
 * is worded here, from our side.
 */
const BY_DIRECTION: Partial<Record<CauseId, Partial<Record<Exclude<Direction, 'outbound'>, CauseText>>>> = {
  'recipient-unknown': {
    inbound: {
      title: 'We refused an unknown recipient of ours',
      advice: 'Mostly senders guessing addresses; if a real user or alias is refused, add it to our recipient maps (local_recipient_maps, virtual_alias_maps, LDAP).',
    },
    local: {
      title: 'No such mailbox in our store',
      advice: 'The address was accepted but our delivery agent has no mailbox for it: add the mailbox or alias, or make the SMTP server know the recipients so it refuses them instead of bouncing.',
    },
  },
  'recipient-antispam': {
    inbound: {
      title: 'We refused a suspect client or sender',
      advice: 'Our postscreen, blocklist or content checks refused it, usually rightly; if a partner is refused, check its listing and allow-list it in our client or sender access map.',
    },
    local: {
      title: 'Refused by our own filter at delivery',
      advice: 'A filter on our store (sieve, the delivery agent) refused the message: review that rule.',
    },
  },
  'relay-denied': {
    inbound: {
      title: 'We refused to relay for an outside client',
      advice: 'Expected for spam probes; a user of ours who is refused must authenticate on the submission port (587) or send from a network in mynetworks.',
    },
  },
  'external-recipient-forbidden': {
    inbound: {
      title: 'We refused outside mail of a restricted user',
      advice: 'Our own policy restricts the account to internal recipients; change the restriction if it should send outside.',
    },
  },
  'auth-required': {
    inbound: {
      title: 'We refused an unauthenticated client',
      advice: 'A user of ours must set SMTP AUTH in their mail client; refusals of outside clients are probes and need nothing.',
    },
  },
  'sender-not-permitted': {
    inbound: {
      title: 'We refused a sender the client may not use',
      advice: 'An authenticated user sent from an address not theirs (smtpd_sender_login_maps): give them the address, or have them send from their own.',
    },
  },
  'recipient-server-down': {
    inbound: {
      title: 'We deferred: a check of ours failed',
      advice: 'A lookup our restrictions depend on (DNS, a map, a policy or milter service) failed: check that service; the client retries.',
    },
    local: {
      title: 'Our store or delivery agent unreachable',
      advice: 'Check the delivery service (LMTP to Dovecot or Cyrus), its socket and its log; mail waits in our queue meanwhile.',
    },
  },
  'address-changed': {
    inbound: {
      title: 'We refused a moved recipient of ours',
      advice: 'Our relocated map sent the client the new address; remove the entry once senders have caught up.',
    },
  },
  'mailbox-suspended': {
    inbound: {
      title: 'We refused: our mailbox is suspended',
      advice: 'Re-enable the account if it was suspended by mistake.',
    },
    local: {
      title: 'A mailbox of ours is suspended',
      advice: 'Re-enable the account if it was suspended by mistake.',
    },
  },
  'mailbox-disabled': {
    inbound: {
      title: 'We refused: our mailbox full or disabled',
      advice: 'The user must free space or have their quota raised; re-enable the account if it was disabled by mistake.',
    },
    local: {
      title: 'A mailbox of ours is full or disabled',
      advice: "Raise the user's quota or have them free space; when many mailboxes fail at once, check free space on our store.",
    },
  },
  'dns-misconfigured': {
    inbound: {
      title: 'We refused an unresolvable sender domain',
      advice: 'reject_unknown_sender_domain or sender verification did this; a legitimate sender must fix its DNS, or get an exception in our sender access map. Our own MX records are not at fault.',
    },
    local: {
      title: 'Our delivery route does not resolve',
      advice: 'A transport or relay of ours names a host that does not resolve: check the transport map and our resolver.',
    },
  },
  'message-too-large': {
    inbound: {
      title: 'We refused a message over our size limit',
      advice: 'Raise message_size_limit if such messages are wanted; otherwise the sender should link large files.',
    },
    local: {
      title: 'Over our mailbox or delivery size limit',
      advice: "Raise the store's limit (mailbox_size_limit, the quota) or have the user free space.",
    },
  },
  throttled: {
    inbound: {
      title: 'We greylisted or rate-limited a client',
      advice: 'Real servers retry and get through; allow-list a partner that is delayed, or raise the rate limit if our own users hit it.',
    },
    local: {
      title: 'Our delivery agent held mail back',
      advice: "Usually clears on retry; if it persists, check the delivery agent's concurrency and the store's load.",
    },
  },
  other: {
    inbound: {
      title: 'We refused for another understood reason',
      advice: "See the diagnostic text: protocol, TLS or HELO checks of ours that are outside the documented causes.",
    },
    local: {
      title: 'Our delivery agent failed',
      advice: "See the diagnostic text: a pipe command's exit status, a permission problem or a full disk on our store.",
    },
  },
};

/** What a cause means and what to do, as seen from `direction` (outbound when not given): report and explain both say this. */
export function causeText(id: CauseId, direction: Direction = 'outbound'): CauseText {
  const { title, advice } = (direction !== 'outbound' && BY_DIRECTION[id]?.[direction]) || CAUSES[id];
  return { title, advice };
}

/** The directions besides outbound in which a cause is worded on its own. */
export function otherWordings(id: CauseId): Direction[] {
  return Object.keys(BY_DIRECTION[id] ?? {}) as Direction[];
}

export function isCauseId(value: string): value is CauseId {
  return (CAUSE_IDS as readonly string[]).includes(value);
}
