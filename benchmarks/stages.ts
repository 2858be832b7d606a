// CPU of the source thread's stages on one log, each stage alone: every step
// runs the steps before it and adds one, so the difference between two steps
// is what the added one costs.
//
//   node dist/benchmarks/stages.js bench-data/postfix-200mb-ok15.log postfix
//   STAGES_RUNS=5 node dist/benchmarks/stages.js bench-data/exim-200mb-ok15.log exim
//   node --cpu-prof dist/benchmarks/stages.js LOG postfix parse   # one step alone, to profile it
//
// read: the file's content (gunzipped when it is gzip) into nothing.
// tap: + the line tap, which forwards whole lines.
// split2: + split2 framing and decoding the lines, each thrown away.
// screen: + the checks that keep a line from the parser.
// parse: + the MTA's parser, its events thrown away.
// source thread: the whole source thread as ingest runs it (events bounded,
//   traffic counted, batches posted), received by a main thread that only
//   acknowledges them.

import { statSync } from 'node:fs';
import { Writable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import split2 from 'split2';
import type { MailEvent, Mta } from '../parsers/events.js';
import { PARSERS } from '../parsers/registry.js';
import { clockFromReference } from '../parsers/syslog.js';
import { checkInputs, openInput, type Input } from '../src/read/open-input.js';
import { screenLine } from '../src/read/line-screen.js';
import { LineTap } from '../src/read/line-tap.js';
import { HEAD_BYTES, MAX_LINE_BYTES } from '../src/read/source-protocol.js';
import { SourceThread } from '../src/read/source-thread.js';

const [path, mtaArg, only] = process.argv.slice(2);
if (!path) throw new Error('usage: stages.js LOG [postfix|exim|qmail] [step]');
const mta = (mtaArg ?? 'postfix') as Mta;
const runs = Number(process.env.STAGES_RUNS ?? 3);
const [input] = await checkInputs([path]);

const nothing = () => new Writable({ write: (_chunk, _encoding, done) => done() });
const tap = (start: { head: Buffer; offset: number } | null) =>
  new LineTap({ headBytes: HEAD_BYTES, maxLine: MAX_LINE_BYTES, holdBackPartial: () => false, resumeAt: () => 0, start });

/** Runs the content through `stages`; a line's handler given means split2 and the tap come before them. */
async function through(onLine: ((line: string) => undefined) | null, withTap: boolean): Promise<void> {
  const opened = await openInput(input, HEAD_BYTES, () => 0);
  const steps: (Transform | Writable)[] = [];
  if (withTap) steps.push(tap(opened.start));
  if (onLine) steps.push(split2('\n', onLine));
  await pipeline(opened.content, ...(steps as [Transform]), nothing());
}

function parsing(): (line: string) => undefined {
  const parser = PARSERS[mta]();
  parser.beginSource(clockFromReference(new Date(input.mtime), 2026));
  const events: MailEvent[] = [];
  let lineNo = 0;
  return (raw) => {
    lineNo++;
    const line = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
    if (screenLine(line) !== null) return;
    parser.parseLine(line, lineNo, events);
    events.length = 0;
  };
}

async function sourceThread(): Promise<void> {
  const thread = new SourceThread({ stdin: false });
  await thread.read(input satisfies Input, 2026, {
    resumeAt: () => ({ offset: 0, lineNo: 0, format: mta }),
    onEvents: () => {},
    onTraffic: () => {},
  });
  await thread.terminate();
}

const ALL_STAGES: [string, () => Promise<void>][] = [
  ['read', () => through(null, false)],
  ['tap', () => through(null, true)],
  ['split2', () => through(() => undefined, true)],
  [
    'screen',
    () =>
      through((raw) => {
        screenLine(raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw);
      }, true),
  ],
  ['parse', () => through(parsing(), true)],
  ['source thread', sourceThread],
];
const STAGES = only ? ALL_STAGES.filter(([name]) => name === only) : ALL_STAGES;
if (STAGES.length === 0) throw new Error(`no step ${only}`);

const megabytes = statSync(path).size / 1e6;
console.log(`${path}: ${megabytes.toFixed(0)} MB, ${mta}, ${runs} runs of each step, alternated; CPU s (user+system) and wall s per step, lowest and highest`);
const cpu = new Map<string, number[]>(STAGES.map(([name]) => [name, []]));
const wall = new Map<string, number[]>(STAGES.map(([name]) => [name, []]));
for (let run = 0; run < runs; run++) {
  for (const [name, step] of STAGES) {
    const started = performance.now();
    const before = process.cpuUsage();
    await step();
    const used = process.cpuUsage(before);
    cpu.get(name)!.push((used.user + used.system) / 1e6);
    wall.get(name)!.push((performance.now() - started) / 1000);
  }
}
const range = (xs: number[]) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;
for (const [name] of STAGES) {
  const low = Math.min(...wall.get(name)!);
  console.log(`${name.padEnd(14)} CPU ${range(cpu.get(name)!)} s, wall ${range(wall.get(name)!)} s, ${(megabytes / low).toFixed(0)} MB/s at best`);
}
