// The main thread's side of the source thread: one read at a time, the head
// answered with where to resume, event batches handed over as they come.

import { Worker } from 'node:worker_threads';
import type { Mta } from '../../parsers/events.js';
import type { TrafficRows } from '../store/traffic-counts.js';
import type { Input } from './open-input.js';
import type { BatchedEvent, CarriedStates, FromWorker, SourceResult, ToWorker } from './source-protocol.js';

export type Resume = { offset: number; lineNo: number; format: Mta };

export interface ReadHandlers {
  /** `size`: a plain file's size now, null for compressed content and stdin. */
  resumeAt(head: Buffer, size: number | null): Resume;
  /** Failures, and the deliveries of recipients deferred before, in log order. */
  onEvents(events: BatchedEvent[]): void;
  /** Delivery and received counts. */
  onTraffic(rows: TrafficRows): void;
  /** Bytes of the input on disk read so far. */
  onProgress?(bytes: number): void;
}

// Threads load JavaScript only: run from the TypeScript sources (the tests), the worker is the build's.
function workerUrl(): URL {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new URL('./source-worker.js', here);
  return new URL(here.replace(/\/src\/read\/source-thread\.ts$/, '/dist/src/read/source-worker.js'));
}

export class SourceThread {
  private readonly worker: Worker;
  private failure: Error | null = null;
  private waiting: ((message: FromWorker) => void) | null = null;
  private reject: ((error: Error) => void) | null = null;

  /** @param options.host the host lines that name none were logged by (ingest --host) */
  constructor(options: { stdin: boolean; carried?: CarriedStates; host?: string }) {
    this.worker = new Worker(workerUrl(), { stdin: options.stdin, workerData: { host: options.host ?? null } });
    if (options.carried) this.post({ type: 'carried', states: options.carried });
    if (options.stdin) process.stdin.pipe(this.worker.stdin!);
    this.worker.on('message', (message: FromWorker) => this.waiting?.(message));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`the source thread stopped (exit code ${code})`)));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.reject?.(error);
  }

  private post(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  read(input: Input, year: number | undefined, handlers: ReadHandlers): Promise<SourceResult> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.reject = reject;
      this.waiting = (message) => {
        try {
          switch (message.type) {
            case 'head': {
              const resume = handlers.resumeAt(Buffer.from(message.head.buffer, message.head.byteOffset, message.head.byteLength), message.size);
              this.post({ type: 'resume', ...resume });
              break;
            }
            case 'events':
              handlers.onEvents(message.events);
              this.post({ type: 'ack' });
              break;
            case 'traffic':
              handlers.onTraffic(message.rows);
              this.post({ type: 'ack' });
              break;
            case 'progress':
              handlers.onProgress?.(message.bytes);
              break;
            case 'end':
              this.waiting = this.reject = null;
              resolve(message.result);
              break;
          }
        } catch (error) {
          this.waiting = this.reject = null;
          reject(error as Error);
        }
      };
      this.post({ type: 'read', input, year });
    });
  }

  /** Message ids the parsers forgot during the run, and the state they leave open; the thread ends. */
  async close(): Promise<{ evictedIds: number; carried: CarriedStates }> {
    const closed = await new Promise<{ evictedIds: number; carried: CarriedStates }>((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.reject = reject;
      this.waiting = (message) => {
        if (message.type === 'closed') resolve(message);
      };
      this.post({ type: 'close' });
    });
    await this.terminate();
    return closed;
  }

  async terminate(): Promise<void> {
    this.worker.removeAllListeners('exit');
    if (this.worker.stdin) process.stdin.unpipe(this.worker.stdin);
    await this.worker.terminate();
  }
}
