// Hostile log lines made from the real sample lines: what a local user who can
// write to syslog (`logger` writes anything) and plain bad luck (a disk that
// flips a bit, a file cut mid-write) put in a mail log. Deterministic for a
// seed, and every line knows its fate where the documented reading decides it
// alone, so a run's skip counts are known exactly.

import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LineKind, MailEvent, Mta } from '../parsers/events.js';
import { PARSERS } from '../parsers/registry.js';
import { clockFromReference } from '../parsers/syslog.js';
import { MAX_LINE_BYTES } from '../src/read/source-protocol.js';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(here, basename(dirname(here)) === 'dist' ? '../..' : '..');

export type Random = () => number;

/** mulberry32: a 32-bit state is all a reproducible run needs. */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (rand: Random, lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = <T>(rand: Random, items: readonly T[]): T => items[Math.floor(rand() * items.length)];

/** How ingest counts a line: the kinds of its summary. */
export const KINDS = ['recognised', 'foreign', 'malformed', 'binary', 'enormous'] as const;
export type Kind = (typeof KINDS)[number];
/** `unknown`: any of recognised, foreign or malformed (never binary or enormous). */
export type Fate = Kind | 'unknown';

export interface FuzzLine {
  bytes: Buffer;
  category: string;
  fate: Fate;
}

export interface FuzzFile {
  name: string;
  gzip: boolean;
  lines: FuzzLine[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The fate the bytes alone decide, as documented: a trailing CR (of CRLF) is
 * dropped; over 1 MiB is skipped as enormous; invalid UTF-8 or NUL as binary
 * (a U+FFFD already in the text marks the same damage done upstream).
 */
export function byteFate(bytes: Buffer): 'binary' | 'enormous' | null {
  const body = bytes.at(-1) === 13 ? bytes.subarray(0, -1) : bytes;
  if (body.length > MAX_LINE_BYTES) return 'enormous';
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    return 'binary';
  }
  return text.includes('\u0000') || text.includes('\uFFFD') ? 'binary' : null;
}

/** A line can carry no LF (it would be two lines): a mutation's LF becomes VT. */
function line(bytes: Buffer, category: string, fate: Exclude<Fate, 'binary' | 'enormous'>): FuzzLine {
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) bytes[i] = 11;
  return { bytes, category, fate: byteFate(bytes) ?? fate };
}

interface SampleSource {
  /** Under samples/. */
  path: string;
  mta: Mta;
  gzip: boolean;
  /** Where a field (recipient, sender, diagnostic) starts: a payload goes right after the match. */
  slots: RegExp[];
  /** The line's stamp, and impossible ones in its form; none for TAI64N, whose every label is a time. */
  stamp: RegExp | null;
  impossible: string[];
  /** A stamp in its form, of a time far past any log (a flipped bit in a label's high digits); none for RFC 3164, which has no year. */
  far: [RegExp, string] | null;
}

const BSD_IMPOSSIBLE = ['Feb 30 18:46:43', 'Apr 31 18:46:43', 'Nov 22 25:46:43', 'Nov 22 18:61:43', 'Nov 31 23:59:59'];
const ISO_IMPOSSIBLE = ['2026-02-30 18:46:43', '2026-04-31 18:46:43', '2026-13-01 18:46:43', '2026-11-22 25:46:43', '0000-11-22 18:46:43'];
const BSD_STAMP = /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d/;
const ISO_STAMP = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/;
const FAR_YEAR: [RegExp, string] = [/^\d{4}/, '9999'];
const FAR_LABEL: [RegExp, string] = [/^@[0-9a-f]{8}/, '@7fffffff'];
const QMAIL_SLOTS = [/ failure: /, / deferral: /, / to (?:remote|local) /, / from </, / rcpt </, / 451 /];

export const SOURCES: SampleSource[] = [
  { path: 'postfix/syslog-rfc3164.log', mta: 'postfix', gzip: false, slots: [/ to=</, / from=</, / status=\w+ \(/, / said: /], stamp: BSD_STAMP, impossible: BSD_IMPOSSIBLE, far: null },
  { path: 'exim/mainlog', mta: 'exim', gzip: true, slots: [/ \*\* /, / == /, / <= /, / F=</, /after RCPT TO:<[^>]*>: /], stamp: ISO_STAMP, impossible: ISO_IMPOSSIBLE, far: FAR_YEAR },
  { path: 'qmail/qmail-send.multilog', mta: 'qmail', gzip: false, slots: QMAIL_SLOTS, stamp: null, impossible: [], far: FAR_LABEL },
  { path: 'qmail/qmail-smtpd.multilog', mta: 'qmail', gzip: true, slots: QMAIL_SLOTS, stamp: null, impossible: [], far: FAR_LABEL },
  { path: 'qmail/qmail-send.tai64nlocal.log', mta: 'qmail', gzip: true, slots: QMAIL_SLOTS, stamp: ISO_STAMP, impossible: ISO_IMPOSSIBLE, far: FAR_YEAR },
  { path: 'qmail/qmail-send.splogger.log', mta: 'qmail', gzip: false, slots: QMAIL_SLOTS, stamp: BSD_STAMP, impossible: BSD_IMPOSSIBLE, far: [/(qmail: )\d+/, '$1999999999999'] },
];

interface PoolLine {
  text: string;
  /** Its kind read alone by a fresh parser: recognised and foreign lines are so wherever they stand. */
  fate: 'recognised' | 'foreign' | 'unknown';
}

function loadPool(source: SampleSource): PoolLine[] {
  const texts = readFileSync(join(ROOT, 'samples', source.path), 'utf8').split('\n').filter((t) => t !== '');
  return texts.map((text) => {
    const parser = PARSERS[source.mta]();
    parser.beginSource(clockFromReference(new Date(2026, 11, 31), 2026));
    const kind: LineKind = parser.parseLine(text, 1, [] as MailEvent[]);
    return { text, fate: kind === 'malformed' ? 'unknown' : kind };
  });
}

export const CSV_HOSTILE = [
  "=cmd|' /C calc'!A0", '+1', '-1', '@SUM(1+1)*cmd', '=1+1', '＝1+1', '＋1', '－1', '＠SUM(A1)', ' =1+1', '\t=1+1', '\r=1+1',
  'a\r=1+1', '"quoted", "x"', 'a,b,c', 'tab\tinside', "'already quoted", '=HYPERLINK("http://198.51.100.9/x","y")',
];
const HTML = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg/onload=alert(1)>', '&lt;b&gt;&#0;</td>'];
const ESCAPES = ['\x1b[2J\x1b]0;pwned\x07', '\x1b[31mred\x1b[0m', '\x1b[1A\x1b[2K', '\u009b31m', '\x1bP+q\x1b\\'];
/** Controls that stay valid UTF-8 (NUL and LF have their own fates). */
const C0 = [...Array(32).keys()].filter((c) => c !== 0 && c !== 10).concat(127);
const INVALID_UTF8 = [[0xff], [0xc3, 0x28], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0x80], [0xfe, 0xfe]];
const MULTIBYTE = 'Empfänger unbekannt – 用户不存在 – Адресат неизвестен';

interface Context {
  rand: Random;
  source: SampleSource;
  pool: PoolLine[];
  /** Pool lines with a field slot. */
  slotted: PoolLine[];
  previous: FuzzLine | null;
}

/** `payload` right after one of the line's field slots (a recipient, sender or diagnostic). */
function inject(ctx: Context, payload: string, category: string): FuzzLine {
  const base = pick(ctx.rand, ctx.slotted).text;
  const slots = ctx.source.slots.map((re) => re.exec(base)).filter((m) => m !== null);
  const m = pick(ctx.rand, slots);
  const at = m.index + m[0].length;
  return line(Buffer.from(base.slice(0, at) + payload + base.slice(at)), category, 'unknown');
}

/** 10 KiB to 1 MiB (log-uniform) of letters, or letters with '@', or with digits: what masking must get through. */
function longToken(rand: Random, bytes: number): string {
  const alphabet = pick(rand, ['abcdefghijklmnopqrstuvwxyz', 'abcdefghij@klmnop.qrstuvwxyz', 'abc0123456789def']);
  const chars = new Array<string>(bytes);
  for (let i = 0; i < bytes; i++) chars[i] = alphabet[Math.floor(rand() * alphabet.length)];
  return chars.join('');
}

/** A line padded at its first field slot (most such lines are failures) to `total` bytes of `unit`. */
function padded(ctx: Context, total: number, unit: string, category: string): FuzzLine {
  const text = pick(ctx.rand, ctx.slotted).text;
  const m = ctx.source.slots.map((re) => re.exec(text)).find((x) => x !== null)!;
  const head = Buffer.from(text.slice(0, m.index + m[0].length));
  const tail = Buffer.from(text.slice(m.index + m[0].length));
  const room = total - head.length - tail.length;
  const unitBytes = Buffer.byteLength(unit);
  // Whole characters only: the line stays valid UTF-8 whatever the unit.
  const filler = Buffer.from(unit.repeat(Math.floor(room / unitBytes)) + 'x'.repeat(room % unitBytes));
  return line(Buffer.concat([head, filler, tail]), category, 'unknown');
}

function mutateBytes(ctx: Context, category: string, edit: (bytes: Buffer, rand: Random) => Buffer): FuzzLine {
  return line(edit(Buffer.from(pick(ctx.rand, ctx.pool).text), ctx.rand), category, 'unknown');
}

function insertAt(bytes: Buffer, at: number, extra: Buffer): Buffer {
  return Buffer.concat([bytes.subarray(0, at), extra, bytes.subarray(at)]);
}

type Producer = (ctx: Context) => FuzzLine[] | null;

/** Each category, its weight per 1,000 lines, and whether FUZZ_LONG scales it. */
export const CATEGORIES: Record<string, { weight: number; long?: boolean; make: Producer }> = {
  sample: {
    weight: 400,
    make: ({ rand, pool }) => {
      const start = int(rand, 0, pool.length - 1);
      return pool.slice(start, start + int(rand, 1, 20)).map((p) => line(Buffer.from(p.text), 'sample', p.fate));
    },
  },
  duplicate: { weight: 20, make: ({ previous }) => (previous ? [{ ...previous, bytes: Buffer.from(previous.bytes), category: 'duplicate' }] : null) },
  shuffle: {
    weight: 30,
    make: ({ rand, pool }) => {
      const start = int(rand, 0, pool.length - 8);
      const window = pool.slice(start, start + int(rand, 2, 8));
      for (let i = window.length - 1; i > 0; i--) {
        const j = int(rand, 0, i);
        [window[i], window[j]] = [window[j], window[i]];
      }
      return window.map((p) => line(Buffer.from(p.text), 'shuffle', p.fate));
    },
  },
  'bit-flip': {
    weight: 80,
    make: (ctx) => [
      mutateBytes(ctx, 'bit-flip', (b, rand) => {
        for (let n = int(rand, 1, 4); n > 0; n--) b[int(rand, 0, b.length - 1)] ^= 1 << int(rand, 0, 7);
        return b;
      }),
    ],
  },
  'byte-insert': {
    weight: 60,
    make: (ctx) => [mutateBytes(ctx, 'byte-insert', (b, rand) => insertAt(b, int(rand, 0, b.length), Buffer.from(Array.from({ length: int(rand, 1, 16) }, () => int(rand, 0, 255)))))],
  },
  truncate: { weight: 60, make: (ctx) => [mutateBytes(ctx, 'truncate', (b, rand) => b.subarray(0, int(rand, 0, b.length - 1)))] },
  'truncate-mid-utf8': {
    weight: 20,
    make: (ctx) => {
      const whole = inject(ctx, `${MULTIBYTE} `, 'truncate-mid-utf8').bytes;
      // Inside a multi-byte sequence: after a lead byte, before its continuation bytes.
      const leads = [...whole.keys()].filter((i) => whole[i] >= 0xc0 && i + 1 < whole.length);
      return [line(whole.subarray(0, pick(ctx.rand, leads) + 1), 'truncate-mid-utf8', 'unknown')];
    },
  },
  'invalid-utf8': { weight: 40, make: (ctx) => [mutateBytes(ctx, 'invalid-utf8', (b, rand) => insertAt(b, int(rand, 0, b.length), Buffer.from(pick(rand, INVALID_UTF8))))] },
  nul: { weight: 30, make: (ctx) => [mutateBytes(ctx, 'nul', (b, rand) => insertAt(b, int(rand, 0, b.length), Buffer.alloc(int(rand, 1, 3))))] },
  'nul-only': { weight: 1, make: () => [line(Buffer.alloc(1), 'nul-only', 'unknown')] },
  'c0-control': {
    weight: 40,
    make: (ctx) => [mutateBytes(ctx, 'c0-control', (b, rand) => insertAt(b, int(rand, 0, b.length - 1), Buffer.from([pick(rand, C0)])))],
  },
  'lone-cr': { weight: 30, make: (ctx) => [inject(ctx, pick(ctx.rand, ['a\rb ', '\r', 'x\r=1+1 ', '\r\r']), 'lone-cr')] },
  escape: { weight: 30, make: (ctx) => [inject(ctx, pick(ctx.rand, ESCAPES), 'escape')] },
  'csv-hostile': { weight: 80, make: (ctx) => [inject(ctx, pick(ctx.rand, CSV_HOSTILE), 'csv-hostile')] },
  html: { weight: 20, make: (ctx) => [inject(ctx, pick(ctx.rand, HTML), 'html')] },
  'impossible-stamp': {
    weight: 20,
    make: ({ rand, pool, source }) => {
      if (!source.stamp) return null;
      const stamp = source.stamp;
      const candidates = pool.filter((p) => stamp.test(p.text));
      if (candidates.length === 0) return null;
      const text = pick(rand, candidates).text.replace(stamp, pick(rand, source.impossible));
      return [line(Buffer.from(text), 'impossible-stamp', 'malformed')];
    },
  },
  'far-stamp': {
    weight: 2,
    // On lines with a field slot: most make events, and an event carries the time to the database.
    make: ({ rand, slotted, source }) => {
      if (!source.far) return null;
      const [stamp, far] = source.far;
      const candidates = slotted.filter((p) => stamp.test(p.text));
      return candidates.length ? [line(Buffer.from(pick(rand, candidates).text.replace(stamp, far)), 'far-stamp', 'unknown')] : null;
    },
  },
  'long-token': {
    weight: 1,
    long: true,
    make: (ctx) => [inject(ctx, `${longToken(ctx.rand, Math.round(10240 * Math.pow(102.4, ctx.rand())))} `, 'long-token')],
  },
  'limit-under': { weight: 0.2, long: true, make: (ctx) => [padded(ctx, MAX_LINE_BYTES - int(ctx.rand, 0, 64), pick(ctx.rand, ['x', 'word ', 'a@b.c ']), 'limit-under')] },
  'limit-over': { weight: 0.2, long: true, make: (ctx) => [padded(ctx, MAX_LINE_BYTES + int(ctx.rand, 1, 64), pick(ctx.rand, ['x', 'word ']), 'limit-over')] },
  // Over 1 MiB in bytes, under it in characters.
  'limit-over-multibyte': { weight: 0.1, long: true, make: (ctx) => [padded(ctx, MAX_LINE_BYTES + int(ctx.rand, 1, 4096), 'é', 'limit-over-multibyte')] },
};

export interface Mix {
  seed: number;
  lines: number;
  /** Scales the weight of the long categories (long tokens, lines at the 1 MiB limit); 0 leaves them out. */
  long: number;
  /** Categories left out, to look past a known failure. */
  skip?: string[];
}

/** Untouched lines that open each file, so the format is detected from real lines. */
const HEAD_LINES = 10;

function contextFor(source: SampleSource, pool: PoolLine[], rand: Random): Context {
  return { rand, source, pool, slotted: pool.filter((p) => source.slots.some((re) => re.test(p.text))), previous: null };
}

const untouched = (pool: PoolLine[]) => pool.slice(0, HEAD_LINES).map((p) => line(Buffer.from(p.text), 'sample', p.fate));

function generateFile(source: SampleSource, count: number, rand: Random, mix: Mix): FuzzFile {
  const ctx = contextFor(source, loadPool(source), rand);
  const weights = Object.entries(CATEGORIES)
    .map(([name, c]) => ({ name, make: c.make, weight: mix.skip?.includes(name) ? 0 : c.weight * (c.long ? mix.long : 1) }))
    .filter((c) => c.weight > 0);
  const total = weights.reduce((a, c) => a + c.weight, 0);
  const lines = untouched(ctx.pool);
  const add = (made: FuzzLine[] | null) => {
    for (const l of made ?? []) lines.push(l);
    ctx.previous = lines.at(-1) ?? null;
  };
  // Every category at least once, so a small run still covers them all.
  for (const c of weights) add(c.make(ctx));
  while (lines.length < count) {
    let r = rand() * total;
    const c = weights.find((w) => (r -= w.weight) < 0) ?? weights[0];
    add(c.make(ctx));
  }
  return { name: basename(source.path), gzip: source.gzip, lines: lines.slice(0, count) };
}

/**
 * Sample lines whose kind is certain, and the same lines with impossible
 * stamps: in a file of their own, their malformed count is exact, not lost
 * among the mutations whose fate only the parser knows.
 */
function generateStampFile(source: SampleSource, count: number, rand: Random): FuzzFile {
  const ctx = contextFor(source, loadPool(source).filter((p) => p.fate !== 'unknown'), rand);
  const lines = untouched(ctx.pool);
  while (lines.length < count) {
    const made = rand() < 0.8 ? CATEGORIES['impossible-stamp'].make(ctx) : CATEGORIES.sample.make(ctx);
    lines.push(...(made ?? []));
  }
  return { name: `${basename(source.path)}.stamps`, gzip: false, lines: lines.slice(0, count) };
}

/** `mix.lines` lines over files made from each sample source, plain and gzip. */
export function generateCorpus(mix: Mix): FuzzFile[] {
  const rand = mulberry32(mix.seed);
  const stamped = SOURCES.filter((s) => s.stamp !== null);
  const perStampFile = Math.min(100, Math.floor(mix.lines / 20));
  const rest = mix.lines - perStampFile * stamped.length;
  const per = Math.floor(rest / SOURCES.length);
  return [
    ...SOURCES.map((source, i) => generateFile(source, per + (i < rest % SOURCES.length ? 1 : 0), rand, mix)),
    ...stamped.map((source) => generateStampFile(source, perStampFile, rand)),
  ];
}

export interface Range {
  min: number;
  max: number;
}

/** What ingest must count for these lines: exact for lines, binary and enormous; a range for the rest. */
export interface Expected {
  lines: number;
  kinds: Record<Kind, Range>;
  /** The categories of the lines whose kind is certain, so a miscount names its suspects. */
  categories: Record<Kind, Record<string, number>>;
}

export function expectedCounts(lines: FuzzLine[]): Expected {
  const certain = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
  const categories = Object.fromEntries(KINDS.map((k) => [k, {}])) as Expected['categories'];
  let unknown = 0;
  for (const l of lines) {
    if (l.fate === 'unknown') {
      unknown++;
    } else {
      certain[l.fate]++;
      categories[l.fate][l.category] = (categories[l.fate][l.category] ?? 0) + 1;
    }
  }
  const open = new Set<Kind>(['recognised', 'foreign', 'malformed']);
  const kinds = Object.fromEntries(KINDS.map((k) => [k, { min: certain[k], max: certain[k] + (open.has(k) ? unknown : 0) }])) as Record<Kind, Range>;
  return { lines: lines.length, kinds, categories };
}
