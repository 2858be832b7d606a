// An input (a file path or '-' for stdin) as a stream of its content: gzip is
// recognised by its magic bytes, not by the file name.

import { constants, createReadStream, fstatSync, type Stats } from 'node:fs';
import { access, open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { UserError } from '../errors.js';
import { GzipReader } from './gunzip.js';

export interface Input {
  /** As given on the command line; '-' is stdin. */
  name: string;
  /** Modification time, the reference for RFC 3164 years; now for a stream. */
  mtime: Date;
  /** Size on disk, for progress; null for a stream. */
  size: number | null;
  /**
   * A stream (a pipe such as `<(...)`, a FIFO, a device) or stdin (`-`, or a name of it such
   * as /dev/stdin) cannot seek, and what is read of it is gone: it is read once, from its
   * start, and an unterminated last line is not held for a next run.
   */
  kind: 'file' | 'stream' | 'stdin';
}

/** Whether a stat is of this process's stdin, which only the process.stdin stream may read (it can be a socket). */
function isOwnStdin(s: Stats): boolean {
  try {
    const own = fstatSync(0);
    return own.dev === s.dev && own.ino === s.ino;
  } catch {
    return false; // stdin closed
  }
}

const GZIP_MAGIC = [0x1f, 0x8b];

/**
 * Check every input before anything is read, so a typo costs nothing. A
 * directory stands for the files directly in it (not dot files), by name.
 */
export async function checkInputs(names: string[]): Promise<Input[]> {
  const inputs: Input[] = [];
  for (const name of names) {
    if (name === '-') {
      inputs.push({ name, mtime: new Date(), size: null, kind: 'stdin' });
      continue;
    }
    try {
      const s = await stat(name);
      if (s.isDirectory()) {
        const files = (await readdir(name, { withFileTypes: true })).filter((e) => e.isFile() && !e.name.startsWith('.'));
        inputs.push(...(await checkInputs(files.map((e) => join(name, e.name)).sort())));
        continue;
      }
      if (!s.isFile()) {
        // Opening a pipe to check it could take its writer's only reader away.
        await access(name, constants.R_OK);
        inputs.push({ name, mtime: new Date(), size: null, kind: isOwnStdin(s) ? 'stdin' : 'stream' });
        continue;
      }
      const handle = await open(name, 'r');
      await handle.close();
      inputs.push({ name, mtime: s.mtime, size: s.size, kind: 'file' });
    } catch (error) {
      if (error instanceof UserError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
      throw new UserError(`cannot read ${name}: ${reason}`);
    }
  }
  return inputs;
}

export interface OpenedInput {
  /** The content from `start.offset` on when `start` is set, else from its beginning. */
  content: Readable;
  gzip: boolean;
  /** For plain files: the head, read directly, and the offset the content stream starts at. */
  start: { head: Buffer; offset: number } | null;
  /** Why the content ended early (a truncated or corrupt gzip), once it has ended. */
  problem(): string | null;
  /** Bytes of the file on disk read so far, resumed ones included, for progress; 0 for stdin. */
  bytesRead(): number;
}

const STREAM_CHUNK = 256 * 1024;

/**
 * Where to start reading a content, given its head; `size` is a plain file's
 * size now (a file shorter than what was read of it before was truncated),
 * null for compressed content and stdin.
 */
export type ResumeAt = (head: Buffer, size: number | null) => number | Promise<number>;

/**
 * The decompressed content of an input. A plain file is opened at the offset
 * `resumeAt` gives for its head, so a grown log costs only its new bytes;
 * compressed content and streams must be read from the start.
 */
export async function openInput(input: Input, headBytes: number, resumeAt: ResumeAt): Promise<OpenedInput> {
  if (input.kind === 'file') {
    const head = await readHead(input.name, headBytes);
    if (!isGzip(head)) {
      const offset = await resumeAt(head, (await stat(input.name)).size);
      const content = createReadStream(input.name, { start: offset, highWaterMark: STREAM_CHUNK });
      return { content, gzip: false, start: { head, offset }, problem: () => null, bytesRead: () => offset + content.bytesRead };
    }
  }
  const file = input.kind === 'stdin' ? null : createReadStream(input.name, { highWaterMark: STREAM_CHUNK });
  const raw: Readable = file ?? process.stdin;
  const bytesRead = () => file?.bytesRead ?? 0;
  const first = await firstChunk(raw);
  const replay = new PassThrough({ highWaterMark: STREAM_CHUNK });
  if (first === null) {
    replay.end(); // empty input: 'end' has fired already, so piping would wait for ever
  } else {
    replay.write(first);
    raw.pipe(replay);
    raw.on('error', (error) => replay.destroy(error));
  }
  if (first === null || !isGzip(first)) return { content: replay, gzip: false, start: null, problem: () => null, bytesRead };

  // A truncated or corrupt archive ends the content where it breaks: the lines
  // before the break still count, and the break is reported.
  const content = new GzipReader();
  replay.pipe(content);
  replay.on('error', (error) => content.destroy(error));
  return { content, gzip: true, start: null, problem: () => content.problem, bytesRead };
}

function isGzip(bytes: Buffer): boolean {
  return bytes.length >= 2 && bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
}

export async function readHead(path: string, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function firstChunk(stream: Readable): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const onReadable = () => {
      cleanup();
      resolve(stream.read() as Buffer | null);
    };
    const onEnd = () => {
      cleanup();
      resolve(null);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      stream.off('readable', onReadable);
      stream.off('end', onEnd);
      stream.off('error', onError);
    };
    stream.once('readable', onReadable);
    stream.once('end', onEnd);
    stream.once('error', onError);
  });
}
