// The benchmark's logs, made from the real samples. Each round replays the
// sample once (every kind of failure) and its successful messages `okRepeat`
// times, with fresh message ids, recipients and days, so that a few percent of
// lines are failures, as on a busy relay; `okRepeat` 0 replays the
// failure-heavy sample alone. With `stuck`, the padding is instead the
// deferred messages cut off after their deferrals: messages that stay queued
// to the end of the log, which the correlation state must bear. The same options always give the same bytes, so
// a small log stands in for the large ones in test/same-output.test.ts.

import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import type { Mta } from '../parsers/events.js';

export interface BenchLogOptions {
  mta: Mta;
  megabytes: number;
  /** Copies of the sample's successful messages after each copy of the whole sample. */
  okRepeat: number;
  /** Pad with messages deferred and never delivered, bounced or expired instead of successful ones. */
  stuck?: boolean;
}

/** How to copy one MTA's sample: its lines, their message ids and days. */
interface Template {
  sample: string;
  isLogLine(line: string): boolean;
  messageId(line: string): string | undefined;
  /** A delivery to the sample's accept-all domain. */
  deliveredOk(line: string): boolean;
  deferral(line: string): boolean;
  /** A line after which the message, or one of its recipients, is no longer queued. */
  leavesQueue(line: string): boolean;
  /** The line moved to another day of the month, with its ids made unique by `copy`. */
  copyOf(line: string, day: number, copy: number): string;
}

const TEMPLATES: Partial<Record<Mta, Template>> = {
  postfix: {
    sample: 'postfix/syslog-rfc3164.log',
    isLogLine: (l) => l.includes('postfix/'),
    messageId: (l) => l.split(': ')[1],
    deliveredOk: (l) => l.includes('status=sent') && l.includes('@n-ok.test'),
    deferral: (l) => l.includes('status=deferred'),
    leavesQueue: (l) => /status=(?:sent|bounced|expired)|: removed$/.test(l),
    copyOf: (l, day, copy) =>
      `Nov ${String(day).padStart(2, ' ')}${l.slice(6)}`.replace(/\b([0-9A-F]{6})([0-9A-F]{5})\b/g, `$1${copy.toString(16).toUpperCase().padStart(5, '0')}`),
  },
  exim: {
    sample: 'exim/mainlog',
    isLogLine: (l) => /^\d{4}-/.test(l),
    messageId: (l) => /^\S+ \S+ (?:\[\d+\] )?(\w{6}-\w{6}-\w{2}) /.exec(l)?.[1],
    deliveredOk: (l) => / => \S+@n-ok\.test /.test(l),
    deferral: (l) => / == /.test(l),
    leavesQueue: (l) => / (?:=>|->|\*\*) | Completed$/.test(l),
    copyOf: (l, day, copy) =>
      `${l.slice(0, 8)}${String(day).padStart(2, '0')}${l.slice(10)}`.replace(/\b(\w{6})-\w{6}-(\w{2})\b/g, `$1-${copy.toString(36).padStart(6, '0')}-$2`),
  },
};

/** The file name that names these options, so that a log once generated is found again. */
export function benchLogName(options: BenchLogOptions): string {
  return `${options.mta}-${options.megabytes}mb-ok${options.okRepeat}${options.stuck ? '-stuck' : ''}.log`;
}

/** Writes the log to `path`, from the samples in `samplesDir`. */
export async function generateBenchLog(options: BenchLogOptions, samplesDir: string, path: string): Promise<void> {
  const template = TEMPLATES[options.mta];
  if (!template) throw new Error(`no benchmark template for ${options.mta}`);
  const sample = readFileSync(join(samplesDir, template.sample), 'utf8').split('\n').filter(template.isLogLine);
  // Messages whose recipients were all delivered, to pad the log with successful traffic.
  const delivered = new Set(sample.filter(template.deliveredOk).map(template.messageId));
  const okBlock = sample.filter((l) => delivered.has(template.messageId(l)));
  const deferred = new Set(sample.filter(template.deferral).map(template.messageId));
  const stuckBlock = sample.filter((l) => deferred.has(template.messageId(l)) && !template.leavesQueue(l));
  const padding = options.stuck ? stuckBlock : okBlock;
  const out = createWriteStream(path);
  const target = options.megabytes * 1_000_000;
  let written = 0;
  let copy = 0;
  const emit = async (lines: string[], day: number) => {
    copy++;
    for (const line of lines) {
      const text = template.copyOf(line, day, copy).replace(/<([a-z0-9]+)@/g, `<$1.${copy % 997}@`);
      written += Buffer.byteLength(text) + 1;
      if (!out.write(`${text}\n`)) await once(out, 'drain');
    }
  };
  for (let round = 0; written < target; round++) {
    const day = 1 + (Math.floor(round / 200) % 28);
    await emit(sample, day);
    for (let i = 0; i < options.okRepeat; i++) await emit(padding, day);
  }
  out.end();
  await once(out, 'finish');
}

/**
 * The log's path in `dataDir`, generated there first unless an earlier run
 * left it. Written under another name and renamed once whole, so that a run
 * beside this one never takes a half-written log for the log.
 */
export async function ensureBenchLog(options: BenchLogOptions, dataDir: string, samplesDir: string): Promise<string> {
  const path = join(dataDir, benchLogName(options));
  if (!existsSync(path)) {
    console.log(`generating ${path} ...`);
    mkdirSync(dataDir, { recursive: true });
    await generateBenchLog(options, samplesDir, `${path}.${process.pid}.part`);
    renameSync(`${path}.${process.pid}.part`, path);
  }
  return path;
}
