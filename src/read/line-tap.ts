// Sits between the raw content and the line splitter. It
//  - collects the first bytes, which identify the source, and asks where to
//    resume (bytes already ingested are dropped here, never parsed);
//  - forwards whole lines only, so `consumed` is always a line boundary that a
//    later run can resume from;
//  - holds back an unterminated last line of a file that may still be growing;
//  - drops lines longer than `maxLine` bytes without buffering them, passing a
//    one-NUL placeholder line instead so the line is counted and numbered (a
//    line of one NUL byte reads the same: `placeholders` tells them apart).

import { Transform, type TransformCallback } from 'node:stream';
import type { ResumeAt } from './open-input.js';

export const ENORMOUS_LINE = '\u0000';
const PLACEHOLDER = Buffer.from(`${ENORMOUS_LINE}\n`);
const NEWLINE = 10;

export interface LineTapOptions {
  headBytes: number;
  maxLine: number;
  /**
   * Keep an unterminated last line for the next run: asked when the content
   * ends (a plain file may still grow; a gzip cut short may be read whole later).
   */
  holdBackPartial: () => boolean;
  /** Given the head of the content, the offset to resume from (the answer may take a round trip). */
  resumeAt: ResumeAt;
  /** The head was read apart and the stream starts at this offset: nothing to collect or skip. */
  start?: { head: Buffer; offset: number } | null;
}

export class LineTap extends Transform {
  /** Content offset after the last whole line forwarded or dropped. */
  consumed = 0;
  /** Bytes of an unterminated last line left for the next run. */
  heldBack = 0;
  /** Total content bytes seen. */
  total = 0;
  /** Placeholder lines forwarded for lines over `maxLine`. */
  placeholders = 0;
  head: Buffer = Buffer.alloc(0);

  private headChunks: Buffer[] | null = [];
  private skip = 0;
  private carry: Buffer[] = [];
  private carryLength = 0;
  private discarding = false;

  constructor(private readonly options: LineTapOptions) {
    super();
    if (options.start) {
      this.headChunks = null;
      this.head = options.start.head;
      this.skip = this.consumed = this.total = options.start.offset;
    }
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.headChunks) {
      this.headChunks.push(chunk);
      this.total += chunk.length;
      if (this.total >= this.options.headBytes) this.startBody().then(() => callback(), callback);
      else callback();
    } else {
      this.body(chunk, this.total);
      this.total += chunk.length;
      callback();
    }
  }

  override _flush(callback: TransformCallback): void {
    if (this.headChunks) this.startBody().then(() => this.finish(callback), callback);
    else this.finish(callback);
  }

  private finish(callback: TransformCallback): void {
    if (this.discarding) {
      if (this.options.holdBackPartial()) this.heldBack = this.total - this.consumed;
      else this.forwardPlaceholder(this.total);
    } else if (this.carryLength > 0) {
      if (this.options.holdBackPartial()) {
        this.heldBack = this.carryLength;
      } else {
        for (const part of this.carry) this.push(part);
        this.push('\n');
        this.consumed = this.total;
      }
    }
    callback();
  }

  private async startBody(): Promise<void> {
    const all = Buffer.concat(this.headChunks ?? []);
    this.headChunks = null;
    this.head = all.subarray(0, this.options.headBytes);
    this.skip = await this.options.resumeAt(this.head, null);
    this.consumed = this.skip;
    this.body(all, 0);
  }

  /** `chunk` starts at content offset `at`. */
  private body(chunk: Buffer, at: number): void {
    if (at + chunk.length <= this.skip) return;
    if (at < this.skip) {
      chunk = chunk.subarray(this.skip - at);
      at = this.skip;
    }
    if (this.discarding) {
      const nl = chunk.indexOf(NEWLINE);
      if (nl === -1) return;
      this.discarding = false;
      this.forwardPlaceholder(at + nl + 1);
      chunk = chunk.subarray(nl + 1);
      at += nl + 1;
    }
    const last = chunk.lastIndexOf(NEWLINE);
    if (last === -1) {
      this.carry.push(chunk);
      this.carryLength += chunk.length;
      if (this.carryLength > this.options.maxLine) {
        this.discarding = true;
        this.carry = [];
        this.carryLength = 0;
      }
      return;
    }
    for (const part of this.carry) this.push(part);
    this.push(chunk.subarray(0, last + 1));
    this.consumed = at + last + 1;
    this.carry = last + 1 < chunk.length ? [chunk.subarray(last + 1)] : [];
    this.carryLength = chunk.length - last - 1;
  }

  private forwardPlaceholder(endOffset: number): void {
    this.push(PLACEHOLDER);
    this.placeholders++;
    this.consumed = endOffset;
  }
}
