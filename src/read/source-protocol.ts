// The messages between the main thread and the source thread, and the limits
// both sides share.

import type { CarriedState, DeliveredEvent, FailureEvent, Mta, ProblemEvent } from '../../parsers/events.js';
import type { Input } from './open-input.js';
import type { TrafficRows } from '../store/traffic-counts.js';

/** Bytes of content that identify a source. */
export const HEAD_BYTES = 4096;

/** Lines longer than this are counted and skipped: no MTA writes them. */
export const MAX_LINE_BYTES = 1024 * 1024;

export const EVENTS_PER_BATCH = 1000;
/** A batch is sent sooner when its texts reach this many characters, so batches in flight stay a few MiB. */
export const BATCH_CHARS = 512 * 1024;

/** Batches the main thread may have to work through before the source thread waits. */
export const MAX_BATCHES_IN_FLIGHT = 8;
/** How often the source thread says how far it has read. */
export const PROGRESS_INTERVAL_MS = 250;

export interface SkippedLines {
  malformed: number;
  binary: number;
  enormous: number;
}

/** How reading one source ended. */
export interface SourceResult {
  lines: number;
  recognised: number;
  foreign: number;
  skipped: SkippedLines;
  /** Content offset after the last whole line read. */
  consumed: number;
  /** An unterminated last line left for the next run. */
  heldBackBytes: number;
  /** The first bytes of the content, which identify the source. */
  head: Uint8Array;
  /** UTC milliseconds of the earliest and latest failure, delivery or message received read; null when none was. */
  firstTime: number | null;
  lastTime: number | null;
  /** Deliveries and messages received not sent before the end. */
  traffic: TrafficRows;
  /** Why the content could not be read to its end, if it could not. */
  problem: string | null;
  /** The read failed: nothing of it may be kept. */
  failed: boolean;
}

/** What travels to the main thread one by one: messages received are only counted. */
export type BatchedEvent = FailureEvent | DeliveredEvent | ProblemEvent;

/** Each MTA's open correlation state. */
export type CarriedStates = Partial<Record<Mta, CarriedState>>;

export type ToWorker =
  | { type: 'read'; input: Input; year?: number }
  | { type: 'resume'; offset: number; lineNo: number; format: Mta }
  | { type: 'ack' }
  | { type: 'close' }
  /** The correlation state earlier runs left open, before the first read. */
  | { type: 'carried'; states: CarriedStates };

export type FromWorker =
  | { type: 'head'; head: Uint8Array; size: number | null }
  /** Failures, and the deliveries of recipients deferred before, in log order. */
  | { type: 'events'; events: BatchedEvent[] }
  /** Delivery and received counts sent before the end when a source has many keys. */
  | { type: 'traffic'; rows: TrafficRows }
  /** Bytes of the input on disk read so far. */
  | { type: 'progress'; bytes: number }
  | { type: 'end'; result: SourceResult }
  | { type: 'closed'; evictedIds: number; carried: CarriedStates };
