// A gzip with a bad CRC, trailing garbage or a cut keeps every whole line
// decoded before the fault, as `gzip -dc` writes them, and reports the fault.

import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { cli, SAMPLES, tempDir } from '../helpers.js';

// Larger than zlib's output chunk of 256 KiB, so that a lost chunk shows.
const LOG = readFileSync(join(SAMPLES, 'postfix', 'syslog-rfc3164.log'), 'utf8').repeat(8);
const GZ = gzipSync(LOG);

/** Whole lines of the intact archive, counted as `gzip -dc | wc -l` counts them. */
const WHOLE_LINES = gunzipSync(GZ).toString('utf8').split('\n').length - 1;

function ingestGzip(bytes: Buffer) {
  const dir = tempDir();
  const path = join(dir, 'mail.log.2.gz');
  writeFileSync(path, bytes);
  return { path, ...cli(['ingest', '--db', join(dir, 'm.db'), '--year', '2026', path]) };
}

const linesIngested = (stderr: string) => Number(/ingested 1 file: (\d+) lines/.exec(stderr)?.[1]);

describe('a gzip with a fault after its data', () => {
  it('keeps every line before a bad CRC and reports a corrupt archive', () => {
    const bad = Buffer.from(GZ);
    bad[bad.length - 6] ^= 0xff; // in the CRC-32 of the trailer
    const run = ingestGzip(bad);
    expect(WHOLE_LINES).toBeGreaterThan(4000);
    expect(linesIngested(run.stderr)).toBe(WHOLE_LINES);
    expect(run.stderr).toContain(`${run.path}: corrupt gzip (incorrect data check); the ${WHOLE_LINES} lines before it were ingested`);
    expect(run.status).toBe(1);
  });

  it('keeps every line before a wrong length and reports a corrupt archive', () => {
    const bad = Buffer.from(GZ);
    bad[bad.length - 1] ^= 0x01;
    const run = ingestGzip(bad);
    expect(linesIngested(run.stderr)).toBe(WHOLE_LINES);
    expect(run.stderr).toContain('corrupt gzip (incorrect length check)');
    expect(run.status).toBe(1);
  });

  it('keeps every line before trailing garbage and reports it', () => {
    const run = ingestGzip(Buffer.concat([GZ, Buffer.from('garbage after the archive\n')]));
    expect(linesIngested(run.stderr)).toBe(WHOLE_LINES);
    expect(run.stderr).toContain('corrupt gzip (trailing garbage after the compressed data)');
    expect(run.status).toBe(1);
  });

  it('takes zeros after the archive for padding', () => {
    const run = ingestGzip(Buffer.concat([GZ, Buffer.alloc(1024)]));
    expect(linesIngested(run.stderr)).toBe(WHOLE_LINES);
    expect(run.status).toBe(0);
  });

  it('reads every member of a multi-member archive', () => {
    const half = LOG.indexOf('\n', LOG.length / 2) + 1;
    const run = ingestGzip(Buffer.concat([gzipSync(LOG.slice(0, half)), gzipSync(LOG.slice(half))]));
    expect(linesIngested(run.stderr)).toBe(WHOLE_LINES);
    expect(run.status).toBe(0);
  });

  it('reads the header gzip(1) writes, with the file name in it', () => {
    const dir = tempDir();
    const plain = join(dir, 'mail.log.2');
    writeFileSync(plain, LOG);
    const gz = spawnSync('gzip', ['-c', plain]).stdout;
    expect(gz[3] & 8).toBe(8); // FNAME
    const run = ingestGzip(gz);
    expect(linesIngested(run.stderr)).toBe(WHOLE_LINES);
    expect(run.status).toBe(0);
  });

  it('reports a cut in the trailer as a truncated archive, after every line', () => {
    const run = ingestGzip(GZ.subarray(0, GZ.length - 3));
    expect(linesIngested(run.stderr)).toBe(WHOLE_LINES);
    expect(run.stderr).toContain('truncated gzip');
    expect(run.status).toBe(1);
  });
});
