// `maillog metrics`: the Prometheus text format, read back by a parser that
// is not the library writing it, with totals that agree with the samples'
// scenarios and with the report, and an --out file that is replaced whole.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Summary } from '../src/report/summary.js';
import { cli, SAMPLES, tempDb, tempDir } from './helpers.js';

interface Sample {
  labels: Record<string, string>;
  value: number;
}

interface Family {
  type: string;
  help: string;
  samples: Sample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const COUNTERS = [
  'maillog_failures_total',
  'maillog_deliveries_total',
  'maillog_delivered_bytes_total',
  'maillog_received_messages_total',
  'maillog_received_bytes_total',
  'maillog_mta_problems_total',
  'maillog_log_lines_total',
];
const GAUGES = [
  'maillog_last_ingest_timestamp_seconds',
  'maillog_last_ingest_duration_seconds',
  'maillog_database_schema_version',
  'maillog_events_stored',
  'maillog_database_size_bytes',
];

/**
 * The families of a text, by name. The parser is lenient (it takes any
 * name and keeps values as text), so what the format requires of a name, a
 * label and a value is checked here, and every sample line must come out as
 * one sample: a line the parser merged or dropped fails.
 */
function parse(text: string): Map<string, Family> {
  const parsed = parsePrometheusTextFormat(text) as { name: string; type: string; help: string; metrics: { labels?: Record<string, string>; value: string }[] }[];
  const families = new Map<string, Family>();
  for (const { name, type, help, metrics } of parsed) {
    expect(name).toMatch(METRIC_NAME);
    expect(families.has(name), `${name} appears twice`).toBe(false);
    const samples = metrics.map(({ labels = {}, value }) => {
      for (const label of Object.keys(labels)) expect(label).toMatch(LABEL_NAME);
      expect(value).toMatch(/^-?\d+(\.\d+)?(e[+-]?\d+)?$/);
      return { labels, value: Number(value) };
    });
    families.set(name, { type, help, samples });
  }
  const sampleLines = text.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
  expect([...families.values()].reduce((n, f) => n + f.samples.length, 0)).toBe(sampleLines.length);
  return families;
}

/** The sum of a family's samples, by one label (the key '' when `by` is not given), over those with the given labels. */
function sums(families: Map<string, Family>, name: string, by?: string, where: Record<string, string> = {}): Record<string, number> {
  const result: Record<string, number> = {};
  for (const { labels, value } of families.get(name)!.samples) {
    if (Object.entries(where).some(([label, wanted]) => labels[label] !== wanted)) continue;
    const key = by === undefined ? '' : labels[by];
    result[key] = (result[key] ?? 0) + value;
  }
  return result;
}

const total = (families: Map<string, Family>, name: string, where: Record<string, string> = {}) => sums(families, name, undefined, where)[''] ?? 0;

/** A gauge's one value. */
const gauge = (families: Map<string, Family>, name: string) => families.get(name)!.samples[0].value;

function metricsOf(db: string): Map<string, Family> {
  const run = cli(['metrics', '--db', db]);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return parse(run.stdout);
}

/** A database of the samples' files; it lasts as long as the test file, so that a beforeAll can make it. */
function ingested(files: string[], ...options: string[]): string {
  const db = join(tempDir(true), 'maillog.db');
  // The options last: --own-relay takes every word after it.
  const run = cli(['ingest', '--db', db, '--year', '2026', '--tz', 'UTC', ...files.map((f) => join(SAMPLES, f)), ...options]);
  expect(run.status).toBe(0);
  return db;
}

const ALL_SAMPLES = ['postfix', 'exim', 'qmail'];

describe('maillog metrics on every sample', () => {
  let db: string;
  let families: Map<string, Family>;

  beforeAll(() => {
    db = ingested(ALL_SAMPLES);
    families = metricsOf(db);
  });

  it('parses as the Prometheus text format: each family once, with its help and type', () => {
    expect([...families.keys()].sort()).toEqual([...COUNTERS, ...GAUGES].sort());
    for (const name of COUNTERS) expect(families.get(name)!.type, name).toBe('COUNTER');
    for (const name of GAUGES) expect(families.get(name)!.type, name).toBe('GAUGE');
    for (const [name, { help }] of families) expect(help, name).not.toBe('');
  });

  it('counts failures by outcome, deliveries and messages received as the report summary does', () => {
    const summary = (JSON.parse(cli(['report', '--db', db, '--format', 'json']).stdout) as { summary: Summary }).summary;
    expect(sums(families, 'maillog_failures_total', 'outcome')).toEqual({
      deferred: summary.deferred_attempts,
      bounced: summary.bounced,
      expired: summary.expired,
      rejected: summary.rejected,
    });
    expect(total(families, 'maillog_deliveries_total')).toBe(summary.delivered);
    expect(total(families, 'maillog_delivered_bytes_total')).toBe(summary.delivered_bytes);
    expect(total(families, 'maillog_received_messages_total')).toBe(summary.received);
    expect(total(families, 'maillog_received_bytes_total')).toBe(summary.received_bytes);
  });

  it('counts failures by direction as the report does attempts', () => {
    const report = JSON.parse(cli(['report', '--db', db, '--by', 'direction', '--count', 'attempts', '--format', 'json']).stdout) as { rows: { direction: string; count: number }[] };
    expect(sums(families, 'maillog_failures_total', 'direction')).toEqual(Object.fromEntries(report.rows.map((r) => [r.direction, r.count])));
  });

  it('counts the MTA problem lines by severity as the report lists them', () => {
    const report = JSON.parse(cli(['report', '--db', db, '--format', 'json']).stdout) as { mta_problems: { severity: string; count: number }[] };
    const bySeverity: Record<string, number> = {};
    for (const p of report.mta_problems) bySeverity[p.severity] = (bySeverity[p.severity] ?? 0) + p.count;
    expect(Object.keys(bySeverity).length).toBeGreaterThan(0);
    expect(sums(families, 'maillog_mta_problems_total', 'severity')).toEqual(bySeverity);
  });

  it('gives the lines of each format by kind, adding up to the lines read', () => {
    const lines = (dir: string) => readdirSync(join(SAMPLES, dir)).reduce((n, f) => n + readFileSync(join(SAMPLES, dir, f), 'utf8').split('\n').length - 1, 0);
    for (const format of ALL_SAMPLES) expect(total(families, 'maillog_log_lines_total', { format }), format).toBe(lines(format));
    // The splogger log's syslog neighbours and the lines tcpserver writes beside qmail-smtpd's.
    expect(sums(families, 'maillog_log_lines_total', 'kind', { format: 'qmail' })).toEqual({ recognised: 817, foreign: 21, skipped: 0 });
  });

  it("gives the last run's time and duration, the schema version and the events kept", () => {
    const status = JSON.parse(cli(['status', '--db', db, '--format', 'json']).stdout) as {
      database: { schema_version: number };
      events: { count: number };
      last_run: { finished: string; seconds: number };
    };
    expect(gauge(families, 'maillog_last_ingest_timestamp_seconds')).toBe(Date.parse(status.last_run.finished) / 1000);
    expect(gauge(families, 'maillog_last_ingest_duration_seconds')).toBe(status.last_run.seconds);
    expect(gauge(families, 'maillog_database_schema_version')).toBe(status.database.schema_version);
    expect(gauge(families, 'maillog_events_stored')).toBe(status.events.count);
    expect(gauge(families, 'maillog_database_size_bytes')).toBeGreaterThan(0);
  });

  it('labels no series with a recipient domain or address', () => {
    for (const { samples } of families.values()) for (const { labels } of samples) expect(Object.values(labels).join(' ')).not.toContain('@');
    const labelNames = new Set([...families.values()].flatMap((f) => f.samples.flatMap((s) => Object.keys(s.labels))));
    expect([...labelNames].sort()).toEqual(['cause', 'direction', 'format', 'host', 'kind', 'mta', 'outcome', 'severity']);
  });
});

describe.each([
  { files: ['exim/mainlog', 'exim/rejectlog'], expected: 'mainlog' },
  { files: ['postfix/syslog-rfc3164.log'], expected: 'syslog-rfc3164' },
  { files: ['qmail/qmail-send.multilog', 'qmail/qmail-smtpd.multilog'], expected: ['qmail-send.multilog', 'qmail-smtpd.multilog'] },
])('maillog metrics on $files', ({ files, expected }) => {
  const scenarios = [expected].flat().map((name) => JSON.parse(readFileSync(join(SAMPLES, 'expected', `${name}.json`), 'utf8')) as {
    own_relays: string[];
    failures: Record<string, Record<string, number>>;
    deliveries: number;
  });

  it('counts the failures per cause and outcome, and the deliveries, of the scenarios that wrote the logs', () => {
    const relays = scenarios.flatMap((s) => s.own_relays.flatMap((relay) => ['--own-relay', relay]));
    const families = metricsOf(ingested(files, ...relays));
    const failures: Record<string, Record<string, number>> = {};
    for (const { labels, value } of families.get('maillog_failures_total')!.samples) {
      const byOutcome = (failures[labels.cause] ??= {});
      byOutcome[labels.outcome] = (byOutcome[labels.outcome] ?? 0) + value;
    }
    const wanted: Record<string, Record<string, number>> = {};
    for (const s of scenarios) for (const [cause, outcomes] of Object.entries(s.failures)) for (const [outcome, n] of Object.entries(outcomes)) (wanted[cause] ??= {})[outcome] = (wanted[cause]?.[outcome] ?? 0) + n;
    expect(failures).toEqual(wanted);
    expect(total(families, 'maillog_deliveries_total')).toBe(scenarios.reduce((n, s) => n + s.deliveries, 0));
  });
});

describe('maillog metrics', () => {
  it('tells deliveries by direction: an Exim transport other than remote_smtp is our own delivery agent', () => {
    const families = metricsOf(ingested(['exim/mainlog']));
    const deliveries = readFileSync(join(SAMPLES, 'exim', 'mainlog'), 'utf8').split('\n').filter((line) => / [=-]> /.test(line));
    const remote = deliveries.filter((line) => / T=remote_smtp /.test(line)).length;
    expect(sums(families, 'maillog_deliveries_total', 'direction')).toEqual({ outbound: remote, local: deliveries.length - remote });
    expect(deliveries.length - remote).toBe(1);
  });

  it('keeps its counters when --keep-events deletes the events they were counted from', () => {
    const kept = metricsOf(ingested(['postfix/syslog-rfc3164.log']));
    // The sample's lines are of 2026-11-22: a day's keeping, measured back from now, keeps none of them.
    const pruned = metricsOf(ingested(['postfix/syslog-rfc3164.log'], '--keep-events', '1d'));
    expect(gauge(kept, 'maillog_events_stored')).toBeGreaterThan(0);
    expect(gauge(pruned, 'maillog_events_stored')).toBe(0);
    for (const name of COUNTERS) expect(pruned.get(name)!.samples, name).toEqual(kept.get(name)!.samples);
  });

  it('gives a database no run has stored into yet a last ingest time of 0 and no counter samples', () => {
    const { db, path } = tempDb();
    db.close();
    const families = metricsOf(path);
    expect(gauge(families, 'maillog_last_ingest_timestamp_seconds')).toBe(0);
    for (const name of COUNTERS) expect(families.get(name)!.samples, name).toEqual([]);
  });

  it('writes a host name with quotes and backslashes so that it reads back as logged', () => {
    const log = join(tempDir(), 'mail.log');
    const host = 'mx"1\\a';
    writeFileSync(
      log,
      `Nov 22 18:46:43 ${host} postfix/smtp[101]: 4F1A2B3C4D: to=<bob@example.org>, relay=mx.example.org[192.0.2.7]:25, delay=183, delays=0/0/0.1/0, dsn=5.1.1, status=bounced (host mx.example.org[192.0.2.7] said: 550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown (in reply to RCPT TO command))\n`,
    );
    const db = join(tempDir(), 'maillog.db');
    expect(cli(['ingest', '--db', db, '--year', '2026', log]).status).toBe(0);
    expect(metricsOf(db).get('maillog_failures_total')!.samples).toEqual([
      { labels: { host, mta: 'postfix', direction: 'outbound', outcome: 'bounced', cause: 'recipient-unknown' }, value: 1 },
    ]);
  });

  it('is refused without a database, as one line', () => {
    const run = cli(['metrics', '--db', join(tempDir(), 'none.db')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^maillog: no database at .*none\.db[^\n]*\n$/);
    expect(run.stdout).toBe('');
  });
});

describe('maillog metrics --out', () => {
  let db: string;

  beforeAll(() => {
    db = ingested(['postfix/syslog-rfc3164.log']);
  });

  it('replaces the file whole with what stdout would show, leaving no temporary file', () => {
    const dir = tempDir();
    const out = join(dir, 'maillog.prom');
    writeFileSync(out, 'maillog_stale 1\n');
    const run = cli(['metrics', '--db', db, '--out', out]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(cli(['metrics', '--db', db]).stdout);
    expect(readdirSync(dir)).toEqual(['maillog.prom']);
  });

  it.each([
    ['a directory that does not exist', (d: string) => join(d, 'missing', 'maillog.prom')],
    ['a directory that is a file', (d: string) => join(d, 'file', 'maillog.prom')],
  ])('into %s is one line on stderr and exit 2, leaving no file', (_, outIn) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file'), '');
    const run = cli(['metrics', '--db', db, '--out', outIn(dir)]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^maillog: cannot write .*maillog\.prom: [^\n]+\n$/);
    expect(readdirSync(dir)).toEqual(['file']);
  });

  it('refuses to write over the database', () => {
    const before = readFileSync(db);
    const run = cli(['metrics', '--db', db, '--out', db]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^maillog: --out .* is the database/);
    expect(readFileSync(db).equals(before)).toBe(true);
  });
});
