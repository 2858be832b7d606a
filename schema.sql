-- The maillog database. This file is the only definition of the schema: the
-- program applies it to every database it opens (every statement is
-- idempotent) and records the version in meta.schema_version. A change to the
-- schema bumps that version and adds a migration step for older databases.

CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- A source is a log's content, known by the host whose log it is and a hash
-- of its first bytes, not by its name: a file read again, or grown since,
-- resumes where the last run stopped; two hosts' logs never meet.
CREATE TABLE IF NOT EXISTS sources (
  id               INTEGER PRIMARY KEY,
  origin           TEXT NOT NULL DEFAULT '', -- the host whose log it is: ingest --host, else the host name of the machine that read it (schema version 11)
  path             TEXT NOT NULL,     -- where it was last read from ('-' for stdin)
  head_length      INTEGER NOT NULL,  -- bytes covered by head_hash (at most 4096)
  head_hash        TEXT NOT NULL,     -- sha256 of the first head_length bytes of the content
  format           TEXT,              -- postfix, exim or qmail
  "offset"         INTEGER NOT NULL,  -- bytes of content consumed (whole lines only)
  lines            INTEGER NOT NULL,  -- lines consumed: line numbers continue from here
  lines_recognised INTEGER NOT NULL,
  lines_foreign    INTEGER NOT NULL,  -- lines of other programs sharing the log
  lines_skipped    INTEGER NOT NULL,  -- malformed, binary, invalid UTF-8 or enormous
  failures         INTEGER NOT NULL,
  deliveries       INTEGER NOT NULL,
  first_ingest     TEXT NOT NULL,     -- UTC, ISO 8601
  last_ingest      TEXT NOT NULL,
  first_time       TEXT,              -- UTC, ISO 8601: the earliest failure, delivery or message received read from it (schema version 4)
  last_time        TEXT,              -- the latest; both NULL while it has none, or when an older version read it
  counted_apart    INTEGER NOT NULL DEFAULT 0  -- 1: all its daily counts carry its id; 0: read before schema version 9, some are source 0's
);
-- Before version 11 a source was unique by its head alone: such a database
-- keeps that constraint as well.
CREATE UNIQUE INDEX IF NOT EXISTS sources_origin_head ON sources (origin, head_length, head_hash);

-- Texts the events repeat, each stored once and named by its id: the
-- diagnostics (a few thousand distinct texts among a night's failures), with
-- the fingerprint that groups them; and the short ones (host, relay, sender,
-- recipient domain, stage, cause, rule, enhanced status). MTA, outcome,
-- direction and fate are small codes (src/store/codes.ts). Schema version 10:
-- an event row is about a quarter of what it was.
CREATE TABLE IF NOT EXISTS diagnostics (
  id               INTEGER PRIMARY KEY,
  hash             INTEGER NOT NULL,  -- of the text (src/store/interned.ts textHash): found by it, then compared whole
  fingerprint      TEXT NOT NULL,     -- groups diagnostics that differ only in addresses, ids, numbers
  text             TEXT NOT NULL
);
-- An index of the texts themselves would be as large as the texts.
CREATE INDEX IF NOT EXISTS diagnostics_hash ON diagnostics (hash);
CREATE TABLE IF NOT EXISTS strings (
  id               INTEGER PRIMARY KEY,
  value            TEXT NOT NULL UNIQUE
);

-- One row per failure: bounce, deferral, expiry or SMTP-time reject. The
-- columns marked "strings" hold a strings.id (NULL for none); the view events
-- below gives them and the codes back as texts.
CREATE TABLE IF NOT EXISTS event_rows (
  id               INTEGER PRIMARY KEY,
  time             INTEGER NOT NULL,  -- milliseconds since 1970, UTC
  mta              INTEGER NOT NULL,  -- code (src/store/codes.ts): 1 postfix, 2 exim, 3 qmail
  host             INTEGER NOT NULL,  -- strings
  queue_id         TEXT,
  sender           INTEGER,           -- strings
  recipient        TEXT,
  recipient_domain INTEGER NOT NULL,  -- strings: '' when the log names no recipient
  relay            INTEGER,           -- strings
  reply_code       INTEGER,
  enhanced_status  INTEGER,           -- strings
  stage            INTEGER,           -- strings
  outcome          INTEGER NOT NULL,  -- code: 1 bounced, 2 deferred, 3 expired, 4 rejected
  direction        INTEGER NOT NULL,  -- code: 1 outbound, 2 inbound, 3 local
  cause            INTEGER NOT NULL,  -- strings
  rule             INTEGER,           -- strings: the rule that decided, 'model' for the statistical fallback, NULL for none
  diagnostic       INTEGER NOT NULL,  -- diagnostics.id (no foreign key: each deleted text would search the events)
  source_id        INTEGER NOT NULL REFERENCES sources (id),
  line             INTEGER NOT NULL,
  confidence       INTEGER            -- per mille (src/store/codes.ts perMille): how sure the cause is (schema version 3; NULL before)
);
-- One index: every index costs on each insert of a night's ingest, and the
-- common questions (by cause, domain, day) are answered from the aggregates.
CREATE INDEX IF NOT EXISTS event_rows_time ON event_rows (time);

-- The failures as texts, in the columns of schema version 9 and the export
-- (time as UTC ISO 8601), plus time_ms: filtering and ordering on it uses the
-- index.
CREATE VIEW IF NOT EXISTS events AS
  SELECT id, strftime('%Y-%m-%dT%H:%M:%fZ', time / 1000.0, 'unixepoch') AS time, time AS time_ms,
    CASE e.mta WHEN 1 THEN 'postfix' WHEN 2 THEN 'exim' WHEN 3 THEN 'qmail' END AS mta, (SELECT value FROM strings WHERE id = e.host) AS host, queue_id,
    (SELECT value FROM strings WHERE id = e.sender) AS sender, recipient,
    (SELECT value FROM strings WHERE id = e.recipient_domain) AS recipient_domain, (SELECT value FROM strings WHERE id = e.relay) AS relay,
    reply_code, (SELECT value FROM strings WHERE id = e.enhanced_status) AS enhanced_status, (SELECT value FROM strings WHERE id = e.stage) AS stage,
    CASE e.outcome WHEN 1 THEN 'bounced' WHEN 2 THEN 'deferred' WHEN 3 THEN 'expired' WHEN 4 THEN 'rejected' WHEN 5 THEN 'delivered' WHEN 6 THEN 'pending' WHEN 7 THEN 'unknown' END AS outcome, CASE e.direction WHEN 1 THEN 'outbound' WHEN 2 THEN 'inbound' WHEN 3 THEN 'local' END AS direction,
    (SELECT value FROM strings WHERE id = e.cause) AS cause, (SELECT value FROM strings WHERE id = e.rule) AS rule,
    (SELECT text FROM diagnostics WHERE id = e.diagnostic) AS diagnostic, (SELECT fingerprint FROM diagnostics WHERE id = e.diagnostic) AS fingerprint,
    source_id, line, confidence / 1000.0 AS confidence
  FROM event_rows e;

-- One row per failed message (queue id and recipient on one host) that was
-- queued: a deferral repeated at every retry is one message that was late.
-- Its fate is what became of it: delivered later, bounced, expired, or
-- pending (still queued at the end of the data); 'unknown' for a message last
-- deferred before schema version 4, when deliveries were not followed. A
-- failure with no queued message (an SMTP-time reject, or a line that names no
-- queue id or recipient) is a message of its own: its event is its row
-- (failed_messages below). Pruned with the events.
CREATE TABLE IF NOT EXISTS message_rows (
  mta              INTEGER NOT NULL,  -- code, as in event_rows
  host             INTEGER NOT NULL,  -- strings
  queue_id         TEXT NOT NULL,
  recipient        TEXT NOT NULL,
  recipient_domain INTEGER NOT NULL,  -- strings
  direction        INTEGER NOT NULL,  -- code, as in event_rows: of its last failure
  outcome          INTEGER NOT NULL,  -- code, as in event_rows: of its last failure: deferred, bounced, expired
  cause            INTEGER NOT NULL,  -- strings: of its last failure
  attempts         INTEGER NOT NULL,  -- its failure events: deferrals, and the bounce or expiry that ended it
  first_failure    INTEGER NOT NULL,  -- milliseconds since 1970, UTC
  last_failure     INTEGER NOT NULL,  -- milliseconds since 1970, UTC: the time reports file it under
  fate             INTEGER NOT NULL,  -- code: an outcome's, or 5 delivered, 6 pending, 7 unknown
  PRIMARY KEY (mta, host, queue_id, recipient)
) WITHOUT ROWID;

-- The failed messages as texts (schema version 10; a table before), plus
-- last_failure_ms to filter on.
CREATE VIEW IF NOT EXISTS messages AS
  SELECT CASE m.mta WHEN 1 THEN 'postfix' WHEN 2 THEN 'exim' WHEN 3 THEN 'qmail' END AS mta, (SELECT value FROM strings WHERE id = m.host) AS host, queue_id, recipient,
    (SELECT value FROM strings WHERE id = m.recipient_domain) AS recipient_domain, CASE m.direction WHEN 1 THEN 'outbound' WHEN 2 THEN 'inbound' WHEN 3 THEN 'local' END AS direction,
    CASE m.outcome WHEN 1 THEN 'bounced' WHEN 2 THEN 'deferred' WHEN 3 THEN 'expired' WHEN 4 THEN 'rejected' WHEN 5 THEN 'delivered' WHEN 6 THEN 'pending' WHEN 7 THEN 'unknown' END AS outcome, (SELECT value FROM strings WHERE id = m.cause) AS cause, attempts,
    strftime('%Y-%m-%dT%H:%M:%fZ', first_failure / 1000.0, 'unixepoch') AS first_failure,
    strftime('%Y-%m-%dT%H:%M:%fZ', last_failure / 1000.0, 'unixepoch') AS last_failure, last_failure AS last_failure_ms,
    CASE m.fate WHEN 1 THEN 'bounced' WHEN 2 THEN 'deferred' WHEN 3 THEN 'expired' WHEN 4 THEN 'rejected' WHEN 5 THEN 'delivered' WHEN 6 THEN 'pending' WHEN 7 THEN 'unknown' END AS fate
  FROM message_rows m;

-- Every failed message: the queued ones, and each failure that is a message of its own.
CREATE VIEW IF NOT EXISTS failed_messages AS
  SELECT mta, host, recipient_domain, direction, outcome, cause, attempts, first_failure, last_failure, last_failure_ms, fate FROM messages
  UNION ALL
  SELECT mta, host, recipient_domain, direction, outcome, cause, 1, time, time, time_ms, outcome FROM events
  -- Chosen on the stored ids: only the rows chosen are turned into texts.
  WHERE id IN (SELECT id FROM event_rows WHERE outcome = 4 OR queue_id IS NULL OR recipient IS NULL);

-- Daily aggregates: kept when old events are pruned; day is the UTC date.
-- Each of them (this table and the seven below; parties as party_rows) is counted per source, the
-- last column of its key, so that `maillog forget` can take a file's counts
-- out; reports sum the sources away. Rows of a version before 9 are source
-- 0: read before sources were counted apart.
CREATE TABLE IF NOT EXISTS failures_daily (
  day              TEXT NOT NULL,
  host             TEXT NOT NULL,
  mta              TEXT NOT NULL,
  direction        TEXT NOT NULL,
  outcome          TEXT NOT NULL,
  cause            TEXT NOT NULL,
  recipient_domain TEXT NOT NULL,
  count            INTEGER NOT NULL,
  source_id        INTEGER NOT NULL DEFAULT 0, -- sources.id; 0: read before schema version 9
  PRIMARY KEY (day, host, mta, direction, outcome, cause, recipient_domain, source_id)
) WITHOUT ROWID;

-- Failures of our mail (outbound, local) read without their message's earlier
-- lines, so that sender or recipient is unknown (parsers/events.ts
-- lacksContext): counted apart, so the report can say how many. Schema
-- version 8: filled from the events still kept for what older versions read.
CREATE TABLE IF NOT EXISTS without_context_daily (
  day              TEXT NOT NULL,
  host             TEXT NOT NULL,
  mta              TEXT NOT NULL,
  direction        TEXT NOT NULL,
  outcome          TEXT NOT NULL,
  count            INTEGER NOT NULL,
  source_id        INTEGER NOT NULL DEFAULT 0, -- sources.id; 0: read before schema version 9
  PRIMARY KEY (day, host, mta, direction, outcome, source_id)
) WITHOUT ROWID;

-- direction: outbound (a remote server took it) or local (our own delivery
-- agent did: its recipient domain is one of ours). Schema version 4; the rows
-- of older versions are outbound, as reports took them then.
CREATE TABLE IF NOT EXISTS deliveries_daily (
  day              TEXT NOT NULL,
  host             TEXT NOT NULL,
  mta              TEXT NOT NULL,
  direction        TEXT NOT NULL,
  recipient_domain TEXT NOT NULL,
  count            INTEGER NOT NULL,
  bytes            INTEGER NOT NULL DEFAULT 0, -- of the messages whose size the log gave (schema version 5; 0 before)
  source_id        INTEGER NOT NULL DEFAULT 0, -- sources.id; 0: read before schema version 9
  PRIMARY KEY (day, host, mta, direction, recipient_domain, source_id)
) WITHOUT ROWID;

-- Messages our MTA accepted into its queue, once each however often it is
-- retried (Postfix qmgr's first `from=<s>, size=N`, Exim `<=`, qmail `info
-- msg`), and their bytes. Schema version 5: empty for what older versions read.
CREATE TABLE IF NOT EXISTS received_daily (
  day              TEXT NOT NULL,
  host             TEXT NOT NULL,
  mta              TEXT NOT NULL,
  count            INTEGER NOT NULL,
  bytes            INTEGER NOT NULL,
  source_id        INTEGER NOT NULL DEFAULT 0, -- sources.id; 0: read before schema version 9
  PRIMARY KEY (day, host, mta, source_id)
) WITHOUT ROWID;

-- The MTA's own trouble (Postfix warning:/error:/fatal:/panic:, Exim's
-- configuration errors and hints-database locks, qmail-send alert:/warning:),
-- counted by masked shape as reasons are (src/classify/fingerprint.ts), with
-- the first text of each shape seen that day. Schema version 6.
CREATE TABLE IF NOT EXISTS problems_daily (
  day              TEXT NOT NULL,
  host             TEXT NOT NULL,
  mta              TEXT NOT NULL,
  severity         TEXT NOT NULL,   -- warning, error, fatal, panic
  program          TEXT NOT NULL,   -- the daemon: smtpd, qmgr, exim, qmail-send
  fingerprint      TEXT NOT NULL,
  example          TEXT NOT NULL,
  count            INTEGER NOT NULL,
  source_id        INTEGER NOT NULL DEFAULT 0, -- sources.id; 0: read before schema version 9
  PRIMARY KEY (day, host, mta, severity, program, fingerprint, source_id)
) WITHOUT ROWID;

-- Traffic per hour (UTC) of the day, for per-hour and per-day bars in any
-- time zone a whole number of hours from UTC: kind received (direction ''),
-- delivered (outbound, local), and the failure attempts deferred, bounced,
-- expired, rejected with their direction, counted as failures_daily counts
-- them. Schema version 7: empty for what older versions read.
CREATE TABLE IF NOT EXISTS traffic_hourly (
  hour             TEXT NOT NULL,     -- UTC, 'YYYY-MM-DDTHH'
  host             TEXT NOT NULL,
  mta              TEXT NOT NULL,
  kind             TEXT NOT NULL,     -- received, delivered, deferred, bounced, expired, rejected
  direction        TEXT NOT NULL,     -- outbound, local, inbound; '' for received
  count            INTEGER NOT NULL,
  source_id        INTEGER NOT NULL DEFAULT 0, -- sources.id; 0: read before schema version 9
  PRIMARY KEY (hour, host, mta, kind, direction, source_id)
) WITHOUT ROWID;

-- Delays from a message's arrival in our queue to each delivery, as counts
-- per class of a log scale (src/store/delay-buckets.ts: class 0 under 0.1 s,
-- then four per doubling), by destination domain: a median or percentile
-- read from them is within one class, about 19%, of the exact one, with no
-- row per message. seconds is the sum of the class's delays (its mean is
-- the value to show), max_seconds the largest, so the day's maximum is exact.
-- A delivery whose delay the log does not tell is not here. Schema version 7.
CREATE TABLE IF NOT EXISTS delays_daily (
  day              TEXT NOT NULL,
  host             TEXT NOT NULL,
  mta              TEXT NOT NULL,
  direction        TEXT NOT NULL,     -- outbound, local
  recipient_domain TEXT NOT NULL,
  bucket           INTEGER NOT NULL,
  count            INTEGER NOT NULL,
  seconds          REAL NOT NULL,
  max_seconds      REAL NOT NULL,
  source_id        INTEGER NOT NULL DEFAULT 0, -- sources.id; 0: read before schema version 9
  PRIMARY KEY (day, host, mta, direction, recipient_domain, bucket, source_id)
) WITHOUT ROWID;

-- Who our mail came from and went to, by messages and bytes, for the top
-- lists: role sender (messages received, by envelope sender as logged, ''
-- for the null sender), client (messages received from an SMTP client, as
-- name[ip]), recipient (deliveries, outbound and local) and relay (outbound
-- deliveries, by the host that took them, name[ip]). Sender domains are read
-- from the senders. Schema version 7; version 10 stores host and party as
-- strings ids and MTA and role as codes (a row is a quarter of what it was:
-- the same recipients come back day after day), and the view parties_daily
-- below gives them back as texts.
CREATE TABLE IF NOT EXISTS party_rows (
  day              INTEGER NOT NULL,  -- days since 1970-01-01 (UTC)
  host             INTEGER NOT NULL,  -- strings
  mta              INTEGER NOT NULL,  -- code, as in event_rows
  role             INTEGER NOT NULL,  -- code (src/store/codes.ts): 1 sender, 2 client, 3 recipient, 4 relay
  party            INTEGER NOT NULL,  -- strings
  count            INTEGER NOT NULL,
  bytes            INTEGER NOT NULL,  -- of the messages whose size the log gave
  source_id        INTEGER NOT NULL DEFAULT 0, -- sources.id; 0: read before schema version 9
  PRIMARY KEY (day, host, mta, role, party, source_id)
) WITHOUT ROWID;

CREATE VIEW IF NOT EXISTS parties_daily AS
  SELECT date(day * 86400, 'unixepoch') AS day, (SELECT value FROM strings WHERE id = p.host) AS host,
    CASE p.mta WHEN 1 THEN 'postfix' WHEN 2 THEN 'exim' WHEN 3 THEN 'qmail' END AS mta,
    CASE p.role WHEN 1 THEN 'sender' WHEN 2 THEN 'client' WHEN 3 THEN 'recipient' WHEN 4 THEN 'relay' END AS role,
    (SELECT value FROM strings WHERE id = p.party) AS party, count, bytes, source_id
  FROM party_rows p;

-- Correlation state a run left open (a message received at 23:59 whose bounce
-- is in the next night's file), for the next run on the same host's logs: one
-- row per entry. An entry
-- carried for longer than a week is dropped.
CREATE TABLE IF NOT EXISTS carryover (
  origin TEXT NOT NULL,             -- the host whose logs left it open (sources.origin; schema version 11)
  mta   TEXT NOT NULL,
  kind  TEXT NOT NULL,              -- sender, deferral, delivery, arrival (size before version 7: the size alone), client
  key   TEXT NOT NULL,              -- message id; message id and recipient; delivery number; message id; queue id
  value TEXT NOT NULL,              -- JSON
  since TEXT NOT NULL,              -- UTC, ISO 8601: when it was first carried
  PRIMARY KEY (origin, mta, kind, key)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS runs (
  id         INTEGER PRIMARY KEY,
  started    TEXT NOT NULL,
  finished   TEXT NOT NULL,
  files      INTEGER NOT NULL,
  lines      INTEGER NOT NULL,
  failures   INTEGER NOT NULL,
  deliveries INTEGER NOT NULL,
  skipped    INTEGER NOT NULL,
  seconds    REAL NOT NULL,
  rules_path TEXT,                  -- the site rules file it classified with (--rules), NULL for none (schema version 9)
  rules_hash TEXT                   -- sha256 of that file's content
);
