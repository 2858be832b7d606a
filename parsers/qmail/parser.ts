// qmail logs → delivery events. qmail-send's lines are parsed by pure
// functions (records.ts), the SMTP-time refusals around qmail-smtpd by
// smtpd.ts; this class reads the stamps and correlates.
//
// qmail numbers a message by its queue file's inode, reused as soon as the
// message leaves the queue, and a delivery by a counter that starts again at 1
// when qmail-send restarts. So a message's state lives from `new msg` to
// `end msg` and a delivery's from `starting delivery` to its result: a number
// seen again starts afresh and never inherits another message's sender.

import { BoundedMap, ENTRY_BYTES, STATE_BYTES, textWeight } from '../bounded-map.js';
import { clipField } from '../clip.js';
import { delayBetween } from '../delay.js';
import { PendingDeferrals } from '../deferrals.js';
import { detach } from '../detach.js';
import type { Address, Arrival, CarriedState, FailureEvent, LineKind, MailEvent, MtaParser, QueueId, StampClock } from '../events.js';
import { SyslogPrefixReader } from '../syslog.js';
import { parseQmailSend, QMAIL_SEND_START, readReport, reportDirection, type QmailSendRecord } from './records.js';
import { parseSmtpd, type SmtpdReject } from './smtpd.js';
import { LocalStampReader, sploggerTime, tai64nTime } from './stamps.js';

interface Delivery {
  msg: QueueId;
  recipient: Address;
  local: boolean;
}

// splogger passes at most 799 characters to syslog per line and goes on in
// lines whose stamp ends in `+`: a piece of exactly that length is continued.
const SPLOGGER_PIECE = 799;
const SPLOGGER_STAMP = /^(\d{1,12}\.\d{6})([ +])/;

// Programs whose lines start with their own name under multilog and splogger;
// syslogged under their own tag, the tag holds the name instead.
const NAMED_PROGRAMS = new Set(['rblsmtpd', 'qmail-smtpd']);

function tagged(program: string, message: string): string {
  return NAMED_PROGRAMS.has(program) && !message.startsWith(`${program}: `) ? `${program}: ${message}` : message;
}

export class QmailParser implements MtaParser {
  readonly mta = 'qmail' as const;
  private syslog: SyslogPrefixReader | null = null;
  private readonly local = new LocalStampReader();
  private readonly senders: BoundedMap<QueueId, Address>;
  /** Message → its size and the time of its info line, for the bytes and the delay of its deliveries. */
  private readonly arrivals: BoundedMap<QueueId, Arrival>;
  private readonly deliveries: BoundedMap<string, Delivery>;
  /** Recipients deferred and still queued: their delivery is a late message, not another one. */
  private readonly deferrals: PendingDeferrals;
  /** A splogger line whose continuation is still to come. */
  private held: { stamp: string; text: string; time: number; host: string; lineNo: number } | null = null;

  constructor(options: { stateLimit?: number } = {}) {
    const limit = options.stateLimit ?? 200_000;
    this.senders = new BoundedMap(limit, { bytes: STATE_BYTES, weigh: textWeight });
    this.arrivals = new BoundedMap(limit, { bytes: STATE_BYTES, weigh: (msg) => ENTRY_BYTES + msg.length });
    this.deliveries = new BoundedMap(limit, { bytes: STATE_BYTES, weigh: (id, d) => ENTRY_BYTES + id.length + d.msg.length + d.recipient.length });
    this.deferrals = new PendingDeferrals(limit);
  }

  get evictedIds(): number {
    // Arrivals are not counted: see QueueCorrelation.evictedIds.
    return this.senders.evicted + this.deliveries.evicted + this.deferrals.evicted;
  }

  carry(): CarriedState {
    return { senders: [...this.senders], deferrals: this.deferrals.all(), deliveries: [...this.deliveries], arrivals: [...this.arrivals], clients: [] };
  }

  resume(state: CarriedState): void {
    for (const [msg, sender] of state.senders) this.senders.set(msg, sender);
    for (const [msg, arrival] of state.arrivals) this.arrivals.set(msg, arrival);
    for (const [delivery, d] of state.deliveries) this.deliveries.set(delivery, d);
    for (const deferral of state.deferrals) this.deferrals.remember(deferral);
  }

  beginSource(clock: StampClock): void {
    this.syslog = new SyslogPrefixReader(clock);
    this.held = null;
  }

  endSource(out: MailEvent[]): void {
    this.release(out);
  }

  timeOf(line: string): number {
    if (line.charCodeAt(0) === 64) return tai64nTime(line.slice(0, 25));
    if (line.charCodeAt(4) === 45 && line.charCodeAt(19) === 46) return this.local.time(line.slice(0, 29));
    const record = this.syslog?.parse(line);
    const splogger = record && SPLOGGER_STAMP.exec(record.message);
    return splogger ? sploggerTime(splogger[1]) : (record?.time ?? NaN);
  }

  parseLine(line: string, lineNo: number, out: MailEvent[]): LineKind {
    if (line.charCodeAt(0) === 64) {
      // multilog: @ and 24 hex digits
      return this.entry(tai64nTime(line.slice(0, 25)), '', line.slice(26), lineNo, out);
    }
    if (line.charCodeAt(4) === 45 && line.charCodeAt(19) === 46) {
      // tai64nlocal: 2026-11-22 18:46:43.123456789
      return this.entry(this.local.time(line.slice(0, 29)), '', line.slice(30), lineNo, out);
    }
    const record = this.syslog?.parse(line);
    if (!record) return 'malformed';
    const splogger = SPLOGGER_STAMP.exec(record.message);
    if (!splogger) return this.entry(record.time, record.host, tagged(record.program, record.message), lineNo, out);
    const [head, stamp, mark] = splogger;
    const text = record.message.slice(head.length);
    if (mark === '+' && this.held?.stamp === stamp) {
      this.held.text += text;
      if (text.length === SPLOGGER_PIECE) return 'recognised';
      const whole = this.held;
      this.held = null;
      return this.entry(whole.time, whole.host, whole.text, whole.lineNo, out);
    }
    this.release(out);
    if (mark === '+') return 'malformed'; // a continuation whose start we never saw
    const time = sploggerTime(stamp);
    if (text.length === SPLOGGER_PIECE) {
      this.held = { stamp, text, time, host: record.host, lineNo };
      return 'recognised';
    }
    return this.entry(time, record.host, text, lineNo, out);
  }

  /** Reads a held splogger line whose continuation never came (it was exactly one piece long) as it is. */
  private release(out: MailEvent[]): void {
    const held = this.held;
    if (held === null) return;
    this.held = null;
    this.entry(held.time, held.host, held.text, held.lineNo, out);
  }

  private entry(time: number, host: string, text: string, lineNo: number, out: MailEvent[]): LineKind {
    if (Number.isNaN(time)) return 'malformed';
    const at = { time, mta: this.mta, host, line: lineNo };
    const send = parseQmailSend(text);
    if (send) {
      this.send(send, at, out);
      return 'recognised';
    }
    if (QMAIL_SEND_START.test(text)) return 'malformed';
    const smtpd = parseSmtpd(text);
    if (!smtpd || smtpd.type === 'tcpserver') return 'foreign';
    if (smtpd.type === 'reject') this.reject(smtpd, at, out);
    return 'recognised';
  }

  private send(r: QmailSendRecord, at: Place, out: MailEvent[]): void {
    switch (r.type) {
      case 'new':
        // The inode of a message gone from the queue, whose end we may not have seen (a rotated log).
        this.senders.delete(r.msg);
        this.arrivals.delete(r.msg);
        this.deferrals.settleAll(r.msg);
        break;
      case 'info': {
        const msg = detach(r.msg);
        const sender = detach(clipField(r.sender));
        this.senders.set(msg, sender);
        this.arrivals.set(msg, { size: r.bytes, time: at.time });
        // qmail-send never learns who handed qmail-queue the message.
        out.push({ kind: 'received', ...at, queueId: msg, size: r.bytes, sender, client: null });
        break;
      }
      case 'problem':
        out.push({ kind: 'problem', ...at, severity: r.severity, program: 'qmail-send', text: r.text });
        break;
      case 'starting':
        this.deliveries.set(detach(r.delivery), { msg: detach(r.msg), recipient: detach(clipField(r.recipient)), local: r.channel === 'local' });
        break;
      case 'end':
        this.senders.delete(r.msg);
        this.arrivals.delete(r.msg);
        this.deferrals.settleAll(r.msg);
        break;
      case 'result': {
        const d = this.deliveries.get(r.delivery);
        this.deliveries.delete(r.delivery);
        if (r.result === 'success') {
          if (d) {
            const arrival = this.arrivals.get(d.msg);
            out.push({
              kind: 'delivered',
              ...at,
              queueId: d.msg,
              recipient: d.recipient,
              afterDeferral: this.deferrals.settle(d.msg, d.recipient) !== undefined,
              direction: d.local ? 'local' : 'outbound',
              size: arrival?.size ?? null,
              // qmail-remote's report names the host that accepted: `192.0.2.23_accepted_message./...`
              relay: d.local ? null : readReport(r.report).relay,
              delay: arrival && arrival.time !== null ? delayBetween(arrival.time, at.time) : null,
            });
          }
          break;
        }
        const report = readReport(r.report);
        const event: FailureEvent = {
          kind: 'failure',
          ...at,
          queueId: d?.msg ?? null,
          sender: d ? (this.senders.get(d.msg) ?? null) : null,
          recipient: d?.recipient ?? null,
          relay: report.relay,
          outcome: r.result === 'deferral' ? 'deferred' : report.expired ? 'expired' : 'bounced',
          direction: d ? (d.local ? 'local' : 'outbound') : reportDirection(report),
          stage: report.stage,
          dsn: null,
          diagnostic: report.text,
        };
        out.push(event);
        if (d === undefined) break;
        if (event.outcome === 'deferred') this.deferrals.remember(event);
        else this.deferrals.settle(d.msg, d.recipient);
        break;
      }
    }
  }

  private reject(r: SmtpdReject, at: Place, out: MailEvent[]): void {
    const recipients = r.recipients.length ? r.recipients : [null];
    for (const recipient of recipients) {
      out.push({
        kind: 'failure',
        ...at,
        queueId: null,
        sender: r.sender,
        recipient,
        relay: r.client,
        outcome: 'rejected',
        direction: 'inbound',
        stage: r.stage,
        dsn: r.dsn,
        diagnostic: r.text,
      });
    }
  }
}

interface Place {
  time: number;
  mta: 'qmail';
  host: string;
  line: number;
}
