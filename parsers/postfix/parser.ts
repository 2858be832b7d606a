// Postfix lines → delivery events. The syslog prefix and the message shape are
// parsed by pure functions; this class only correlates records by queue id:
// qmgr's from= gives the sender of later status lines, and the last deferral
// of each recipient explains a later `status=expired`; smtpd's client= gives
// the client of the message qmgr then takes up.

import { BoundedMap, STATE_BYTES, textWeight } from '../bounded-map.js';
import { clipField } from '../clip.js';
import { plausibleDelay } from '../delay.js';
import { detach } from '../detach.js';
import type { Address, CarriedState, Direction, FailureEvent, LineKind, MailEvent, MtaParser, Outcome, QueueId, StampClock } from '../events.js';
import { QueueCorrelation } from '../queue-correlation.js';
import { SyslogPrefixReader } from '../syslog.js';
import { parsePostfixMessage, withoutPort, type RejectRecord, type SenderRecord, type StatusRecord } from './records.js';

const DAEMONS = new Set([
  'anvil', 'bounce', 'cleanup', 'discard', 'dnsblog', 'error', 'flush', 'local', 'lmtp', 'master', 'oqmgr',
  'pickup', 'pipe', 'postalias', 'postcat', 'postconf', 'postdrop', 'postfix-script', 'postkick', 'postlock',
  'postlog', 'postlogd', 'postmap', 'postmulti', 'postqueue', 'postscreen', 'postsuper', 'proxymap', 'qmgr',
  'qmqpd', 'retry', 'scache', 'sendmail', 'showq', 'smtp', 'smtpd', 'spawn', 'tlsmgr', 'tlsproxy',
  'trivial-rewrite', 'verify', 'virtual', 'defer', 'trace',
  // Older and newer names: the queue manager before Postfix 2.1, sendmail's aliases, the TLS helper script, the database reindexer of 3.11.
  'nqmgr', 'mailq', 'newaliases', 'postfix-tls-script', 'nbdb_reindexd',
]);

/** The daemon of a syslog tag such as `postfix/smtp`, `postfix-out/smtp`, `postfix/submission/smtpd`; null if not Postfix. */
export function postfixDaemon(program: string): string | null {
  const slash = program.lastIndexOf('/');
  if (slash === -1) return program === 'postfix' ? 'postfix' : null;
  const daemon = program.slice(slash + 1);
  return DAEMONS.has(daemon) ? daemon : null;
}

// soft_bounce = yes turns a bounce into a deferral and logs it as SOFTBOUNCE
// (bounce.c): the message stays queued. `deliverable`, `undeliverable` and
// `undeliverable-but-not-cached` are address verification probes (verify.c),
// no message's fate: the refusal they lead to is smtpd's reject, with the
// probe's reason in its text.
const OUTCOME_OF_STATUS: Record<string, Outcome | 'delivered'> = {
  sent: 'delivered',
  bounced: 'bounced',
  SOFTBOUNCE: 'deferred',
  deferred: 'deferred',
  expired: 'expired',
};

const LOCAL_AGENTS = new Set(['local', 'virtual', 'pipe', 'lmtp', 'error', 'retry', 'discard']);

function directionOf(daemon: string, text: string): Direction {
  if (!LOCAL_AGENTS.has(daemon)) return 'outbound';
  // error/retry stand in for a remote destination that qmgr has marked dead.
  return text.startsWith('delivery temporarily suspended') ? 'outbound' : 'local';
}

export interface PostfixParserOptions {
  /** Most queue ids to remember at once. */
  stateLimit?: number;
}

export class PostfixParser extends QueueCorrelation implements MtaParser {
  readonly mta = 'postfix' as const;
  private reader: SyslogPrefixReader | null = null;
  private readonly daemons = new Map<string, string | null>();
  /** Queue id → the SMTP client smtpd took it from, until qmgr's first from= line of it. */
  private readonly clients: BoundedMap<QueueId, string>;

  constructor(options: PostfixParserOptions = {}) {
    const limit = options.stateLimit ?? 200_000;
    super(limit);
    this.clients = new BoundedMap(limit, { bytes: STATE_BYTES, weigh: textWeight });
  }

  override get evictedIds(): number {
    return super.evictedIds + this.clients.evicted;
  }

  override carry(): CarriedState {
    return { ...super.carry(), clients: [...this.clients] };
  }

  override resume(state: CarriedState): void {
    super.resume(state);
    for (const [id, client] of state.clients) this.clients.set(id, client);
  }

  beginSource(clock: StampClock): void {
    this.reader = new SyslogPrefixReader(clock);
  }

  /** Postfix writes an entry on one line: nothing is held. */
  endSource(): void {}

  timeOf(line: string): number {
    return this.reader?.parse(line)?.time ?? NaN;
  }

  parseLine(line: string, lineNo: number, out: MailEvent[]): LineKind {
    if (!this.reader) throw new Error('beginSource() must come first');
    const syslog = this.reader.parse(line);
    if (!syslog) return 'malformed';
    let daemon = this.daemons.get(syslog.program);
    if (daemon === undefined) {
      daemon = postfixDaemon(syslog.program);
      this.daemons.set(syslog.program, daemon);
    }
    if (daemon === null) return 'foreign';
    const record = parsePostfixMessage(syslog.message);
    if (!record) return 'malformed';
    const at = { time: syslog.time, mta: this.mta, host: syslog.host, line: lineNo };
    switch (record.type) {
      case 'sender':
        this.sender(record, at, out);
        break;
      case 'client':
        this.clients.set(detach(record.queueId), detach(clipField(record.client)));
        break;
      case 'removed':
        this.senders.delete(record.queueId);
        this.arrivals.delete(record.queueId);
        this.clients.delete(record.queueId);
        this.deferrals.settleAll(record.queueId);
        break;
      case 'status':
        this.status(record, daemon, at, out);
        break;
      case 'expired':
        this.expired(record.queueId, record.sender, at, out);
        break;
      case 'reject':
        out.push(this.reject(record, at));
        break;
      case 'problem':
        out.push({ kind: 'problem', time: at.time, mta: at.mta, host: at.host, line: at.line, severity: record.severity, program: daemon, text: record.text });
        break;
    }
    return 'recognised';
  }

  /** qmgr's first sight of a queue id is the message entering the queue; its later from= lines are retries. */
  private sender(r: SenderRecord, at: EventPlace, out: MailEvent[]): void {
    const queueId = detach(r.queueId);
    const sender = detach(clipField(r.sender));
    this.senders.set(queueId, sender);
    if (r.size === null) return;
    const known = this.arrivals.get(queueId);
    // Set again, so a message retried for days is not the first forgotten.
    this.arrivals.set(queueId, known ?? { size: r.size, time: at.time });
    if (known) return;
    const client = this.clients.get(queueId) ?? null;
    this.clients.delete(queueId);
    out.push({ kind: 'received', time: at.time, mta: at.mta, host: at.host, line: at.line, queueId, size: r.size, sender, client });
  }

  private status(r: StatusRecord, daemon: string, at: EventPlace, out: MailEvent[]): void {
    const outcome = OUTCOME_OF_STATUS[r.status];
    if (outcome === undefined) return;
    if (outcome === 'delivered') {
      const deferred = this.deferrals.settle(r.queueId, r.recipient) !== undefined;
      // An alias expanded by local(8) goes on under a new queue id: that later line is the delivery.
      if (!r.text.startsWith('forwarded as ')) {
        const local = LOCAL_AGENTS.has(daemon);
        out.push({
          kind: 'delivered',
          time: at.time, mta: at.mta, host: at.host, line: at.line,
          queueId: r.queueId,
          recipient: r.recipient,
          afterDeferral: deferred,
          direction: local ? 'local' : 'outbound',
          size: this.arrivals.get(r.queueId)?.size ?? null,
          // A local delivery agent's relay= names itself (local, virtual, a pipe transport, an LMTP socket): no remote host.
          relay: local || r.relay === null ? null : withoutPort(r.relay),
          delay: r.delay === null ? null : plausibleDelay(r.delay),
        });
      }
      return;
    }
    const event: FailureEvent = {
      kind: 'failure',
      time: at.time, mta: at.mta, host: at.host, line: at.line,
      queueId: r.queueId,
      sender: this.senders.get(r.queueId) ?? null,
      recipient: r.recipient,
      relay: r.relay === null || r.relay === 'none' ? null : r.relay,
      outcome,
      direction: directionOf(daemon, r.text),
      stage: null,
      dsn: r.dsn,
      diagnostic: r.text || (outcome === 'expired' ? 'message expired' : ''),
    };
    out.push(event);
    if (outcome === 'deferred') this.deferrals.remember(event);
    else this.deferrals.settle(r.queueId, r.recipient);
  }

  /** qmgr gave up on the message: every recipient still deferred expires with its last reason. */
  private expired(queueId: QueueId, sender: Address, at: EventPlace, out: MailEvent[]): void {
    const pending = this.deferrals.settleAll(queueId);
    if (pending.length > 0) {
      for (const last of pending) out.push({ ...last, ...at, sender, outcome: 'expired' });
      return;
    }
    out.push({
      kind: 'failure',
      time: at.time, mta: at.mta, host: at.host, line: at.line,
      queueId,
      sender,
      recipient: null,
      relay: null,
      outcome: 'expired',
      direction: 'outbound',
      stage: null,
      dsn: null,
      diagnostic: 'message expired',
    });
  }

  private reject(r: RejectRecord, at: EventPlace): FailureEvent {
    return {
      kind: 'failure',
      time: at.time, mta: at.mta, host: at.host, line: at.line,
      queueId: r.queueId,
      sender: r.sender,
      recipient: r.recipient,
      relay: r.client,
      outcome: 'rejected',
      direction: 'inbound',
      stage: r.stage,
      dsn: null,
      diagnostic: r.text,
    };
  }
}

// Events name these fields one by one: spread after `kind` in an object literal, the place
// was copied by a runtime call for every event (6 to 8% of the parse of the bench logs).
interface EventPlace {
  time: number;
  mta: 'postfix';
  host: string;
  line: number;
}
