// The typed events every MTA parser produces. Classification, storage and
// reports only ever see these, so a new MTA plugs in by producing them.

export type Mta = 'postfix' | 'exim' | 'qmail';

/** An MTA's own message id: Postfix queue id, Exim message id, qmail msg number. */
export type QueueId = string;

/** An RFC 5321 mailbox as logged, without angle brackets; '' is the null sender. */
export type Address = string;

export type Outcome = 'bounced' | 'deferred' | 'expired' | 'rejected';

/**
 * outbound: a remote server refused our mail, or we could not reach it.
 * inbound: our server refused a client at SMTP time.
 * local: delivery on our own host failed (local, virtual, pipe, lmtp).
 */
export type Direction = 'outbound' | 'inbound' | 'local';

export const SMTP_STAGES = ['CONNECT', 'HELO', 'MAIL FROM', 'RCPT TO', 'DATA', 'end of DATA'] as const;
export type SmtpStage = (typeof SMTP_STAGES)[number];

interface EventBase {
  /** Milliseconds since the epoch, UTC. */
  time: number;
  mta: Mta;
  /** The host that wrote the log line. */
  host: string;
  /** 1-based line number in the source. */
  line: number;
}

export interface FailureEvent extends EventBase {
  kind: 'failure';
  queueId: QueueId | null;
  sender: Address | null;
  recipient: Address | null;
  /** Remote host as the MTA names it, e.g. `mx.example.com[192.0.2.1]:25`, or the client for inbound rejects. */
  relay: string | null;
  outcome: Outcome;
  direction: Direction;
  /** The SMTP stage when the log states it outside the diagnostic text. */
  stage: SmtpStage | null;
  /** An enhanced status code the MTA logs beside the text (Postfix `dsn=`). */
  dsn: string | null;
  diagnostic: string;
}

/**
 * A failure of our mail (outbound or local) read without the lines before it
 * that say whose it was: the message's arrival (sender) or the start of its
 * delivery (recipient) was not in the data, because the log starts mid-way,
 * an older file was not given, or a fragment was pasted. It is still a
 * failure, stored with what its own line says; reports count how many.
 * A refusal of a client is whole on its own line.
 */
export function lacksContext(e: FailureEvent): boolean {
  return e.direction !== 'inbound' && (e.sender === null || e.recipient === null);
}

export interface DeliveredEvent extends EventBase {
  kind: 'delivered';
  queueId: QueueId | null;
  recipient: Address;
  /** This recipient was deferred before: the message was late, not lost, and its failed-message row says so. */
  afterDeferral: boolean;
  /** local: one of our own delivery agents took it (its domain is one of ours); outbound: a remote server did. */
  direction: Exclude<Direction, 'inbound'>;
  /** The message's size in bytes, from its arrival line; null when that line was not seen. */
  size: number | null;
  /** The remote host that took it, as `name[ip]` (qmail: `[ip]`), without a port; null for our own delivery agents. */
  relay: string | null;
  /** Seconds from the message's arrival in our queue to this delivery; null when the log does not tell, or tells nonsense. */
  delay: number | null;
}

/** Our MTA accepted a message into its queue (once per message, however often it is retried). */
export interface ReceivedEvent extends EventBase {
  kind: 'received';
  queueId: QueueId;
  /** Bytes, as the MTA logs them. */
  size: number;
  sender: Address;
  /** The SMTP client it came from, as `name[ip]` without a port; null when it was submitted locally or the log does not say. */
  client: string | null;
}

/** How bad an MTA says its own trouble is: Postfix's msg_warn/msg_error/msg_fatal/msg_panic levels, which the others map onto. */
export type Severity = 'warning' | 'error' | 'fatal' | 'panic';

/** A line in which the MTA reports trouble of its own (configuration, tables, locks, resources), not a message's fate. */
export interface ProblemEvent extends EventBase {
  kind: 'problem';
  severity: Severity;
  /** The daemon or program that wrote it: `smtpd`, `qmail-send`, `exim`. */
  program: string;
  /** The text after the severity word. */
  text: string;
}

export type MailEvent = FailureEvent | DeliveredEvent | ReceivedEvent | ProblemEvent;

/** What a line turned out to be, for the parse coverage of every report. */
export type LineKind =
  | 'recognised' // a line of the MTA (whether or not it produced events)
  | 'foreign' // a well-formed line of another program sharing the log
  | 'malformed'; // not a log line at all, or a line of the MTA that is cut or garbled

/**
 * Correlation state still open at the end of a run (a message received at
 * 23:59 whose bounce is in the next night's file), saved for the next run.
 */
export interface CarriedState {
  /** Message id → sender. */
  senders: [QueueId, Address][];
  /** The last deferral of each recipient still queued, to explain a later expiry. */
  deferrals: FailureEvent[];
  /** Deliveries under way (qmail): delivery number → message, recipient, local or not. */
  deliveries: [string, { msg: QueueId; recipient: Address; local: boolean }][];
  /** Message id → its arrival, for the bytes and the delay of its later deliveries. */
  arrivals: [QueueId, Arrival][];
  /** Queue id → the SMTP client it came from, until the queue manager takes the message up (Postfix). */
  clients: [QueueId, string][];
}

/** What a message's arrival line said, kept for its deliveries. */
export interface Arrival {
  /** Bytes. */
  size: number;
  /** When it arrived (milliseconds since the epoch); null when an older version carried only its size. */
  time: number | null;
}

/** A stateful parser for one MTA: lines in, events out. State carries across the files of one run, and with carry/resume across runs. */
export interface MtaParser {
  readonly mta: Mta;
  /** Message ids dropped from the correlation state because it was full. */
  readonly evictedIds: number;
  /** Called before the first line of each source, with that source's clock. */
  beginSource(clock: StampClock): void;
  /** Parse one line (already known to be text of sane length); events found are appended to `out`. */
  parseLine(line: string, lineNo: number, out: MailEvent[]): LineKind;
  /** Called after the last line of each source: the events of an entry still held for lines that may continue it. */
  endSource(out: MailEvent[]): void;
  /** The time of a line's stamp alone, NaN when it has none (after beginSource). */
  timeOf(line: string): number;
  /** The correlation state still open. */
  carry(): CarriedState;
  /** Take up the state an earlier run left open. */
  resume(state: CarriedState): void;
}

/** Turns the stamps of one source into UTC times; RFC 3164 stamps lack a year. */
export interface StampClock {
  /** Year to give a stamp of this month (0-11). */
  yearFor(month: number): number;
}
