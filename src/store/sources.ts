// Sources are known by their host and their content: a hash of the first
// bytes. A file read again, renamed by rotation, or grown since the last run
// maps to the same row, and its offset says where new content starts. Two
// hosts' logs that begin alike (Exim's lines name no host) stay apart.

import { createHash } from 'node:crypto';
import type { Db } from './database.js';

export interface SourceCounts {
  lines: number;
  recognised: number;
  foreign: number;
  skipped: number;
  failures: number;
  deliveries: number;
}

export interface SourceRow extends SourceCounts {
  id: number;
  path: string;
  headLength: number;
  headHash: string;
  format: string | null;
  offset: number;
  /** UTC ISO 8601 times of the earliest and latest failure or delivery read from it; null while there is none. */
  firstTime: string | null;
  lastTime: string | null;
}

export function hashHead(head: Buffer): string {
  return createHash('sha256').update(head).digest('hex');
}

const COLUMNS = `id, path, head_length AS headLength, head_hash AS headHash, format, "offset", lines,
  lines_recognised AS recognised, lines_foreign AS "foreign", lines_skipped AS skipped, failures, deliveries, first_time AS firstTime, last_time AS lastTime`;

export class SourceStore {
  private readonly lengths;
  private readonly byHead;
  private readonly insert;
  private readonly update;

  /** @param origin the host whose logs are read (sources.origin) */
  constructor(
    db: Db,
    private readonly origin: string,
  ) {
    this.lengths = db.prepare('SELECT DISTINCT head_length AS n FROM sources WHERE origin = ? AND head_length <= ? ORDER BY n DESC').pluck();
    this.byHead = db.prepare(`SELECT ${COLUMNS} FROM sources WHERE origin = ? AND head_length = ? AND head_hash = ?`);
    this.insert = db.prepare(`INSERT INTO sources (origin, path, head_length, head_hash, format, "offset", lines, lines_recognised,
      lines_foreign, lines_skipped, failures, deliveries, first_ingest, last_ingest, counted_apart)
      VALUES (@origin, @path, @headLength, @headHash, @format, 0, 0, 0, 0, 0, 0, 0, @now, @now, 1) RETURNING id`).pluck();
    this.update = db.prepare(`UPDATE sources SET path = @path, head_length = @headLength, head_hash = @headHash,
      format = @format, "offset" = @offset, lines = @lines, lines_recognised = @recognised, lines_foreign = @foreign,
      lines_skipped = @skipped, failures = @failures, deliveries = @deliveries, first_time = @firstTime, last_time = @lastTime,
      last_ingest = @now WHERE id = @id`);
  }

  /** The known source whose recorded head is a prefix of this content's head, longest first. */
  find(head: Buffer): SourceRow | null {
    for (const length of this.lengths.all(this.origin, head.length) as number[]) {
      const row = this.byHead.get(this.origin, length, hashHead(head.subarray(0, length))) as SourceRow | undefined;
      if (row) return row;
    }
    return null;
  }

  create(path: string, head: Buffer, format: string | null, now: string): SourceRow {
    const headHash = hashHead(head);
    const id = Number(this.insert.get({ origin: this.origin, path, headLength: head.length, headHash, format, now }));
    return { id, path, headLength: head.length, headHash, format, offset: 0, lines: 0, recognised: 0, foreign: 0, skipped: 0, failures: 0, deliveries: 0, firstTime: null, lastTime: null };
  }

  save(source: SourceRow, now: string): void {
    this.update.run({ ...source, now });
  }
}
