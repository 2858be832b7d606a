// Exim main log and reject log lines → delivery events. Entries are parsed by
// pure functions (records.ts); this class reads the stamps and correlates by
// message id: the arrival line (<=) gives the sender of later failures, and
// the size and time of later deliveries.

import { BoundedMap, STATE_CHARS } from '../bounded-map.js';
import { clipField } from '../clip.js';
import { delayBetween, plausibleDelay } from '../delay.js';
import { detach } from '../detach.js';
import type { Direction, FailureEvent, LineKind, MailEvent, MtaParser, Outcome, StampClock } from '../events.js';
import { LocalClock, offsetMinutes, utcTime } from '../local-time.js';
import { QueueCorrelation } from '../queue-correlation.js';
import { SyslogPrefixReader } from '../syslog.js';
import { messageIdTime, parseEximEntry, type DeliveryRecord, type FailureRecord, type RejectRecord } from './records.js';

// 2026-11-22 18:46:43[.123][ +0100][ [pid]] entry
const NATIVE_STAMP = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{3}))?(?: ([+-])(\d\d)(\d\d))?(?: \[\d+\])? /;

// The header dump a reject log adds after a reject line: envelope lines, flagged header lines, continuations.
const HEADER_DUMP = /^(?:Envelope-(?:from|to): |[A-Z* ] [!-9;-~]+:|\s)/;

const SYSLOG_PROGRAMS = new Set(['exim', 'exim4']);

// Through syslog Exim splits an entry longer than 870 characters, or of several
// lines, into pieces `[i/n] text` (the line goes on in the next piece) and
// `[i\\n] text` (a new line of the entry starts with the next piece).
const SYSLOG_PIECE = /^\[(\d+)([\\/])(\d+)\] /;

// Exim gave up after retrying for as long as its retry rules allow.
const GAVE_UP = /retry timeout exceeded|have been failing for a long time/;
// Queue runs note addresses whose retry time has not come: no delivery was attempted.
const NOT_ATTEMPTED = /retry time not reached/;

function directionOf(remote: boolean, transport: string | null): Exclude<Direction, 'inbound'> {
  if (remote) return 'outbound';
  if (transport !== null) return /smtp/i.test(transport) && !/lmtp/i.test(transport) ? 'outbound' : 'local';
  return 'outbound'; // no transport: routing failed, which is about the remote domain
}

/**
 * QT= when Exim logged it (log_selector +queue_time); else the time since the
 * arrival line, when it was read (or carried from an earlier run), two
 * stamps of the same log; else the time since the arrival the message id
 * encodes, to the second.
 */
function delayOf(r: DeliveryRecord, time: number, arrived: number | null): number | null {
  if (r.queueTime !== null) return plausibleDelay(r.queueTime);
  return delayBetween(arrived ?? messageIdTime(r.messageId), time);
}

export class EximParser extends QueueCorrelation implements MtaParser {
  readonly mta = 'exim' as const;
  private syslog: SyslogPrefixReader | null = null;
  /** Lines already counted that another log repeats: the reject log's rejects, the panic log's trouble. */
  private readonly repeated: BoundedMap<string, true>;
  /** The detail of the last sender verification failure, for the reject line that follows it. */
  private verifyFail: { client: string | null; text: string } | null = null;
  private cachedStamp = '';
  private cachedTime = NaN;
  private readonly local = new LocalClock();
  /** The first line of a syslog entry whose pieces are still coming. */
  private pieces: { text: string; lineDone: boolean; next: number; count: number } | null = null;

  constructor(options: { stateLimit?: number } = {}) {
    const limit = options.stateLimit ?? 200_000;
    super(limit);
    this.repeated = new BoundedMap(limit, { chars: STATE_CHARS, weigh: (line) => line.length });
  }

  beginSource(clock: StampClock): void {
    this.syslog = new SyslogPrefixReader(clock);
  }

  timeOf(line: string): number {
    const stamp = NATIVE_STAMP.exec(line);
    return stamp ? this.nativeTime(stamp) : (this.syslog?.parse(line)?.time ?? NaN);
  }

  parseLine(line: string, lineNo: number, out: MailEvent[]): LineKind {
    let time: number;
    let entry: string;
    let host = '';
    const stamp = NATIVE_STAMP.exec(line);
    if (stamp) {
      time = this.nativeTime(stamp);
      entry = line.slice(stamp[0].length);
    } else {
      const syslog = this.syslog?.parse(line);
      if (!syslog) return HEADER_DUMP.test(line) ? 'recognised' : 'malformed';
      if (!SYSLOG_PROGRAMS.has(syslog.program)) return 'foreign';
      time = syslog.time;
      host = syslog.host;
      const whole = this.joinPieces(syslog.message);
      if (whole === null) return 'recognised'; // a piece: the entry is read with its last one
      entry = whole;
    }
    if (Number.isNaN(time)) return 'malformed';
    const record = parseEximEntry(entry);
    if (!record) return 'malformed';
    const at = { time, mta: this.mta, host, line: lineNo };
    switch (record.type) {
      case 'arrival': {
        const messageId = detach(record.messageId);
        const sender = detach(clipField(record.sender));
        this.senders.set(messageId, sender);
        if (record.size !== null) {
          this.arrivals.set(messageId, { size: record.size, time });
          out.push({ kind: 'received', ...at, queueId: messageId, size: record.size, sender, client: record.client });
        }
        break;
      }
      case 'completed':
        this.senders.delete(record.messageId);
        this.arrivals.delete(record.messageId);
        this.deferrals.settleAll(record.messageId);
        break;
      case 'delivery': {
        const arrival = this.arrivals.get(record.messageId);
        const direction = directionOf(record.host !== null, record.transport);
        out.push({
          kind: 'delivered',
          ...at,
          queueId: record.messageId,
          recipient: record.recipient,
          afterDeferral: this.deferrals.settle(record.messageId, record.recipient) !== undefined,
          direction,
          size: arrival?.size ?? null,
          relay: direction === 'outbound' ? record.host : null,
          delay: delayOf(record, time, arrival?.time ?? null),
        });
        break;
      }
      case 'failure':
        if (!record.permanent && NOT_ATTEMPTED.test(record.text)) break;
        out.push(this.failure(record, at));
        break;
      case 'verify-fail':
        this.verifyFail = { client: record.client === null ? null : detach(record.client), text: detach(record.text) };
        break;
      case 'reject': {
        // The same reject in the main log and the reject log counts once.
        const key = detach(line.slice(stamp ? 0 : line.indexOf(': ') + 2));
        if (this.repeated.has(key)) break;
        this.repeated.set(key, true);
        out.push(this.reject(record, at));
        break;
      }
      case 'problem': {
        // The main log and the panic log hold the same entry: counted once.
        const key = detach(entry);
        if (this.repeated.has(key)) break;
        this.repeated.set(key, true);
        out.push({ kind: 'problem', ...at, severity: record.severity, program: 'exim', text: record.text });
        break;
      }
    }
    return 'recognised';
  }

  /** The entry when `message` completes one (a whole message, or the last piece of a split one); else null. */
  private joinPieces(message: string): string | null {
    const piece = SYSLOG_PIECE.exec(message);
    if (!piece) {
      this.pieces = null;
      return message;
    }
    const [head, i, sep, n] = piece;
    const text = message.slice(head.length);
    if (i === '1') {
      this.pieces = { text, lineDone: sep === '\\', next: 2, count: Number(n) };
    } else if (this.pieces && Number(i) === this.pieces.next) {
      if (!this.pieces.lineDone) this.pieces.text += text;
      this.pieces.lineDone ||= sep === '\\';
      this.pieces.next++;
    } else {
      this.pieces = null; // a piece whose beginning we never saw
      return null;
    }
    if (this.pieces.next <= this.pieces.count) return null;
    const whole = this.pieces.text;
    this.pieces = null;
    return whole;
  }

  private failure(r: FailureRecord, at: EventPlace): FailureEvent {
    const outcome: Outcome = !r.permanent ? 'deferred' : GAVE_UP.test(r.text) ? 'expired' : 'bounced';
    const event: FailureEvent = {
      kind: 'failure',
      ...at,
      queueId: r.messageId,
      sender: r.sender ?? this.senders.get(r.messageId) ?? null,
      recipient: r.recipient,
      relay: r.host,
      outcome,
      direction: directionOf(r.host !== null, r.transport),
      stage: null,
      dsn: null,
      diagnostic: r.text,
    };
    if (outcome === 'deferred') {
      this.deferrals.remember(event);
      return event;
    }
    const last = this.deferrals.settle(r.messageId, r.recipient);
    // A give-up names no reason: the last deferral's is the reason.
    return outcome === 'expired' && last ? { ...last, ...at, outcome } : event;
  }

  private reject(r: RejectRecord, at: EventPlace): FailureEvent {
    let text = r.text;
    // "rejected RCPT <r>: Sender verify failed" says why only on the line before it.
    if (this.verifyFail && this.verifyFail.client === r.client && /sender verify failed/i.test(text)) {
      text = `${text}: ${this.verifyFail.text}`;
      this.verifyFail = null;
    }
    return {
      kind: 'failure',
      ...at,
      queueId: r.messageId,
      sender: r.sender,
      recipient: r.recipient,
      relay: r.client,
      outcome: 'rejected',
      direction: 'inbound',
      stage: r.stage,
      dsn: null,
      diagnostic: text,
    };
  }

  private nativeTime(m: RegExpExecArray): number {
    const [, y, mo, d, h, mi, s, millis, sign, zh, zm] = m;
    const second = `${y}${mo}${d}${h}${mi}${s}${sign ?? ''}${zh ?? ''}${zm ?? ''}`;
    if (second !== this.cachedStamp) {
      if (sign === undefined) {
        // No zone in the stamp: Exim wrote local time.
        this.cachedTime = this.local.time(+y, +mo - 1, +d, +h, +mi, +s);
      } else {
        const offset = (sign === '-' ? -1 : 1) * offsetMinutes(Number(zh), Number(zm));
        this.cachedTime = utcTime(+y, +mo - 1, +d, +h, +mi, +s) - offset * 60_000;
      }
      this.cachedStamp = second;
    }
    return this.cachedTime + (millis ? Number(millis) : 0);
  }
}

interface EventPlace {
  time: number;
  mta: 'exim';
  host: string;
  line: number;
}
