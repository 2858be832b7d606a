// The thread that talks to PostgreSQL. The store and reports call the
// database synchronously, as they do SQLite; the connection.ts side waits for
// this thread's answer, which postgres.js gets asynchronously. Each database
// opened holds three connections:
// - `run`: the one transactions run on (an ingest is one transaction);
// - `texts`: commits each new text at once, outside any run, so that two
//   hosts' runs storing the same new text never wait for each other;
// - a third, for cursors: a report reading rows one batch at a time looks
//   texts up on the others meanwhile.
// A batch of statements is sent at once, pipelined: a run's thousands of
// inserts cost one round trip per batch, not one each.

import { runAsWorker } from 'synckit';
import postgres from 'postgres';
import type { Request, Response, StatementCall, StatementResult } from './protocol.js';

interface Handle {
  sql: postgres.Sql;
  run: postgres.ReservedSql;
  texts: postgres.ReservedSql;
  cursors: Map<number, AsyncIterator<unknown[]>>;
  /** Detached batches still running, oldest first, and the first failure of one. */
  detached: Promise<void>[];
  failure: unknown;
}

/** Detached batches in flight before the next waits for the oldest: memory stays bounded when PostgreSQL is the slower. */
const DETACHED_BATCHES = 4;

const handles = new Map<number, Handle>();
let lastId = 0;

// What SQLite gives: 64-bit counts and sums as numbers, booleans as 1 and 0.
const types = {
  int8: { to: 20, from: [20, 1700], serialize: (x: unknown) => String(x), parse: (x: string) => Number(x) },
  bool: { to: 16, from: [16], serialize: (x: unknown) => (x ? 't' : 'f'), parse: (x: string) => (x === 't' ? 1 : 0) },
};

async function executeAll(on: postgres.Sql | postgres.ReservedSql, calls: StatementCall[]): Promise<StatementResult[]> {
  // Sent together, answered in order; the first failure is the one to report.
  const settled = await Promise.allSettled(calls.map((call) => execute(on, call)));
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  return settled.map((s) => (s as PromiseFulfilledResult<StatementResult>).value);
}

/** Waits for the detached batches, and throws the first failure among them. */
async function settle(h: Handle): Promise<void> {
  await Promise.all(h.detached);
  h.detached = [];
  if (h.failure !== null) {
    const failure = h.failure;
    h.failure = null;
    throw failure;
  }
}

async function execute(on: postgres.Sql | postgres.ReservedSql, call: StatementCall): Promise<StatementResult> {
  const query = on.unsafe(call.text, call.params as postgres.ParameterOrJSON<never>[], { prepare: call.params.length > 0 });
  if (call.raw) {
    const rows = await query.values();
    return { rows: rows.map((r) => [...r]), count: rows.count };
  }
  const rows = await query;
  return { rows: rows.map((r) => ({ ...r })), count: rows.count };
}

function handle(id: number): Handle {
  const h = handles.get(id);
  if (!h) throw new Error('the PostgreSQL connection is closed');
  return h;
}

async function serve(request: Request): Promise<Response> {
  switch (request.op) {
    case 'connect': {
      const sql = postgres({ ...request.options, max: 3, onnotice: () => {}, types, connection: { application_name: 'maillog' } });
      const run = await sql.reserve();
      const texts = await sql.reserve();
      handles.set(++lastId, { sql, run, texts, cursors: new Map(), detached: [], failure: null });
      return { id: lastId };
    }
    case 'batch': {
      const h = handle(request.id);
      const on = request.connection === 'texts' ? h.texts : h.run;
      if (request.detached) {
        // The connection runs statements in the order sent: what is sent after these sees them.
        h.detached.push(executeAll(on, request.calls).then(() => undefined, (error: unknown) => void (h.failure ??= error)));
        if (h.detached.length > DETACHED_BATCHES) await h.detached.shift();
        return {};
      }
      // Texts wait for nothing the run has sent: they are committed apart from it.
      if (request.connection === 'run') await settle(h);
      return { results: await executeAll(on, request.calls) };
    }
    case 'open': {
      const h = handle(request.id);
      await settle(h);
      const query = h.sql.unsafe(request.call.text, request.call.params as postgres.ParameterOrJSON<never>[]);
      const batches = (request.call.raw ? query.values() : query).cursor(request.size);
      h.cursors.set(request.cursor, batches[Symbol.asyncIterator]() as AsyncIterator<unknown[]>);
      return {};
    }
    case 'more': {
      const cursor = handle(request.id).cursors.get(request.cursor)!;
      const step = await cursor.next();
      if (step.done) {
        handle(request.id).cursors.delete(request.cursor);
        return { rows: [] };
      }
      return { rows: (step.value as unknown[]).map((r) => (Array.isArray(r) ? [...r] : { ...(r as object) })) };
    }
    case 'shut': {
      const h = handle(request.id);
      const cursor = h.cursors.get(request.cursor);
      h.cursors.delete(request.cursor);
      await cursor?.return?.();
      return {};
    }
    case 'end': {
      const h = handles.get(request.id);
      handles.delete(request.id);
      if (h) {
        await Promise.all(h.detached);
        for (const cursor of h.cursors.values()) await cursor.return?.();
        h.run.release();
        h.texts.release();
        await h.sql.end({ timeout: 5 });
      }
      return {};
    }
  }
}

runAsWorker(serve);
