// The ingest pipeline: inputs → content → whole lines (split2) → MTA parser →
// delivery events → classifier → store. The source stage runs on its own
// thread (read/source-worker.ts); classification and storage run here, on
// the events it sends. This module only wires the stages and keeps the counts.

import { resolve } from 'node:path';
import { detectFormat } from '../parsers/detect.js';
import type { Mta } from '../parsers/events.js';
import { Classifier, type ClassifierOptions } from './classify/classifier.js';
import { oldestFirst } from './read/oldest-first.js';
import { checkInputs, type Input } from './read/open-input.js';
import type { BatchedEvent, SkippedLines } from './read/source-protocol.js';
import { SourceThread, type Resume } from './read/source-thread.js';
import type { Db } from './store/database.js';
import { hashHead, SourceStore, type SourceRow } from './store/sources.js';
import { isoTime } from './store/daily-counts.js';
import type { TrafficRows } from './store/traffic-counts.js';
import { RunWriter } from './store/writer.js';
import type { RulesFile } from './store/rules-used.js';
import { loadCarried, saveCarried } from './store/carryover.js';
import { hostname } from 'node:os';

export type FormatOption = 'auto' | Mta;

export interface IngestOptions {
  format: FormatOption;
  /** Year for RFC 3164 stamps instead of inferring it from each file's modification time. */
  year?: number;
  /** Site rules and the site's own relays. */
  classifier?: ClassifierOptions;
  /** The site rules file the classifier was given, recorded with the run so that reclassify can tell what decided. */
  rulesFile?: RulesFile | null;
  /** Delete events older than this many days at the end of the run (aggregates are kept). */
  keepEventsDays?: number;
  /** The host whose logs these are; this machine's host name when not given. */
  host?: string;
  /** Told how many bytes there are to read (null when stdin is among the inputs) and how far the run is. */
  progress?: Progress;
}

export interface Progress {
  start(totalBytes: number | null): void;
  update(doneBytes: number): void;
  stop(): void;
}

export type { SkippedLines };

export interface SourceReport {
  name: string;
  format: Mta | null;
  /** Content offset this run started from (bytes already ingested earlier). */
  resumedAt: number;
  newBytes: number;
  lines: number;
  recognised: number;
  foreign: number;
  skipped: SkippedLines;
  failures: number;
  deliveries: number;
  /** An unterminated last line left for the next run. */
  heldBackBytes: number;
  /** Why the input could not be read to its end, if it could not. */
  problem: string | null;
  /** A plain file shorter than what was read of it before, read again from its start. */
  truncated: boolean;
  /**
   * False for a source read for the first time of which no line was recognised: the wrong --format, or not a
   * mail log. Nothing of it was stored, so it is new to the next run.
   */
  recorded: boolean;
}

export interface IngestSummary {
  sources: SourceReport[];
  seconds: number;
  /** Events deleted by --keep-events. */
  pruned: number;
  /** Message ids forgotten because more were open at once than the parsers keep. */
  evictedIds: number;
}

export function skippedTotal(s: SkippedLines): number {
  return s.malformed + s.binary + s.enormous;
}

/**
 * The share of the lines of the source's format that were recognised: recognised over recognised and malformed.
 * Other programs' lines are left out, as a shared syslog file is mostly theirs; null when there was no such line.
 */
export function recognisedShare(r: Pick<SourceReport, 'recognised' | 'skipped'>): number | null {
  const total = r.recognised + r.skipped.malformed;
  return total === 0 ? null : r.recognised / total;
}

/** Ingest the named inputs in one transaction. Throws UserError for unusable inputs before touching the database. */
export async function ingest(db: Db, names: string[], options: IngestOptions): Promise<IngestSummary> {
  const inputs = await oldestFirst(await checkInputs(names), options.year);
  const started = new Date();
  const origin = options.host ?? hostname();
  const sources = new SourceStore(db, origin);
  const writer = new RunWriter(db, origin);
  const classifier = new Classifier(options.classifier);
  const reports: SourceReport[] = [];

  writer.begin(); // first: a database another run holds must not leave a thread behind
  const carried = loadCarried(db, origin, started);
  const thread = new SourceThread({ stdin: inputs.some((i) => i.kind === 'stdin'), carried: carried.states, host: options.host });
  classifier.prepare();
  const progress = options.progress;
  progress?.start(inputs.every((i) => i.size !== null) ? sum(inputs, (i) => i.size!) : null);
  try {
    let doneBefore = 0;
    for (const input of inputs) {
      const onProgress = progress && ((bytes: number) => progress.update(doneBefore + bytes));
      reports.push(await ingestInput(input, { options, sources, writer, classifier, thread }, onProgress));
      doneBefore += input.size ?? 0;
      progress?.update(doneBefore);
    }
    const closed = await thread.close();
    saveCarried(db, origin, closed.carried, carried.since, started);
    const pruned = options.keepEventsDays === undefined ? 0 : writer.pruneEvents(new Date(started.getTime() - options.keepEventsDays * 86_400_000));
    const seconds = (Date.now() - started.getTime()) / 1000;
    writer.commit({
      started: started.toISOString(),
      rulesPath: options.rulesFile?.path ?? null,
      rulesHash: options.rulesFile?.hash ?? null,
      files: reports.length,
      lines: sum(reports, (r) => r.lines),
      failures: sum(reports, (r) => r.failures),
      deliveries: sum(reports, (r) => r.deliveries),
      skipped: sum(reports, (r) => skippedTotal(r.skipped)),
      seconds,
    });
    return { sources: reports, seconds, evictedIds: closed.evictedIds, pruned };
  } catch (error) {
    const reported = writer.rollback(error);
    await thread.terminate();
    throw reported;
  } finally {
    progress?.stop();
  }
}

function sum<T>(items: T[], f: (item: T) => number): number {
  return items.reduce((total, item) => total + f(item), 0);
}

interface RunContext {
  options: IngestOptions;
  sources: SourceStore;
  writer: RunWriter;
  classifier: Classifier;
  thread: SourceThread;
}

function formatFromHead(head: Buffer): Mta | null {
  for (const line of head.toString('utf8').split('\n')) {
    const format = detectFormat(line);
    if (format) return format;
  }
  return null;
}

function samePath(a: string, b: string): boolean {
  return resolve(a) === resolve(b);
}

/** A source with nothing read of it yet. */
export function emptyReport(name: string): SourceReport {
  return {
    name,
    format: null,
    resumedAt: 0,
    newBytes: 0,
    lines: 0,
    recognised: 0,
    foreign: 0,
    skipped: { malformed: 0, binary: 0, enormous: 0 },
    failures: 0,
    deliveries: 0,
    heldBackBytes: 0,
    problem: null,
    truncated: false,
    recorded: true,
  };
}

async function ingestInput(input: Input, run: RunContext, onProgress?: (bytes: number) => void): Promise<SourceReport> {
  const report = emptyReport(input.name);
  let source: SourceRow | null = null;
  let created = false;
  const now = new Date().toISOString();

  const resumeAt = (head: Buffer, size: number | null): Resume => {
    const known = run.sources.find(head);
    // Shorter than what was read of it, under the name it was read as: truncated in place (logrotate's
    // copytruncate) and written again. Under another name it is a copy still being written (copytruncate
    // caught mid-copy): it holds nothing new, and the offset must not go back, or its lines count twice.
    if (known && size !== null && size < known.offset && samePath(known.path, input.name)) {
      known.offset = 0;
      known.lines = 0;
      report.truncated = true;
    }
    const format = run.options.format !== 'auto' ? run.options.format : ((known?.format as Mta | null) ?? formatFromHead(head) ?? 'postfix');
    report.format = format;
    // Empty content identifies nothing: it is recorded once it has a first line.
    created = !known && head.length > 0;
    source = known ?? (created ? run.sources.create(input.name, head, format, now) : null);
    if (source) run.writer.attribute(source.id);
    report.resumedAt = source?.offset ?? 0;
    return { offset: report.resumedAt, lineNo: source?.lines ?? 0, format };
  };

  const onEvents = (events: BatchedEvent[]): void => {
    for (const event of events) {
      if (event.kind === 'delivered') {
        run.writer.deliveredLater(event);
        continue;
      }
      if (event.kind === 'problem') {
        run.writer.problem(event);
        continue;
      }
      const c = run.classifier.classify({ text: event.diagnostic, dsn: event.dsn, stage: event.stage, outcome: event.outcome, relay: event.relay });
      run.writer.failure(event, c);
      report.failures++;
    }
  };

  const onTraffic = (rows: TrafficRows): void => {
    run.writer.traffic(rows);
    for (const [, { count }] of rows.deliveries) report.deliveries += count;
  };

  run.writer.beginSource();
  const result = await run.thread.read(input, run.options.year, { resumeAt, onEvents, onTraffic, onProgress });
  if (result.failed) {
    // Nothing of this source is kept, so the next run reads it again whole.
    run.writer.abortSource();
    return { ...emptyReport(input.name), format: report.format, problem: result.problem };
  }
  onTraffic(result.traffic);
  Object.assign(report, {
    lines: result.lines,
    recognised: result.recognised,
    foreign: result.foreign,
    skipped: result.skipped,
    heldBackBytes: result.heldBackBytes,
    problem: result.problem,
    newBytes: result.consumed - report.resumedAt,
  });
  // A new source none of whose lines was recognised was read with the wrong --format, or is no mail log: recorded,
  // it would be "nothing new" to the run with the right --format, and stay in every report's coverage.
  if (created && result.lines > 0 && result.recognised === 0) {
    run.writer.abortSource();
    return { ...report, recorded: false };
  }
  const row = source as SourceRow | null;
  if (row) {
    const head = Buffer.from(result.head.buffer, result.head.byteOffset, result.head.byteLength);
    // The name a source was last read as is the one a truncation in place would show under.
    if (result.consumed > report.resumedAt) row.path = input.name;
    if (row.headLength !== head.length) {
      row.headLength = head.length;
      row.headHash = hashHead(head);
    }
    row.offset = result.consumed;
    row.lines += result.lines;
    row.recognised += report.recognised;
    row.foreign += report.foreign;
    row.skipped += skippedTotal(report.skipped);
    row.failures += report.failures;
    row.deliveries += report.deliveries;
    if (result.firstTime !== null && result.lastTime !== null) {
      const [first, last] = [isoTime(result.firstTime), isoTime(result.lastTime)];
      if (row.firstTime === null || first < row.firstTime) row.firstTime = first;
      if (row.lastTime === null || last > row.lastTime) row.lastTime = last;
    }
    run.sources.save(row, now);
  }
  run.writer.endSource();
  return report;
}
