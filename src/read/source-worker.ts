// The source stage, on its own thread: content → whole lines (split2) → MTA
// parser → events, sent to the main thread in batches. The main thread
// classifies and stores them meanwhile, so reading and writing use both cores.
// Parser state lives here for the whole run, so correlation crosses files.

import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parentPort, workerData } from 'node:worker_threads';
import split2 from 'split2';
import type { MailEvent, Mta, MtaParser } from '../../parsers/events.js';
import { boundedEvent, failureChars } from '../../parsers/clip.js';
import { PARSERS } from '../../parsers/registry.js';
import { clockFromReference } from '../../parsers/syslog.js';
import { TrafficCounts } from '../store/traffic-counts.js';
import { LineTap } from './line-tap.js';
import { screenLine } from './line-screen.js';
import { openInput, type OpenedInput } from './open-input.js';
import { BATCH_CHARS, EVENTS_PER_BATCH, HEAD_BYTES, MAX_BATCHES_IN_FLIGHT, MAX_LINE_BYTES, PROGRESS_INTERVAL_MS, type BatchedEvent, type CarriedStates, type FromWorker, type SourceResult, type ToWorker } from './source-protocol.js';

const port = parentPort!;
const parsers = new Map<Mta, MtaParser>();
/** State earlier runs left open, for each MTA's parser when it is first needed. */
let carried: CarriedStates = {};
let inFlight = 0;
let onAck: (() => void) | null = null;
let onResume: ((reply: Extract<ToWorker, { type: 'resume' }>) => void) | null = null;

function send(message: FromWorker): void {
  port.postMessage(message);
}

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'ack':
      inFlight--;
      onAck?.();
      break;
    case 'resume':
      onResume?.(message);
      break;
    case 'read':
      read(message).then((result) => send({ type: 'end', result }));
      break;
    case 'carried':
      carried = message.states;
      break;
    case 'close': {
      // The parsers' state, and untouched what this run had no parser for.
      const states: CarriedStates = { ...carried };
      for (const [mta, parser] of parsers) states[mta] = parser.carry();
      send({ type: 'closed', evictedIds: [...parsers.values()].reduce((n, p) => n + p.evictedIds, 0), carried: states });
      break;
    }
  }
});

/** ingest --host: the host of the lines that name none; null leaves them unnamed. */
const LOGGED_BY = (workerData as { host: string | null } | null)?.host ?? null;

function startParser(mta: Mta): MtaParser {
  const parser = PARSERS[mta]();
  const state = carried[mta];
  if (state) parser.resume(state);
  delete carried[mta];
  parsers.set(mta, parser);
  return parser;
}

/** Holds content back while the main thread has too many batches to work through, so memory stays flat. */
function gate(): Transform {
  return new Transform({
    transform(chunk, _encoding, callback) {
      if (inFlight < MAX_BATCHES_IN_FLIGHT) return callback(null, chunk);
      onAck = () => {
        if (inFlight >= MAX_BATCHES_IN_FLIGHT) return;
        onAck = null;
        callback(null, chunk);
      };
    },
  });
}

async function read(request: Extract<ToWorker, { type: 'read' }>): Promise<SourceResult> {
  const { input } = request;
  const result: SourceResult = {
    lines: 0,
    recognised: 0,
    foreign: 0,
    skipped: { malformed: 0, binary: 0, enormous: 0 },
    consumed: 0,
    heldBackBytes: 0,
    head: new Uint8Array(0),
    firstTime: null,
    lastTime: null,
    traffic: { deliveries: [], received: [], hourly: [], delays: [], parties: [] },
    problem: null,
    failed: false,
  };
  let parser: MtaParser | null = null;
  let lineNo = 0;
  let nulLines = 0;
  let batch: BatchedEvent[] = [];
  let batchChars = 0;
  const events: MailEvent[] = [];
  const traffic = new TrafficCounts();
  const sendTrafficWhenFull = (): void => {
    // As large as a batch of events at most: the recipients of a busy day would make messages of megabytes.
    if (!traffic.fullAt(BATCH_CHARS)) return;
    inFlight++;
    send({ type: 'traffic', rows: traffic.rows() });
    traffic.clear();
  };

  const resumeAt = (head: Buffer, size: number | null): Promise<number> =>
    new Promise((resolve) => {
      onResume = (reply) => {
        onResume = null;
        parser = parsers.get(reply.format) ?? startParser(reply.format);
        parser.beginSource(clockFromReference(new Date(input.mtime), request.year));
        lineNo = reply.lineNo;
        resolve(reply.offset);
      };
      send({ type: 'head', head, size });
    });

  const flush = () => {
    if (batch.length === 0) return;
    inFlight++;
    send({ type: 'events', events: batch });
    batch = [];
    batchChars = 0;
  };

  const onLine = (raw: string): undefined => {
    lineNo++;
    result.lines++;
    const line = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw; // CRLF
    switch (screenLine(line)) {
      case 'placeholder':
        nulLines++; // told apart from lines of one NUL byte at the end
        return;
      case 'enormous':
        result.skipped.enormous++;
        return;
      case 'binary':
        result.skipped.binary++;
        return;
      case 'journal':
        result.foreign++;
        return;
    }
    const kind = parser!.parseLine(line, lineNo, events);
    if (kind === 'recognised') result.recognised++;
    else if (kind === 'foreign') result.foreign++;
    else result.skipped.malformed++;
    takeEvents();
  };

  // An entry the parser held for lines that might continue it ends with its source.
  const endSource = (): void => {
    parser?.endSource(events);
    takeEvents();
  };

  /** Sends on the events the parser has appended to `events`. */
  const takeEvents = (): void => {
    if (events.length === 0) return;
    for (const event of events) {
      // Exim's files and qmail's multilog name no host: the one ingest was told they are from.
      if (event.host === '' && LOGGED_BY !== null) (event as { host: string }).host = LOGGED_BY;
      // The source's time span, so that a report names only the sources of its period.
      if (result.firstTime === null || event.time < result.firstTime) result.firstTime = event.time;
      if (result.lastTime === null || event.time > result.lastTime) result.lastTime = event.time;
      // What leaves this thread is bounded: a line of a megabyte makes an event of a few KiB.
      const kept = boundedEvent(event);
      if (kept.kind === 'received') {
        traffic.receivedMessage(kept);
        sendTrafficWhenFull();
      } else if (kept.kind === 'delivered') {
        // A late message's delivery travels in order with the failures, so its failed-message row learns its fate.
        if (kept.afterDeferral) {
          batch.push(kept);
          batchChars += kept.host.length + (kept.queueId?.length ?? 0) + kept.recipient.length;
        }
        traffic.delivered(kept);
        sendTrafficWhenFull();
      } else if (kept.kind === 'problem') {
        // Rare enough to travel one by one; the main thread masks and counts them with the failures' masking.
        batch.push(kept);
        batchChars += kept.text.length + kept.host.length + kept.program.length;
      } else {
        batch.push(kept);
        batchChars += failureChars(kept);
      }
    }
    events.length = 0;
    if (batch.length >= EVENTS_PER_BATCH || batchChars >= BATCH_CHARS) flush();
  };

  let opened: OpenedInput | null = null;
  let tap: LineTap | null = null;
  let progress: NodeJS.Timeout | undefined;
  try {
    opened = await openInput(input, HEAD_BYTES, resumeAt);
    const reading = opened;
    progress = setInterval(() => send({ type: 'progress', bytes: reading.bytesRead() }), PROGRESS_INTERVAL_MS);
    tap = new LineTap({
      headBytes: HEAD_BYTES,
      maxLine: MAX_LINE_BYTES,
      holdBackPartial: () => input.kind === 'file' && (!reading.gzip || reading.problem() !== null),
      resumeAt,
      start: opened.start,
    });
    // A string matcher splits faster than split2's default /\r?\n/; CR is dropped per line.
    await pipeline(opened.content, gate(), tap, split2('\n', onLine), new Writable({ write: (_chunk, _encoding, done) => done() }));
    endSource();
    flush();
  } catch (error) {
    return { ...result, failed: true, problem: `read error: ${(error as Error).message}` };
  } finally {
    clearInterval(progress);
  }
  result.skipped.enormous += tap.placeholders;
  result.skipped.binary += nulLines - tap.placeholders;
  return { ...result, consumed: tap.consumed, heldBackBytes: tap.heldBack, head: tap.head, traffic: traffic.rows(), problem: opened.problem() };
}
