// Sends what a host ingested into its own SQLite database to the central
// one, for hosts that hold no connection to it while they ingest. The unit is
// the source: one not changed since the last push is skipped; one changed (or
// new) replaces its rows there whole, so a push repeated changes nothing, and
// all of a push is one central transaction, so one killed half-way leaves
// the central database as it was and the next push does it all.

import { AGGREGATE_TABLES, type Db } from './database.js';
import { abandonWrite, beginWrite } from './writer.js';
import { InternedTexts, type TextId } from './interned.js';
import { BulkInsert } from './bulk-insert.js';
import { HOST_LOCKS } from './postgres/locks.js';

export interface PushTotals {
  /** Sources sent, and those skipped as sent already. */
  pushed: number;
  unchanged: number;
  failures: number;
  countRows: number;
}

/** Every column of sources but its id, which is each database's own. */
const SOURCE_COLUMNS = ['origin', 'path', 'head_length', 'head_hash', 'format', '"offset"', 'lines', 'lines_recognised', 'lines_foreign',
  'lines_skipped', 'failures', 'deliveries', 'first_ingest', 'last_ingest', 'first_time', 'last_time', 'counted_apart'];

interface SourceRow {
  id: number;
  origin: string;
  head_length: number;
  head_hash: string;
  first_ingest: string;
  last_ingest: string;
  [column: string]: unknown;
}

/** The columns of a row naming a text by id: each is mapped from the local id to the central one. */
const STRING_COLUMNS: Record<string, readonly string[]> = {
  event_rows: ['host', 'sender', 'recipient_domain', 'relay', 'enhanced_status', 'stage', 'cause', 'rule'],
  message_rows: ['host', 'recipient_domain', 'cause'],
  party_rows: ['host', 'party'],
};

/** Local text ids held mapped: a year of party addresses would not fit. */
const HELD_IDS = 200_000;

/** Local text ids to central ones, each looked up once while held. */
class TextIds {
  private readonly strings = new Map<number, TextId>();
  private readonly diagnostics = new Map<number, TextId>();
  private readonly central: InternedTexts;
  private readonly stringValue;
  private readonly diagnosticText;

  constructor(local: Db, central: Db) {
    this.central = new InternedTexts(central);
    this.stringValue = local.prepare('SELECT value FROM strings WHERE id = ?').pluck();
    this.diagnosticText = local.prepare('SELECT text, fingerprint FROM diagnostics WHERE id = ?');
  }

  string(id: number | null): TextId | null {
    if (id === null) return null;
    let mapped = this.strings.get(id);
    if (mapped === undefined) {
      const value = this.stringValue.get(id) as string | undefined;
      if (value === undefined) throw new Error(`the local database names text ${id}, which it does not hold`);
      mapped = this.central.string(value)!;
      this.hold(this.strings, id, mapped);
    }
    return mapped;
  }

  diagnostic(id: number): TextId {
    let mapped = this.diagnostics.get(id);
    if (mapped === undefined) {
      const row = this.diagnosticText.get(id) as { text: string; fingerprint: string } | undefined;
      if (row === undefined) throw new Error(`the local database names diagnostic ${id}, which it does not hold`);
      mapped = this.central.diagnostic(row.text, row.fingerprint);
      this.hold(this.diagnostics, id, mapped);
    }
    return mapped;
  }

  private hold(map: Map<number, TextId>, id: number, mapped: TextId): void {
    if (map.size >= HELD_IDS) map.clear();
    map.set(id, mapped);
  }
}

function columnsOf(local: Db, table: string): string[] {
  return local.prepare(`SELECT name FROM pragma_table_info('${table}') ORDER BY cid`).pluck().all() as string[];
}

/**
 * The central source a local one was pushed as. Found by its host and head;
 * a log shorter than a head (4096 bytes) when last pushed has a longer head
 * now: it is the one of its host first ingested at the same moment, with a
 * shorter head that no local source has.
 */
function centralMatch(central: Db, local: SourceRow, localHeads: Set<string>): SourceRow | undefined {
  const exact = central.prepare('SELECT * FROM sources WHERE origin = ? AND head_length = ? AND head_hash = ?')
    .get(local.origin, local.head_length, local.head_hash) as SourceRow | undefined;
  if (exact !== undefined) return exact;
  const grown = (central.prepare('SELECT * FROM sources WHERE origin = ? AND first_ingest = ? AND head_length < ?')
    .all(local.origin, local.first_ingest, local.head_length) as SourceRow[]).filter((row) => !localHeads.has(headKey(row)));
  return grown.length === 1 ? grown[0] : undefined;
}

const headKey = (row: SourceRow) => `${row.origin}\u0000${row.head_length}\u0000${row.head_hash}`;

/** Pushes the local database's sources not pushed yet, their events, counts and failed messages, and its runs. */
export function push(local: Db, central: Db): PushTotals {
  const totals: PushTotals = { pushed: 0, unchanged: 0, failures: 0, countRows: 0 };
  const sources = local.prepare('SELECT * FROM sources ORDER BY id').all() as SourceRow[];
  const origins = [...new Set(sources.map((s) => s.origin))].sort();
  beginWrite(central, origins[0]);
  try {
    // A database that read several hosts' logs waits for each host's ingest, in one order every push takes.
    for (const origin of origins.slice(1)) central.prepare('SELECT pg_advisory_xact_lock(?, hashtext(?))').get(HOST_LOCKS, origin);
    const localHeads = new Set(sources.map(headKey));
    const changed = sources.flatMap((source) => {
      const match = centralMatch(central, source, localHeads);
      // A source grown past its head since is changed, whatever its time says.
      if (match?.last_ingest === source.last_ingest && match.head_hash === source.head_hash) return [];
      return [{ source, centralId: match?.id }];
    });
    totals.unchanged = sources.length - changed.length;
    if (changed.length > 0) {
      const texts = new TextIds(local, central);
      for (const { source, centralId } of changed) {
        const id = upsertSource(central, source, centralId);
        totals.failures += copyEvents(local, central, texts, source.id, id);
        totals.countRows += copyAggregates(local, central, texts, source.id, id);
        totals.pushed++;
      }
      copyMessages(local, central, texts);
    }
    copyRuns(local, central);
    central.exec('COMMIT');
  } catch (error) {
    throw abandonWrite(central, error, 'nothing of this push was stored');
  }
  return totals;
}

/** The central sources row, every column copied: the id it had, or a new one. Its rows there are deleted, to be sent again. */
function upsertSource(central: Db, source: SourceRow, centralId: number | undefined): number {
  const values = SOURCE_COLUMNS.map((column) => source[column.replaceAll('"', '')]);
  let id: number;
  if (centralId === undefined) {
    id = Number(central.prepare(`INSERT INTO sources (${SOURCE_COLUMNS.join(', ')}) VALUES (${SOURCE_COLUMNS.map(() => '?').join(', ')}) RETURNING id`).pluck().get(...values));
  } else {
    id = centralId;
    central.prepare(`UPDATE sources SET ${SOURCE_COLUMNS.map((column) => `${column} = ?`).join(', ')} WHERE id = ?`).run(...values, id);
  }
  for (const table of ['event_rows', ...AGGREGATE_TABLES]) central.prepare(`DELETE FROM ${table} WHERE source_id = ?`).run(id);
  return id;
}

/** Copies `table`'s rows from `from` to `to`, each row's text ids mapped and its source set; returns how many. */
function copyRows(local: Db, central: Db, texts: TextIds, table: string, from: string, params: unknown[], source?: number): number {
  const columns = columnsOf(local, table).filter((column) => column !== 'id');
  const strings = new Set(STRING_COLUMNS[table] ?? []);
  const insert = new BulkInsert(central, table, columns, table === 'message_rows');
  for (const row of local.prepare(`SELECT ${columns.join(', ')} FROM ${from}`).raw().iterate(...params) as Iterable<unknown[]>) {
    insert.add(...columns.map((column, i) => {
      const value = row[i];
      if (column === 'source_id') return source;
      if (strings.has(column)) return texts.string(value as number | null);
      if (column === 'diagnostic' && table === 'event_rows') return texts.diagnostic(value as number);
      return value;
    }));
  }
  insert.finish();
  return insert.added;
}

function copyEvents(local: Db, central: Db, texts: TextIds, localId: number, centralId: number): number {
  return copyRows(local, central, texts, 'event_rows', 'event_rows WHERE source_id = ? ORDER BY id', [localId], centralId);
}

function copyAggregates(local: Db, central: Db, texts: TextIds, localId: number, centralId: number): number {
  let rows = 0;
  for (const table of AGGREGATE_TABLES) rows += copyRows(local, central, texts, table, `${table} WHERE source_id = ?`, [localId], centralId);
  return rows;
}

/** Failed messages belong to no source: each is sent as it stands now, replacing the central row of the same message. */
function copyMessages(local: Db, central: Db, texts: TextIds): void {
  copyRows(local, central, texts, 'message_rows', 'message_rows', []);
}

/** The runs the central database lacks, known by when they started and finished. */
function copyRuns(local: Db, central: Db): void {
  const known = new Set((central.prepare('SELECT started, finished FROM runs').raw().all() as [string, string][]).map(([s, f]) => `${s}\u0000${f}`));
  const columns = columnsOf(local, 'runs').filter((column) => column !== 'id');
  const insert = new BulkInsert(central, 'runs', columns);
  const [started, finished] = [columns.indexOf('started'), columns.indexOf('finished')];
  for (const row of local.prepare(`SELECT ${columns.join(', ')} FROM runs ORDER BY id`).raw().iterate() as Iterable<unknown[]>) {
    if (!known.has(`${row[started]}\u0000${row[finished]}`)) insert.add(...row);
  }
  insert.finish();
}
