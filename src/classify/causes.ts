// The failure causes. The ids are a public contract (CLI, database, CSV, JSON):
// never rename one or change what it means. Titles and advice are ours to improve.

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

export interface Cause {
  id: CauseId;
  title: string;
  advice: string;
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

export function isCauseId(value: string): value is CauseId {
  return (CAUSE_IDS as readonly string[]).includes(value);
}
