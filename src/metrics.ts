// `maillog metrics`: the database's totals in the Prometheus text format, for
// node_exporter's textfile collector. The counters are sums over the daily
// aggregates and the sources' line counts, which runs only add to (pruning
// old events keeps the aggregates), so Prometheus's rate() and increase()
// read them as counters. reclassify is the exception: it moves failures from
// one cause to another, and a cause's series that falls reads as a reset.

import { Counter, Gauge, Registry } from 'prom-client';
import { isPostgres, type Db } from './store/database.js';

interface Family {
  type: 'counter' | 'gauge';
  name: string;
  help: string;
  /** The columns of `sql` that are labels; its `value` column is the sample. */
  labels: string[];
  sql: string;
  /** PostgreSQL's words for what `sql` asks SQLite, where they differ. */
  postgres?: string;
}

/** One row of a family's query: its labels and its value. */
type Sample = Record<string, string | number> & { value: number };

// Labels are bounded sets: hosts, MTAs, directions, outcomes, cause ids,
// severities, formats. Recipient domains and addresses are not labels: every
// one would be a series of its own in Prometheus for as long as it keeps data.
const FAMILIES: Family[] = [
  {
    type: 'counter',
    name: 'maillog_failures_total',
    help: 'Failure lines (attempts): every deferral, bounce, expiry and SMTP-time reject',
    labels: ['host', 'mta', 'direction', 'outcome', 'cause'],
    sql: `SELECT host, mta, direction, outcome, cause, sum(count) AS value FROM failures_daily
      GROUP BY host, mta, direction, outcome, cause ORDER BY host, mta, direction, outcome, cause`,
  },
  {
    type: 'counter',
    name: 'maillog_deliveries_total',
    help: 'Recipients delivered: by a remote server (outbound) or by our own delivery agents (local)',
    labels: ['host', 'mta', 'direction'],
    sql: 'SELECT host, mta, direction, sum(count) AS value FROM deliveries_daily GROUP BY host, mta, direction ORDER BY host, mta, direction',
  },
  {
    type: 'counter',
    name: 'maillog_delivered_bytes_total',
    help: 'Bytes of the messages delivered, once per recipient, where the log gives sizes',
    labels: ['host', 'mta', 'direction'],
    sql: 'SELECT host, mta, direction, sum(bytes) AS value FROM deliveries_daily GROUP BY host, mta, direction ORDER BY host, mta, direction',
  },
  {
    type: 'counter',
    name: 'maillog_received_messages_total',
    help: 'Messages our MTA accepted into its queue, once each however often retried',
    labels: ['host', 'mta'],
    sql: 'SELECT host, mta, sum(count) AS value FROM received_daily GROUP BY host, mta ORDER BY host, mta',
  },
  {
    type: 'counter',
    name: 'maillog_received_bytes_total',
    help: 'Bytes of the messages our MTA accepted into its queue',
    labels: ['host', 'mta'],
    sql: 'SELECT host, mta, sum(bytes) AS value FROM received_daily GROUP BY host, mta ORDER BY host, mta',
  },
  {
    type: 'counter',
    name: 'maillog_mta_problems_total',
    help: "The MTA's own warning, error, fatal and panic lines",
    labels: ['host', 'mta', 'severity'],
    sql: 'SELECT host, mta, severity, sum(count) AS value FROM problems_daily GROUP BY host, mta, severity ORDER BY host, mta, severity',
  },
  {
    // sources.lines goes back to 0 when a file truncated in place is read again; these three only add.
    type: 'counter',
    name: 'maillog_log_lines_total',
    help: 'Log lines read, by kind: recognised, foreign (of other programs) or skipped (unparseable); their sum is the lines read',
    labels: ['format', 'kind'],
    sql: `SELECT coalesce(format, '') AS format, kind, sum(n) AS value FROM (
        SELECT format, 'recognised' AS kind, lines_recognised AS n FROM sources
        UNION ALL SELECT format, 'foreign', lines_foreign FROM sources
        UNION ALL SELECT format, 'skipped', lines_skipped FROM sources)
      GROUP BY 1, kind ORDER BY 1, kind`,
  },
  {
    type: 'gauge',
    name: 'maillog_last_ingest_timestamp_seconds',
    help: 'When the last ingest that stored its run (exit 0 or 1) finished, in Unix time; 0 before the first',
    labels: [],
    sql: "SELECT unixepoch(finished, 'subsec') AS value FROM runs ORDER BY id DESC LIMIT 1",
    postgres: 'SELECT extract(epoch FROM finished::timestamptz)::float8 AS value FROM runs ORDER BY id DESC LIMIT 1',
  },
  {
    type: 'gauge',
    name: 'maillog_last_ingest_duration_seconds',
    help: 'How long the last ingest that stored its run took',
    labels: [],
    sql: 'SELECT seconds AS value FROM runs ORDER BY id DESC LIMIT 1',
  },
  {
    type: 'gauge',
    name: 'maillog_database_schema_version',
    help: 'The schema version of the database',
    labels: [],
    sql: "SELECT CAST(value AS INTEGER) AS value FROM meta WHERE key = 'schema_version'",
  },
  {
    type: 'gauge',
    name: 'maillog_events_stored',
    help: 'Failure events kept in the database (ingest --keep-events deletes the older ones)',
    labels: [],
    sql: 'SELECT count(*) AS value FROM event_rows',
  },
  {
    type: 'gauge',
    name: 'maillog_database_size_bytes',
    help: 'Size of the database: its pages, the -wal file aside',
    labels: [],
    sql: 'SELECT page_count * page_size AS value FROM pragma_page_count(), pragma_page_size()',
    postgres: 'SELECT pg_database_size(current_database()) AS value',
  },
];

/** The metrics of the whole database, as the Prometheus text format (version 0.0.4) that the textfile collector reads. */
export async function metricsText(db: Db): Promise<string> {
  // One read transaction: every family from the same state, though an ingest commits meanwhile.
  const samples = db.transaction(() => FAMILIES.map((family) => db.prepare((isPostgres(db) && family.postgres) || family.sql).all() as Sample[]))();
  // A registry of our own: the default one would add metrics of this short-lived process, which say nothing of the mail.
  const registry = new Registry();
  FAMILIES.forEach((family, i) => {
    const config = { name: family.name, help: family.help, labelNames: family.labels, registers: [registry] };
    const metric = family.type === 'counter' ? new Counter(config) : new Gauge(config);
    // Each query gives a label set once (GROUP BY, or a single row), so adding to the metric's 0 sets it.
    for (const { value, ...labels } of samples[i]) metric.inc(labels, value);
  });
  return registry.metrics();
}
