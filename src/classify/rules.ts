// The classification rules: one ordered table of data. The first rule whose
// every condition holds decides the cause. Conditions see the masked text
// (addresses read ADDR, IPs IP, other numbers #; reply and enhanced status
// codes are kept), the reply code, the enhanced status code and whether the
// reply was transient (4xx).
//
// Precedence, top to bottom:
//   1. texts that name a specific situation, most specific first (a moved
//      mailbox before an unknown user, an unrouteable sender before a failed
//      sender verification, greylisting before a generic 4xx);
//   2. enhanced status codes whose meaning is unambiguous (5.1.1, 5.2.2, ...);
//   3. bare reply codes that mean one thing (421, 530, 552).
// 5.7.1 and 550 alone say little, so they only decide when nothing else did.

import type { SmtpStage } from '../../parsers/events.js';
import type { CauseId } from './causes.js';

export interface Rule {
  id: string;
  cause: CauseId;
  /** Who sends this wording (servers, products, MTAs). */
  seen: string;
  /** Matched against the masked diagnostic. */
  text?: RegExp;
  /** Matched against the enhanced status code, e.g. `5.1.1`. */
  status?: RegExp;
  /** Matched against the reply code as text, e.g. `550`. */
  code?: RegExp;
  /** Only transient (4xx, true) or only permanent (5xx, false) replies. */
  temporary?: boolean;
  /** Only refusals at this SMTP stage (as the log or the text states it). */
  stage?: SmtpStage;
}

export const RULES: readonly Rule[] = [
  // --- 1. Texts --------------------------------------------------------------
  {
    id: 'outbound-appliance-spam',
    cause: 'outbound-filter',
    seen: 'Cyberoam, Sophos UTM and similar appliances scanning mail as it leaves the site',
    text: /Cyberoam|Anti.?Spam Engine has identified|outbound (?:spam|policy|filter)|outgoing (?:mail|message) (?:was )?(?:blocked|rejected)/i,
  },
  {
    id: 'address-moved',
    cause: 'address-changed',
    seen: 'RFC 5321 551 replies, Exchange and Domino forwarding notices',
    text: /user not local;? please try|please (?:use|try|send to) (?:the )?(?:new )?address|mailbox has moved|address (?:has )?changed|has changed (?:his|her|their) (?:e-?mail )?address|no longer (?:uses|at) this address|new address is/i,
  },
  {
    id: 'mailbox-suspended',
    cause: 'mailbox-suspended',
    seen: 'qmail/vpopmail [SUSPEND] replies, hosting providers',
    text: /\[SUSPEND\]|mailbox (?:is |currently |has been )?suspended|account (?:is |has been )?suspended|suspended (?:account|mailbox|user)/i,
  },
  {
    id: 'mailbox-inactive',
    cause: 'mailbox-inactive',
    seen: 'hosting ISPs (the seed example of ClaraNET)',
    text: /mailbox is inactive|unknown address error/i,
  },
  {
    id: 'mailbox-full',
    cause: 'mailbox-disabled',
    seen: 'Postfix local, Exim appendfile, Dovecot LMTP, Gmail (4.2.2/5.2.2), Exchange',
    text: /mailbox (?:is )?full|over ?quota|quota exceeded|exceeded (?:storage|(?:his|her|the) quota)|insufficient (?:system )?storage|mailbox size limit|exceeds? (?:the )?(?:mailbox )?size limit|File too large|out of storage space|user has exhausted allowed storage/i,
  },
  {
    id: 'mailbox-disabled',
    cause: 'mailbox-disabled',
    seen: 'hosting providers; the seed example "550 mailbox temporarily disabled"',
    text: /mailbox (?:is |has been |temporarily )*(?:disabled|deactivated|locked)|account (?:is |has been )?(?:disabled|deactivated|locked)|disabled (?:mailbox|account|recipient)|account (?:is )?(?:blocked|frozen) for (?:non-?payment|billing)/i,
  },
  {
    id: 'message-size',
    cause: 'message-too-large',
    seen: 'Postfix smtpd ("Message size exceeds fixed limit"), Postfix smtp, Exim, Exchange',
    text: /message (?:size )?(?:# )?exceeds|size exceeds|message (?:is )?too (?:large|big)|exceeds (?:the )?(?:maximum|fixed|size) (?:message )?(?:size|limit)|message length exceeds/i,
  },
  {
    id: 'starttls-required',
    cause: 'other',
    seen: 'Postfix and Exchange when TLS is mandatory ("Must issue a STARTTLS command first")',
    text: /STARTTLS|TLS is required|requires? (?:a )?(?:secure|encrypted) connection|TLS negotiation failed|certificate verification failed/i,
  },
  {
    id: 'auth-required',
    cause: 'auth-required',
    seen: 'submission servers, Exchange, ISP smarthosts ("530 5.7.0 Authentication required")',
    text: /authentication (?:is )?required|SMTP AUTH(?:entication)? (?:is )?required|must (?:first )?authenticate|not authenticated|requires? authentication|authentication failed|auth(?:entication)? credentials invalid|client was not authenticated/i,
  },
  {
    id: 'sender-not-owned',
    cause: 'sender-not-permitted',
    seen: 'Postfix reject_sender_login_mismatch, ISP smarthosts (BT), Exchange SendAs',
    text: /not owned by (?:the )?(?:auth )?user|not permitted to send as|sender domain (?:is )?not hosted|not allowed to send (?:as|from|on behalf)|sender address (?:is )?not (?:permitted|allowed)|does not have permissions? to send as|sender not authorized|unauthorized sender|SendAsDenied/i,
  },
  {
    id: 'external-recipients-forbidden',
    cause: 'external-recipient-forbidden',
    seen: 'Exchange and Google Workspace transport restrictions, hosting panels',
    text: /not allowed to send (?:e-?mail )?to (?:external|outside)|external (?:recipients?|domains?) (?:is |are )?not allowed|recipient domain (?:is )?not allowed|only (?:send|deliver) to (?:internal|local) (?:recipients|domains)|restricted to internal/i,
  },
  {
    id: 'relay-denied',
    cause: 'relay-denied',
    seen: 'Postfix reject_unauth_destination, Exim, Sendmail, Exchange ("Unable to relay"), qmail rcpthosts',
    text: /relay(?:ing)? (?:access )?(?:denied|not permitted|prohibited|not allowed)|unable to relay|not permitted to relay|we do not relay|relay not permitted|allowed rcpthosts|not a local (?:user|domain)|user not local/i,
  },
  {
    id: 'unrouteable-address',
    cause: 'dns-misconfigured',
    seen: 'Exim ("Unrouteable address"), including inside sender-verification failures',
    text: /unrouteable (?:mail )?(?:address|domain)/i,
  },
  {
    id: 'blocklisted',
    cause: 'recipient-antispam',
    seen: 'Spamhaus, Barracuda, SpamCop, SORBS, UCEPROTECT listings quoted by Postfix, Exim, Exchange, Gmail',
    text: /block ?list|black ?list|blocked using|listed (?:at|by|in|on)|\bRBL\b|\bDNSBL\b|spamhaus|barracuda|spamcop|sorbs|uceprotect|\bbanned\b|poor reputation|reputation|IP (?:address )?(?:has been )?blocked/i,
  },
  {
    id: 'sender-verify-failed',
    cause: 'recipient-antispam',
    seen: 'Exim callout verification ("Sender verify failed"), Postfix reject_unverified_sender',
    text: /sender verify failed|callout verification|sender address verification|verification failed for/i,
  },
  {
    id: 'spf-dkim-dmarc',
    cause: 'recipient-antispam',
    seen: 'Gmail (5.7.26), Outlook.com, Yahoo, policyd-spf, OpenDMARC',
    text: /\bSPF\b|\bDKIM\b|\bDMARC\b|sender policy framework|unauthenticated email|not pass authentication/i,
  },
  {
    id: 'spam-or-virus',
    cause: 'recipient-antispam',
    seen: 'content filters (SpamAssassin, Rspamd, amavis, Proofpoint, Mimecast, Gmail 5.7.1 "likely unsolicited")',
    text: /\bspam\b|unsolicited|junk mail|virus|malware|infected|suspicious|not whitelisted|not on (?:the )?(?:white|allow) ?list|content rejected|message (?:content )?rejected|rejected by (?:policy|filter)|policy (?:violation|rejection)/i,
  },
  {
    id: 'greylisted',
    cause: 'throttled',
    seen: 'postgrey, Exim greylistd, Rspamd, Mimecast ("Greylisted, see ...")',
    text: /gr[ae]y ?list/i,
  },
  {
    id: 'rate-limited',
    cause: 'throttled',
    seen: 'Gmail 4.7.28/4.7.0 "unusual rate", Outlook.com, Yahoo TS codes, Postfix anvil',
    text: /rate limit|too many (?:connections|messages|recipients|concurrent|sessions|errors)|try again later|unusual rate|sending rate|throttl|temporarily deferred|deferred due to|exceeded (?:the )?(?:maximum )?(?:number|rate)/i,
    temporary: true,
  },
  {
    id: 'dns-not-found',
    cause: 'dns-misconfigured',
    seen: 'Postfix ("Host or domain name not found", "Name service error"), Exim, Sendmail',
    text: /host or domain name not found|name service error|domain not found|no MX|MX (?:record )?(?:lookup|points)|host not found|no such domain|unknown host|loops back to myself|mail loop|could(?:n't| not) find any host|cannot find your (?:reverse )?hostname|DNS (?:lookup|error|failure)|host lookup did not complete|no valid (?:mx|hosts)|null MX/i,
  },
  {
    id: 'server-unreachable',
    cause: 'recipient-server-down',
    seen: 'Postfix and Exim connection failures, retry timeouts, expiry',
    text: /connection refused|connection timed out|timed out while|conversation with .* timed out|lost connection|network is unreachable|no route to host|connection reset|service (?:not |un)available|temporarily unavailable|message expired|retry time(?:out)? (?:not reached|exceeded)|have been failing|delivery temporarily suspended|too long in queue|could not connect|unable to connect|server busy|try again|try later|temporary (?:local )?problem|local error in processing|system not accepting|could mean temporary error/i,
  },
  {
    id: 'access-policy',
    cause: 'recipient-antispam',
    seen: 'Postfix access maps (check_sender_access, check_client_access: "Access denied"), Exim ACL denials',
    text: /(?:Sender address|Client host|Helo command) rejected: Access denied|administrative prohibition|not accepted here|(?:refused|blocked) by (?:local |site )?policy/i,
  },
  {
    id: 'protocol-error',
    cause: 'other',
    seen: 'SMTP syntax and sequence errors, pipelining violations, local delivery commands',
    text: /syntax error|command not (?:recognized|implemented)|bad sequence|improper use of SMTP|pipelining|protocol error|line too long|need fully-qualified/i,
  },
  {
    id: 'recipient-unknown-text',
    cause: 'recipient-unknown',
    seen: 'Postfix local/virtual ("User unknown in ... table"), Exim, Sendmail, qmail, Exchange, Gmail, the seed examples',
    text: /user unknown|unknown user|no such (?:user|mailbox|recipient|address)|invalid (?:recipient|mailbox|address|user)|(?<!Sender )address rejected|recipient (?:address )?rejected|mailbox (?:does not exist|not found|unavailable)|does not exist|not our customer|account (?:is )?(?:not available|unavailable|does not exist)|user account is unavailable|unknown (?:recipient|mailbox|local part)|recipient not found|no mailbox here|not a valid (?:recipient|mailbox)|undeliverable address|bad destination mailbox|user nonexistent|Access denied\. AS\(|doesn't have a .* account/i,
  },
  {
    id: 'local-command-failed',
    cause: 'other',
    seen: 'Postfix local/pipe and Exim pipe transports when the delivery command fails',
    text: /Command died|Command output|command time limit exceeded|child process .* returned/i,
  },

  // --- 2. Enhanced status codes ----------------------------------------------
  { id: 'status-5.1.6-moved', cause: 'address-changed', seen: 'RFC 3463 5.1.6 "destination mailbox has moved"', status: /^[45]\.1\.6$/ },
  { id: 'status-x.7.17-owner-changed', cause: 'address-changed', seen: 'RFC 7293 mailbox or domain owner changed', status: /^[45]\.7\.1[78]$/ },
  { id: 'status-x.1.1-unknown', cause: 'recipient-unknown', seen: 'RFC 3463 5.1.1 "bad destination mailbox address"', status: /^[45]\.1\.[13]$/ },
  { id: 'status-x.1.2-bad-system', cause: 'dns-misconfigured', seen: 'RFC 3463 5.1.2 "bad destination system address"', status: /^[45]\.1\.(?:2|8|10)$/ },
  { id: 'status-x.2.1-disabled', cause: 'mailbox-disabled', seen: 'RFC 3463 5.2.1 "mailbox disabled", 5.2.2 "mailbox full"', status: /^[45]\.2\.[12]$/ },
  { id: 'status-x.7.13-account-disabled', cause: 'mailbox-disabled', seen: 'RFC 3463 5.7.13 "user account disabled"', status: /^[45]\.7\.13$/ },
  { id: 'status-x.3.4-too-big', cause: 'message-too-large', seen: 'RFC 3463 5.3.4 and 5.2.3 size limits', status: /^[45]\.(?:3\.4|2\.3)$/ },
  { id: 'status-x.4.4-routing', cause: 'dns-misconfigured', seen: 'RFC 3463 5.4.4 "unable to route", 4.4.3 "directory server failure", 5.4.6 "routing loop"', status: /^[45]\.4\.[346]$/ },
  { id: 'status-x.4.1-no-answer', cause: 'recipient-server-down', seen: 'RFC 3463 4.4.1 "no answer from host", 4.4.2 "bad connection", 4.4.7 "delivery time expired"', status: /^[45]\.4\.[127]$/ },
  { id: 'status-x.7.8-auth', cause: 'auth-required', seen: 'RFC 4954 5.7.8 "authentication credentials invalid", 5.7.0/530 "authentication required"', status: /^[45]\.7\.(?:8|9|11|12)$/ },
  { id: 'status-x.7.23-authentication-checks', cause: 'recipient-antispam', seen: 'RFC 7372 5.7.23-27 (SPF, DKIM, DMARC, reverse DNS failures)', status: /^[45]\.7\.2[3-7]$/ },
  { id: 'status-4.3-system', cause: 'recipient-server-down', seen: 'RFC 3463 4.3.0-4.3.2: the receiving system has a temporary problem', status: /^4\.3\.[0-2]$/ },
  { id: 'status-4.7-temporary-policy', cause: 'throttled', seen: 'greylisting and rate limits as 4.7.x', status: /^4\.7\.\d+$/ },
  { id: 'status-x.5-protocol', cause: 'other', seen: 'RFC 3463 x.5.x protocol status', status: /^[45]\.5\.[0-6]$/ },

  // --- 3. Reply codes ---------------------------------------------------------
  { id: 'code-421-unavailable', cause: 'recipient-server-down', seen: 'RFC 5321 421 "service not available"', code: /^421$/ },
  { id: 'code-530-auth', cause: 'auth-required', seen: 'RFC 4954 530 "authentication required"', code: /^53[05]$/ },
  { id: 'code-551-not-local', cause: 'address-changed', seen: 'RFC 5321 551 "user not local; please try <forward-path>"', code: /^551$/ },
  { id: 'code-552-storage', cause: 'mailbox-disabled', seen: 'RFC 5321 552 "exceeded storage allocation"', code: /^552$/ },
  { id: 'code-50x-syntax', cause: 'other', seen: 'RFC 5321 500-504 syntax and sequence errors', code: /^50[0-4]$/ },
  { id: 'status-5.7-policy', cause: 'recipient-antispam', seen: 'policy refusals with no more specific wording (5.7.1, 5.7.0)', status: /^5\.7\.\d+$/ },
];
