// The order a run reads its inputs in: oldest content first, so that a
// message's start is read before its end (rotated files: mail.log.2.gz,
// mail.log.1, mail.log). A file's age is the stamp of its first line, not its
// modification time, which logrotate's compression resets. A file whose first
// lines carry no readable stamp goes by its modification time; stdin comes last.

import { gunzipSync, constants } from 'node:zlib';
import { detectFormat } from '../../parsers/detect.js';
import { PARSERS } from '../../parsers/registry.js';
import { clockFromReference } from '../../parsers/syslog.js';
import { readHead, type Input } from './open-input.js';

/** Enough of a file to find a stamp in its first lines, compressed or not. */
const PEEK_BYTES = 16 * 1024;

function text(head: Buffer): string {
  if (head[0] !== 0x1f || head[1] !== 0x8b) return head.toString('utf8');
  try {
    // A partial flush reads what the first compressed bytes hold.
    return gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH }).toString('utf8');
  } catch {
    return '';
  }
}

async function firstStamp(input: Input, year: number | undefined): Promise<number> {
  const lines = text(await readHead(input.name, PEEK_BYTES)).split('\n');
  const format = lines.map(detectFormat).find((f) => f !== null);
  if (!format) return NaN;
  const parser = PARSERS[format]();
  parser.beginSource(clockFromReference(input.mtime, year));
  for (const line of lines) {
    const time = parser.timeOf(line);
    if (!Number.isNaN(time)) return time;
  }
  return NaN;
}

export async function oldestFirst(inputs: Input[], year: number | undefined): Promise<Input[]> {
  const keyed: { input: Input; i: number; key: number }[] = [];
  // One file open at a time: a run may name thousands (mail.log.*), more than a process may hold open.
  for (const [i, input] of inputs.entries()) {
    // What is peeked at in a stream is gone: streams are not peeked at, and come last.
    const stamp = input.kind === 'file' ? await firstStamp(input, year) : NaN;
    keyed.push({ input, i, key: input.kind !== 'file' ? Infinity : Number.isNaN(stamp) ? input.mtime.getTime() : stamp });
  }
  return keyed.sort((a, b) => a.key - b.key || a.i - b.i).map((k) => k.input);
}
