// The advisory locks that order PostgreSQL writers (pg_advisory_xact_lock):
// numbers every maillog agrees on, held until the transaction ends.

/** Held while the schema is created: two hosts' first runs at once make it once. */
export const SCHEMA_LOCK = 0x6d61696c;

/** Shared by every ingest run, taken alone to delete unused texts (store/interned.ts). */
export const RUNS_LOCK = 0x6d61696d;

/** With the host's hashed name: one run at a time reads a host's logs, as SQLite's write lock does. */
export const HOST_LOCKS = 0x6d61696e;
