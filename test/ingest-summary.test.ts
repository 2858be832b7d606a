// The line ingest ends with: counts in words, a rate only where it means something.

import { describe, expect, it } from 'vitest';
import { summaryLine } from '../src/commands/ingest.js';
import { emptyReport, type IngestSummary, type SourceReport } from '../src/ingest.js';

function source(name: string, read: Partial<SourceReport> = {}): SourceReport {
  return { ...emptyReport(name), format: 'postfix', ...read };
}

const run = (sources: SourceReport[], seconds: number): IngestSummary => ({ sources, seconds, pruned: 0, evictedIds: 0 });

describe('ingest summary line', () => {
  it('says one of each in the singular', () => {
    const one = source('mail.log', { newBytes: 4_000_000, lines: 1, recognised: 1, foreign: 1, failures: 1, deliveries: 1 });
    expect(summaryLine(run([one], 2))).toBe('ingested 1 file: 1 line (1 recognised, 1 other program, 0 skipped), 1 failure, 1 delivery in 2.0 s, 2.0 MB/s');
  });

  it('leaves out a rate under 0.1 MB/s', () => {
    const small = source('mail.log', { newBytes: 90_000, lines: 800, recognised: 800, failures: 3, deliveries: 2 });
    expect(summaryLine(run([small], 1))).toBe('ingested 1 file: 800 lines (800 recognised, 0 other programs, 0 skipped), 3 failures, 2 deliveries in 1.0 s');
  });

  it('says once that a run added nothing, however many files it looked at', () => {
    const unchanged = Array.from({ length: 11 }, (_, i) => source(`mail.log.${i}`, { resumedAt: 1000 }));
    expect(summaryLine(run(unchanged, 0.1))).toBe('nothing new in 11 files');
    expect(summaryLine(run([source('-')], 0))).toBe('nothing new in 1 file');
  });

  it('counts a file that could not be read as no run that added nothing', () => {
    const failed = source('mail.log', { problem: 'permission denied' });
    expect(summaryLine(run([failed], 0))).toMatch(/^ingested 1 file: 0 lines /);
  });
});
