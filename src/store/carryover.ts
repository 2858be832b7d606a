// The correlation state a run leaves open, kept for the next run: the sender
// of a message received at 23:59 whose bounce is in the next night's file,
// the last deferral of a recipient still queued, the arrival of a message
// still queued (its retries are not new messages, its deliveries have its
// bytes and their delay), the client of a message Postfix's queue manager has
// not taken up yet. Saved in the run's transaction, one row per entry, under
// the host whose logs left it open; an
// entry carried for longer than a week is dropped (no MTA keeps a message
// queued that long by default).

import type { Address, Arrival, CarriedState, FailureEvent, Mta, QueueId } from '../../parsers/events.js';
import type { CarriedStates } from '../read/source-protocol.js';
import type { Db } from './database.js';

export const CARRY_DAYS = 7;

/** 'size': an arrival as versions before 7 carried it, its size alone. */
type Kind = 'sender' | 'deferral' | 'delivery' | 'arrival' | 'size' | 'client';

export interface Carried {
  states: CarriedStates;
  /** When each entry was first carried, by `mta kind key`. */
  since: Map<string, string>;
}

const entryKey = (mta: string, kind: Kind, key: string) => `${mta}\u0000${kind}\u0000${key}`;

function emptyState(): CarriedState {
  return { senders: [], deferrals: [], deliveries: [], arrivals: [], clients: [] };
}

export function loadCarried(db: Db, origin: string, now: Date): Carried {
  const oldest = new Date(now.getTime() - CARRY_DAYS * 86_400_000).toISOString();
  const rows = db.prepare('SELECT mta, kind, key, value, since FROM carryover WHERE origin = ? AND since >= ?').all(origin, oldest) as {
    mta: Mta;
    kind: Kind;
    key: string;
    value: string;
    since: string;
  }[];
  const states: CarriedStates = {};
  const since = new Map<string, string>();
  for (const row of rows) {
    const state = (states[row.mta] ??= emptyState());
    const value: unknown = JSON.parse(row.value);
    if (row.kind === 'sender') state.senders.push([row.key, value as Address]);
    else if (row.kind === 'deferral') state.deferrals.push(value as FailureEvent);
    else if (row.kind === 'arrival') state.arrivals.push([row.key, value as Arrival]);
    else if (row.kind === 'size') state.arrivals.push([row.key, { size: value as number, time: null }]);
    else if (row.kind === 'client') state.clients.push([row.key, value as string]);
    else state.deliveries.push([row.key, value as CarriedState['deliveries'][number][1]]);
    // An older run's size goes on as an arrival, still as old as it was.
    since.set(entryKey(row.mta, row.kind === 'size' ? 'arrival' : row.kind, row.key), row.since);
  }
  return { states, since };
}

/** Replaces the saved state with what the run leaves open; returns how many entries were saved. */
export function saveCarried(db: Db, origin: string, states: CarriedStates, since: Map<string, string>, now: Date): number {
  const nowIso = now.toISOString();
  const insert = db.prepare('INSERT OR REPLACE INTO carryover (origin, mta, kind, key, value, since) VALUES (?, ?, ?, ?, ?, ?)');
  db.prepare('DELETE FROM carryover WHERE origin = ?').run(origin);
  let saved = 0;
  const put = (mta: string, kind: Kind, key: QueueId, value: unknown) => {
    insert.run(origin, mta, kind, key, JSON.stringify(value), since.get(entryKey(mta, kind, key)) ?? nowIso);
    saved++;
  };
  for (const [mta, state] of Object.entries(states) as [Mta, CarriedState][]) {
    for (const [id, sender] of state.senders) put(mta, 'sender', id, sender);
    // Not NUL between them, as before version 11: PostgreSQL's texts cannot hold it.
    for (const d of state.deferrals) put(mta, 'deferral', `${d.queueId}\u0001${d.recipient}`, d);
    for (const [delivery, d] of state.deliveries) put(mta, 'delivery', delivery, d);
    for (const [id, arrival] of state.arrivals) put(mta, 'arrival', id, arrival);
    for (const [id, client] of state.clients) put(mta, 'client', id, client);
  }
  return saved;
}
