// gzip content read as `gzip -dc` reads it: members one after another, every
// byte written as soon as it is inflated, each member's CRC-32 and length
// checked at its end. zlib's own gunzip drops what it inflated in the call
// that meets a fault (up to a whole output chunk of good lines before a bad
// CRC or trailing garbage); here the fault only ends the content. Zeros after
// the last member are padding, not a fault.

import { Transform, type TransformCallback } from 'node:stream';
import { crc32, createInflateRaw, type InflateRaw } from 'node:zlib';

const FHCRC = 2;
const FEXTRA = 4;
const FNAME = 8;
const FCOMMENT = 16;
const RESERVED_FLAGS = 0xe0;
const TRAILER_BYTES = 8;
/** Compressed bytes handed to zlib at a time: what one hand-over inflates stays a few hundred KiB. */
const INFLATE_SLICE = 16 * 1024;

/**
 * The length of the gzip member header (RFC 1952) at the start of `bytes`;
 * 0 when more bytes are needed to tell, -1 when this is no gzip header.
 */
export function gzipHeaderLength(bytes: Buffer): number {
  if (bytes.length === 0) return 0;
  if (bytes[0] !== 0x1f || (bytes.length > 1 && bytes[1] !== 0x8b)) return -1;
  if (bytes.length < 10) return 0;
  if (bytes[2] !== 8 || (bytes[3] & RESERVED_FLAGS) !== 0) return -1;
  const flags = bytes[3];
  let at = 10;
  if (flags & FEXTRA) {
    if (bytes.length < at + 2) return 0;
    at += 2 + bytes.readUInt16LE(at);
  }
  for (const flag of [FNAME, FCOMMENT]) {
    if (!(flags & flag)) continue;
    const end = bytes.indexOf(0, at);
    if (end === -1) return 0;
    at = end + 1;
  }
  if (flags & FHCRC) at += 2;
  return bytes.length < at ? 0 : at;
}

type State = 'header' | 'body' | 'trailer' | 'padding' | 'done';

export class GzipReader extends Transform {
  /** Why the content ended before the input did, once it has. */
  problem: string | null = null;

  private state: State = 'header';
  /** Input not handed to zlib yet: a header, a trailer, what follows a member. */
  private pending: Buffer = Buffer.alloc(0);
  private inflate: InflateRaw | null = null;
  private crc = 0;
  private size = 0;
  private members = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    this.advance().then(() => callback(), callback);
  }

  override _flush(callback: TransformCallback): void {
    const ended = this.state === 'padding' || this.state === 'done' || (this.state === 'header' && this.pending.length === 0);
    if (!ended) this.fault('truncated gzip');
    this.inflate?.destroy();
    callback();
  }

  private async advance(): Promise<void> {
    for (;;) {
      if (this.state === 'header') {
        const length = gzipHeaderLength(this.pending);
        if (length === 0) return;
        if (length === -1) {
          // What follows the last member: zeros are padding, anything else is garbage.
          if (this.members === 0) return this.fault('corrupt gzip (incorrect header check)');
          this.state = 'padding';
          continue;
        }
        this.pending = this.pending.subarray(length);
        this.startMember();
      } else if (this.state === 'body') {
        if (this.pending.length === 0) return;
        await this.inflateSome();
      } else if (this.state === 'trailer') {
        if (this.pending.length < TRAILER_BYTES) return;
        this.checkTrailer(this.pending.subarray(0, TRAILER_BYTES));
        this.pending = this.pending.subarray(TRAILER_BYTES);
      } else {
        if (this.state === 'padding' && this.pending.some((b) => b !== 0)) this.fault('corrupt gzip (trailing garbage after the compressed data)');
        this.pending = Buffer.alloc(0);
        return;
      }
    }
  }

  private startMember(): void {
    this.state = 'body';
    this.crc = 0;
    this.size = 0;
    const inflate = createInflateRaw();
    inflate.on('data', (data: Buffer) => {
      this.crc = crc32(data, this.crc);
      this.size += data.length;
      this.push(data);
    });
    inflate.on('error', (error) => this.fault(`corrupt gzip (${error.message})`));
    this.inflate = inflate;
  }

  /** Hands zlib a slice of the body; where the deflate data ends, the rest is the trailer. */
  private inflateSome(): Promise<void> {
    const inflate = this.inflate!;
    const slice = this.pending.subarray(0, INFLATE_SLICE);
    const before = inflate.bytesWritten;
    return new Promise((resolve) => {
      // zlib ends a write that meets a fault with 'error', without its callback.
      const onError = () => resolve();
      inflate.once('error', onError);
      inflate.write(slice, () => {
        inflate.off('error', onError);
        if (this.state !== 'body') return resolve(); // faulted meanwhile
        const used = inflate.bytesWritten - before;
        this.pending = this.pending.subarray(used);
        if (used < slice.length) {
          inflate.destroy();
          this.inflate = null;
          this.state = 'trailer';
        }
        resolve();
      });
    });
  }

  private checkTrailer(trailer: Buffer): void {
    if (trailer.readUInt32LE(0) !== this.crc) return this.fault('corrupt gzip (incorrect data check)');
    if (trailer.readUInt32LE(4) !== this.size % 2 ** 32) return this.fault('corrupt gzip (incorrect length check)');
    this.members++;
    this.state = 'header';
  }

  private fault(problem: string): void {
    this.problem ??= problem;
    this.state = 'done';
    this.pending = Buffer.alloc(0);
  }
}
