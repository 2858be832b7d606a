// Exim main log and reject log lines → delivery events. Entries are parsed by
// pure functions (records.ts); this class reads the stamps, joins the lines
// of an entry written over several (continuation.ts), and correlates by
// message id: the arrival line (<=) gives the sender of later failures, and
// the size and time of later deliveries.

import { createHash } from 'node:crypto';
import { BoundedMap, ENTRY_BYTES, STATE_BYTES } from '../bounded-map.js';
import { clipField } from '../clip.js';
import { delayBetween, plausibleDelay } from '../delay.js';
import { detach } from '../detach.js';
import type { Direction, FailureEvent, LineKind, MailEvent, MtaParser, Outcome, StampClock } from '../events.js';
import { QueueCorrelation } from '../queue-correlation.js';
import { SyslogPrefixReader } from '../syslog.js';
import { CONTINUATION, HEADER_DUMP, HEADER_DUMP_START, MAX_CONTINUATION_CHARS, MAX_CONTINUATION_LINES } from './continuation.js';
import { NativeStampReader } from './stamp.js';
import { messageIdTime, parseEximEntry, type DeliveryRecord, type EximRecord, type FailureRecord, type RejectRecord } from './records.js';

const SYSLOG_PROGRAMS = new Set(['exim', 'exim4']);

// What log.c's write_syslog leaves of Exim's own prefix in a message: its
// stamp unless syslog_timestamp is false (it is true by default), and with
// log_selector +pid the pid, unless syslog_pid is false.
const OWN_PREFIX = /^(?:\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d{3})?(?: [+-]\d{4})? )?(?:\[\d+\] )?/;

// Through syslog Exim splits an entry longer than 870 characters, or of several
// lines, into pieces `[i/n] text` (the line goes on in the next piece) and
// `[i\\n] text` (a new line of the entry starts with the next piece).
const SYSLOG_PIECE = /^\[(\d+)([\\/])(\d+)\] /;

// Exim gave up after retrying for as long as its retry rules allow: `retry
// timeout exceeded` (deliver.c), `all hosts for 'x' have been failing for a
// long time ...` (transports/smtp.c since 4.88), before it `retry time not
// reached for any host after a long failure period`.
const GAVE_UP = /retry timeout exceeded|have been failing for a long time|after a long failure period/;
// Queue runs note addresses whose retry time has not come: no delivery was attempted.
const NOT_ATTEMPTED = /retry time not reached/;

/** The records whose text may go on in lines without a stamp: they are parsed once the next stamped line comes. */
const TAKES_CONTINUATIONS = new Set<EximRecord['type']>(['failure', 'reject', 'verify-fail', 'problem']);

/** A native entry held until the next stamped line says whether lines without a stamp go on with it. */
interface HeldEntry {
  /** Its first line read alone, used as it is when nothing follows. */
  record: EximRecord;
  /** That line with its stamp, and the text after the stamp. */
  line: string;
  entry: string;
  /** The continuation lines, each after a space; '' when none came. */
  more: string;
  at: EventPlace;
}

/** What a line without a stamp can be here: nothing, part of the entry before it, or the header dump after it. */
type Following = 'nothing' | 'entry' | 'headers';

/** The first line of a syslog entry whose pieces are still coming. */
interface Pieces {
  text: string;
  next: number;
  count: number;
  /** The last piece ended a line of the entry. */
  lineDone: boolean;
  /** Lines are still being joined: no line has yet come that is no continuation, or past the bounds. */
  joining: boolean;
  lines: number;
  chars: number;
}

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
  /** Lines already counted that another log repeats (the reject log's rejects, the panic log's trouble), by their digest. */
  private readonly repeated: BoundedMap<string, true>;
  /** The detail of the last sender verification failure, for the reject line that follows it. */
  private verifyFail: { client: string | null; text: string } | null = null;
  private readonly stamps = new NativeStampReader();
  private pieces: Pieces | null = null;
  private held: HeldEntry | null = null;
  private following: Following = 'nothing';
  /** Lines and characters joined to the entry before. */
  private joinedLines = 0;
  private joinedChars = 0;

  constructor(options: { stateLimit?: number } = {}) {
    const limit = options.stateLimit ?? 200_000;
    super(limit);
    this.repeated = new BoundedMap(limit, { bytes: STATE_BYTES / 2, weigh: (digest) => ENTRY_BYTES + digest.length });
  }

  beginSource(clock: StampClock): void {
    this.syslog = new SyslogPrefixReader(clock);
    // No line continues an entry of another source (endSource read it, unless that source failed to
    // read). Syslog's pieces may: a rotation can fall between two of them.
    this.held = null;
    this.following = 'nothing';
  }

  timeOf(line: string): number {
    return this.stamps.read(line) ?? this.syslog?.parse(line)?.time ?? NaN;
  }

  endSource(out: MailEvent[]): void {
    this.release(out);
  }

  parseLine(line: string, lineNo: number, out: MailEvent[]): LineKind {
    const time = this.stamps.read(line);
    if (time === null) return this.syslogLine(line, lineNo, out);
    this.release(out);
    const entry = line.slice(this.stamps.entryAt);
    const record = Number.isNaN(time) ? null : parseEximEntry(entry);
    if (record === null) {
      this.following = 'nothing';
      return 'malformed';
    }
    this.following = 'entry';
    this.joinedLines = 0;
    this.joinedChars = 0;
    const at = { time, mta: this.mta, host: '', line: lineNo };
    // Lines of other records are read at once: holding every line would cost the commonest ones an object each.
    if (TAKES_CONTINUATIONS.has(record.type)) this.held = { record, line, entry, more: '', at };
    else this.take(record, entry, line, at, out);
    return 'recognised';
  }

  private syslogLine(line: string, lineNo: number, out: MailEvent[]): LineKind {
    const syslog = this.syslog?.parse(line);
    if (!syslog) return this.stampless(line, out);
    this.release(out);
    this.following = 'nothing';
    if (!SYSLOG_PROGRAMS.has(syslog.program)) return 'foreign';
    const message = this.joinPieces(syslog.message);
    if (message === null) return 'recognised'; // a piece: the entry is read with its last one
    const entry = message.slice(OWN_PREFIX.exec(message)![0].length);
    const record = parseEximEntry(entry);
    if (!record) return 'malformed';
    this.take(record, entry, null, { time: syslog.time, mta: this.mta, host: syslog.host, line: lineNo }, out);
    return 'recognised';
  }

  /** A line with neither stamp: part of the entry before it, of the reject log's header dump, or malformed. */
  private stampless(line: string, out: MailEvent[]): LineKind {
    if (this.following === 'headers') return HEADER_DUMP.test(line) ? 'recognised' : 'malformed';
    if (this.following === 'nothing') return 'malformed';
    if (HEADER_DUMP_START.test(line)) {
      this.release(out);
      this.following = 'headers';
      return 'recognised';
    }
    if (CONTINUATION.test(line) && this.joinedLines < MAX_CONTINUATION_LINES && this.joinedChars + line.length <= MAX_CONTINUATION_CHARS) {
      this.joinedLines++;
      this.joinedChars += line.length;
      if (this.held) this.held.more += ` ${line.trimStart()}`;
      return 'recognised';
    }
    this.release(out);
    this.following = 'nothing';
    return 'malformed';
  }

  /** Reads the held entry, with the lines joined to it. */
  private release(out: MailEvent[]): void {
    const held = this.held;
    if (held === null) return;
    this.held = null;
    const record = held.more === '' ? held.record : parseEximEntry(held.entry + held.more);
    if (record) this.take(record, held.entry + held.more, held.line + held.more, held.at, out);
  }

  /**
   * The events of one entry. `line` is the whole entry with its stamp (null
   * through syslog): the key that tells an entry one log repeats from another.
   */
  private take(record: EximRecord, entry: string, line: string | null, at: EventPlace, out: MailEvent[]): void {
    const time = at.time;
    switch (record.type) {
      case 'arrival': {
        const messageId = detach(record.messageId);
        const sender = detach(clipField(record.sender));
        this.senders.set(messageId, sender);
        if (record.size !== null) {
          this.arrivals.set(messageId, { size: record.size, time });
          out.push({ kind: 'received', time: at.time, mta: at.mta, host: at.host, line: at.line, queueId: messageId, size: record.size, sender, client: record.client });
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
          time: at.time, mta: at.mta, host: at.host, line: at.line,
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
      case 'failure': {
        const event = this.failure(record, at);
        if (event) out.push(event);
        break;
      }
      case 'verify-fail':
        this.verifyFail = { client: record.client === null ? null : detach(record.client), text: detach(record.text) };
        break;
      case 'reject':
        // The same reject in the main log and the reject log counts once.
        if (this.firstTime(line, entry, time)) out.push(this.reject(record, at));
        break;
      case 'problem':
        // The main log and the panic log hold the same entry: counted once.
        if (this.firstTime(line, entry, time)) out.push({ kind: 'problem', time: at.time, mta: at.mta, host: at.host, line: at.line, severity: record.severity, program: 'exim', text: record.text });
        break;
    }
  }

  /**
   * Whether an entry is read for the first time. Through syslog the stamp is
   * syslog's: Exim sends the main log's and the reject log's copies of an
   * entry within the same second, and a reject repeated later is another one.
   */
  private firstTime(line: string | null, entry: string, time: number): boolean {
    // The line's SHA-1 rather than the line: a night's rejects held as whole
    // lines grew the source thread by 8 MB, and 20 bytes tell them apart as surely.
    const key = createHash('sha1').update(line ?? `${Math.floor(time / 1000)} ${entry}`).digest('binary');
    if (this.repeated.has(key)) return false;
    this.repeated.set(key, true);
    return true;
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
    let pieces = this.pieces;
    if (i === '1') {
      pieces = this.pieces = { text, next: 2, count: Number(n), lineDone: sep === '\\', joining: true, lines: 0, chars: 0 };
    } else if (pieces && Number(i) === pieces.next) {
      pieces.joining &&= pieces.chars + text.length <= MAX_CONTINUATION_CHARS;
      if (!pieces.lineDone) {
        if (pieces.joining) pieces.text += text;
      } else {
        // A new line of the entry: a continuation goes on with it; the reject log's header dump, or anything else, ends it.
        pieces.joining &&= CONTINUATION.test(text) && !HEADER_DUMP_START.test(text) && pieces.lines < MAX_CONTINUATION_LINES;
        if (pieces.joining) {
          pieces.text += ` ${text.trimStart()}`;
          pieces.lines++;
        }
      }
      if (pieces.joining) pieces.chars += text.length;
      pieces.lineDone = sep === '\\';
      pieces.next++;
    } else {
      this.pieces = null; // a piece whose beginning we never saw
      return null;
    }
    if (pieces.next <= pieces.count) return null;
    this.pieces = null;
    return pieces.text;
  }

  /** The event of a `**` or `==` line; null for a note that attempted nothing, or for a give-up already counted. */
  private failure(r: FailureRecord, at: EventPlace): FailureEvent | null {
    const gaveUp = GAVE_UP.test(r.text);
    if (!gaveUp && !r.permanent && NOT_ATTEMPTED.test(r.text)) return null;
    const outcome: Outcome = gaveUp ? 'expired' : r.permanent ? 'bounced' : 'deferred';
    const event: FailureEvent = {
      kind: 'failure',
      time: at.time, mta: at.mta, host: at.host, line: at.line,
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
    if (outcome === 'bounced') return event;
    // A give-up logged as `==` (fallback hosts were left to try) is the recipient's end all the same: it is
    // kept as its latest, so that the `**` that may follow, or the next queue run's `==`, counts no second expiry.
    if (last?.outcome === 'expired') {
      if (!r.permanent) this.deferrals.remember(last);
      return null;
    }
    // A give-up names no reason: the last deferral's is the reason.
    const expiry = last ? { ...last, ...at, outcome } : event;
    if (!r.permanent) this.deferrals.remember(expiry);
    return expiry;
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
      time: at.time, mta: at.mta, host: at.host, line: at.line,
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
}

// Events name these fields one by one: spread after `kind` in an object literal, the place
// was copied by a runtime call for every event (6 to 8% of the parse of the bench logs).
interface EventPlace {
  time: number;
  mta: 'exim';
  host: string;
  line: number;
}
