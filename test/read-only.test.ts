// Commands that only read leave nothing beside a database they did not write.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, SAMPLES, tempDir } from './helpers.js';

describe('a read', () => {
  const reads = [
    ['report'],
    ['report', '--format', 'html'],
    ['export'],
    ['export', '--what', 'aggregates'],
    ['status'],
    ['check'],
    ['metrics'],
    ['unclassified'],
    ['explain', '550'],
  ];

  it.each(reads.map((args) => [args.join(' '), args] as const))('%s leaves no -wal or -shm file beside the database', (_name, args) => {
    const dir = tempDir();
    const db = join(dir, 'maillog.db');
    expect(cli(['ingest', '--db', db, join(SAMPLES, 'exim', 'mainlog')]).status).toBe(0);
    expect(readdirSync(dir)).toEqual(['maillog.db']);

    const run = cli([...args, '--db', db]);
    expect(run.stderr).toBe('');
    expect(readdirSync(dir)).toEqual(['maillog.db']);
  });
});
