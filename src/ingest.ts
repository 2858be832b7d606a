// The ingest pipeline: inputs → content → whole lines (split2) → MTA parser →
// delivery events → classifier → store. Parsing and classification are pure;
// this module only wires the stages and keeps the counts.

import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import split2 from 'split2';
import { detectFormat } from '../parsers/detect.js';
import type { MailEvent, Mta, MtaParser } from '../parsers/events.js';
import { PostfixParser } from '../parsers/postfix/parser.js';
import { clockFromReference } from '../parsers/syslog.js';
import { Classifier } from './classify/classifier.js';
import { ENORMOUS_LINE, LineTap } from './read/line-tap.js';
import { checkInputs, openInput, type Input, type OpenedInput } from './read/open-input.js';
import type { Db } from './store/database.js';
import { HEAD_BYTES, hashHead, SourceStore, type SourceRow } from './store/sources.js';
import { RunWriter } from './store/writer.js';

export type FormatOption = 'auto' | Mta;

/** Lines longer than this are counted and skipped: no MTA writes them. */
export const MAX_LINE_BYTES = 1024 * 1024;

const PARSERS: Partial<Record<Mta, () => MtaParser>> = {
  postfix: () => new PostfixParser(),
};

export interface IngestOptions {
  format: FormatOption;
  /** Year for RFC 3164 stamps instead of inferring it from each file's modification time. */
  year?: number;
}

export interface SkippedLines {
  malformed: number;
  binary: number;
  enormous: number;
}

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
}

export interface IngestSummary {
  sources: SourceReport[];
  seconds: number;
  /** Message ids forgotten because more were open at once than the parsers keep. */
  evictedIds: number;
}

export function skippedTotal(s: SkippedLines): number {
  return s.malformed + s.binary + s.enormous;
}

/** Ingest the named inputs in one transaction. Throws UserError for unusable inputs before touching the database. */
export async function ingest(db: Db, names: string[], options: IngestOptions): Promise<IngestSummary> {
  const inputs = await checkInputs(names);
  const started = new Date();
  const sources = new SourceStore(db);
  const writer = new RunWriter(db);
  const classifier = new Classifier();
  const parsers = new Map<Mta, MtaParser>();
  const reports: SourceReport[] = [];

  writer.begin();
  try {
    for (const input of inputs) {
      reports.push(await ingestInput(input, { options, sources, writer, classifier, parsers }));
    }
    const seconds = (Date.now() - started.getTime()) / 1000;
    writer.commit({
      started: started.toISOString(),
      files: reports.length,
      lines: sum(reports, (r) => r.lines),
      failures: sum(reports, (r) => r.failures),
      deliveries: sum(reports, (r) => r.deliveries),
      skipped: sum(reports, (r) => skippedTotal(r.skipped)),
      seconds,
    });
    return { sources: reports, seconds, evictedIds: sum([...parsers.values()], (p) => p.evictedIds) };
  } catch (error) {
    writer.rollback();
    throw error;
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
  parsers: Map<Mta, MtaParser>;
}

class UnsupportedFormat extends Error {}

function formatFromHead(head: Buffer): Mta | null {
  for (const line of head.toString('utf8').split('\n')) {
    const format = detectFormat(line);
    if (format) return format;
  }
  return null;
}

function emptyReport(name: string): SourceReport {
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
  };
}

async function ingestInput(input: Input, run: RunContext): Promise<SourceReport> {
  const report = emptyReport(input.name);
  let source: SourceRow | null = null;
  let parser: MtaParser | null = null;
  let lineNo = 0;
  const events: MailEvent[] = [];
  const now = new Date().toISOString();

  const resumeAt = (head: Buffer): number => {
    const known = run.sources.find(head);
    const format = run.options.format !== 'auto' ? run.options.format : ((known?.format as Mta | null) ?? formatFromHead(head) ?? 'postfix');
    report.format = format;
    const make = PARSERS[format];
    if (!make) throw new UnsupportedFormat(`${format} logs are not supported yet`);
    parser = run.parsers.get(format) ?? make();
    run.parsers.set(format, parser);
    parser.beginSource(clockFromReference(input.mtime, run.options.year));
    // Empty content identifies nothing: it is recorded once it has a first line.
    source = known ?? (head.length > 0 ? run.sources.create(input.name, head, format, now) : null);
    lineNo = source?.lines ?? 0;
    report.resumedAt = source?.offset ?? 0;
    return report.resumedAt;
  };

  const onLine = (raw: string): undefined => {
    lineNo++;
    const line = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw; // CRLF
    report.lines++;
    if (line === ENORMOUS_LINE || line.length > MAX_LINE_BYTES) {
      report.skipped.enormous++;
      return;
    }
    // U+FFFD is what invalid UTF-8 decodes to; NUL never occurs in a text log.
    if (line.includes('\uFFFD') || line.includes('\u0000')) {
      report.skipped.binary++;
      return;
    }
    const kind = parser!.parseLine(line, lineNo, events);
    if (kind === 'recognised') report.recognised++;
    else if (kind === 'foreign') report.foreign++;
    else report.skipped.malformed++;
    if (events.length === 0) return;
    for (const event of events) {
      if (event.kind === 'failure') {
        const c = run.classifier.classify({ text: event.diagnostic, dsn: event.dsn, stage: event.stage, outcome: event.outcome });
        run.writer.failure(event, c, source!.id);
        report.failures++;
      } else {
        run.writer.delivered(event);
        report.deliveries++;
      }
    }
    events.length = 0;
  };

  run.writer.beginSource();
  let opened: OpenedInput | null = null;
  let tap: LineTap | null = null;
  try {
    opened = await openInput(input, HEAD_BYTES, resumeAt);
    tap = new LineTap({
      headBytes: HEAD_BYTES,
      maxLine: MAX_LINE_BYTES,
      holdBackPartial: !opened.gzip && input.name !== '-',
      resumeAt,
      start: opened.start,
    });
    // A string matcher splits faster than split2's default /\r?\n/; CR is dropped per line.
    await pipeline(opened.content, tap, split2('\n', onLine), new Writable({ write: (_chunk, _encoding, done) => done() }));
  } catch (error) {
    // Nothing of this source is kept, so the next run reads it again whole.
    run.writer.abortSource();
    const problem = error instanceof UnsupportedFormat ? error.message : `read error: ${(error as Error).message}`;
    return { ...emptyReport(input.name), format: report.format, problem };
  }
  report.problem = opened.problem();
  report.heldBackBytes = tap.heldBack;
  report.newBytes = tap.consumed - report.resumedAt;
  const row = source as SourceRow | null;
  if (row) {
    row.path = input.name;
    if (row.headLength !== tap.head.length) {
      row.headLength = tap.head.length;
      row.headHash = hashHead(tap.head);
    }
    row.offset = tap.consumed;
    row.lines = lineNo;
    row.recognised += report.recognised;
    row.foreign += report.foreign;
    row.skipped += skippedTotal(report.skipped);
    row.failures += report.failures;
    row.deliveries += report.deliveries;
    run.sources.save(row, now);
  }
  run.writer.endSource();
  return report;
}
