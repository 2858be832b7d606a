import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, SAMPLES, tempDir } from './helpers.js';

const MAINLOG = join(SAMPLES, 'exim', 'mainlog');
const byHost = (db: string) => cli(['report', '--db', db, '--tz', 'UTC', '--by', 'host', '--format', 'csv']).stdout.split('\r\n').filter((l) => l !== '');

describe('ingest --host', () => {
  it("files the lines of Exim's own log, which name no host, under the host given", () => {
    const db = join(tempDir(), 'm.db');
    expect(cli(['ingest', '--db', db, '--host', 'mx2.example.net', MAINLOG]).status).toBe(0);
    expect(byHost(db)).toEqual(['host,count,share', 'mx2.example.net,53,1']);
  });

  it('leaves them unnamed without it', () => {
    const db = join(tempDir(), 'm.db');
    expect(cli(['ingest', '--db', db, MAINLOG]).status).toBe(0);
    expect(byHost(db)).toEqual(['host,count,share', ',53,1']);
  });

  it("keeps two hosts' logs that begin alike apart, and reads each host's again as nothing new", () => {
    const db = join(tempDir(), 'm.db');
    for (const host of ['mx1.example.net', 'mx2.example.net', 'mx1.example.net']) expect(cli(['ingest', '--db', db, '--host', host, MAINLOG]).status).toBe(0);
    expect(byHost(db)).toEqual(['host,count,share', 'mx1.example.net,53,0.5', 'mx2.example.net,53,0.5']);
  });

  it('refuses what is no host name, before reading anything', () => {
    const run = cli(['ingest', '--db', join(tempDir(), 'm.db'), '--host', 'mx1; rm', MAINLOG]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('maillog: --host takes a host name, such as mx1.example.net\n');
  });
});
