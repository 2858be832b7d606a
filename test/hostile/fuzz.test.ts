// Issue 12's fuzzer on a small fixed corpus: hostile lines made from the
// samples go through the built CLI's ingest, exports and reports; the same
// generator and checks as `npm run fuzz`, which runs 100,000 lines.

import { beforeAll, describe, expect, it } from 'vitest';
import { byteFate, CATEGORIES, generateCorpus, type FuzzFile } from '../../fuzz/mutate.js';
import { runFuzz, type Check, type FuzzResult } from '../../fuzz/check.js';
import { MAX_LINE_BYTES } from '../../src/read/source-protocol.js';
import { tempDir } from '../helpers.js';

const MIX = { seed: 12, lines: 3000, long: 1 };
const bytesOf = (files: FuzzFile[]) => files.flatMap((f) => f.lines.map((l) => l.bytes.toString('hex')));

describe('the hostile line generator', () => {
  it('writes the same lines for the same seed and others for another', () => {
    const small = { ...MIX, lines: 600, long: 0 };
    expect(bytesOf(generateCorpus(small))).toEqual(bytesOf(generateCorpus(small)));
    expect(bytesOf(generateCorpus({ ...small, seed: 13 }))).not.toEqual(bytesOf(generateCorpus(small)));
  });

  it('puts every category in a run, and none of the long ones when their share is 0', () => {
    const categories = (files: FuzzFile[]) => new Set(files.flatMap((f) => f.lines.map((l) => l.category)));
    const all = generateCorpus({ ...MIX, lines: 600 });
    expect([...categories(all)].sort()).toEqual(Object.keys(CATEGORIES).sort());
    const short = categories(generateCorpus({ ...MIX, lines: 600, long: 0 }));
    expect(Object.keys(CATEGORIES).filter((c) => CATEGORIES[c].long && short.has(c))).toEqual([]);
  });

  it('knows a line is binary from NUL or invalid UTF-8, and enormous from its bytes past 1 MiB', () => {
    expect(byteFate(Buffer.from('Nov 22 21:22:16 vm postfix/smtp[844]: ok ＝1+1\r'))).toBeNull();
    expect(byteFate(Buffer.from([0x61, 0x00, 0x62]))).toBe('binary');
    expect(byteFate(Buffer.from([0x61, 0xc3]))).toBe('binary');
    expect(byteFate(Buffer.from([0x61, 0xed, 0xa0, 0x80]))).toBe('binary');
    expect(byteFate(Buffer.alloc(MAX_LINE_BYTES, 'x'))).toBeNull();
    expect(byteFate(Buffer.from(`${'x'.repeat(MAX_LINE_BYTES)}\r`))).toBeNull();
    expect(byteFate(Buffer.from('é'.repeat(MAX_LINE_BYTES / 2 + 1)))).toBe('enormous');
  });
});

describe('maillog on 3,000 hostile lines (seed 12)', () => {
  let result: FuzzResult;
  beforeAll(() => {
    result = runFuzz({ ...MIX, dir: tempDir(true), timeoutMs: 60_000 });
  }, 300_000);
  const about = (check: Check) => result.failures.filter((f) => f.check === check).map((f) => f.message);

  it('ends every command with exit 0, within its time, and no stack trace', () => {
    expect(about('commands')).toEqual([]);
  });

  it('counts every line once: the exact binary and over-1-MiB lines, untouched lines recognised', () => {
    expect(about('counts')).toEqual([]);
    expect(result.got?.binary).toBeGreaterThan(0);
    expect(result.got?.enormous).toBeGreaterThan(0);
  });

  it('exports a CSV that reads back as the NDJSON, cell for cell, with no formula left', () => {
    expect(about('exports')).toEqual([]);
    expect(result.events).toBeGreaterThan(0);
  });

  it('writes reports in CSV and JSON that read back', () => {
    expect(about('reports')).toEqual([]);
  });
});
