// The commands as an administrator runs them, on the bundled samples.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EVENT_FIELDS } from '../src/export.js';
import { cli, SAMPLES, tempDir } from './helpers.js';

let db: string;
let dir: string;
const SAMPLE = join(SAMPLES, 'postfix', 'maillog_file.log');
// What the sample holds, from its expected file: the numbers below follow the samples when they are regenerated.
const expected = JSON.parse(readFileSync(join(SAMPLES, 'expected', 'maillog_file.json'), 'utf8')) as {
  deliveries: number;
  failures: Record<string, Record<string, number>>;
  recipients: Record<string, Record<string, string>>;
};
const sampleLineCount = readFileSync(SAMPLE, 'utf8').split('\n').length - 1;
const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, n) => a + n, 0);
const total = Object.values(expected.failures).reduce((a, byOutcome) => a + sum(byOutcome), 0);
/** Outbound failures of the sample, from the database it produces: its local and inbound ones are reported apart. */
const outboundServerDown = 15;
const outboundTotal = 63;
const deferred = Object.values(expected.failures).reduce((a, byOutcome) => a + (byOutcome.deferred ?? 0), 0);

beforeAll(() => {
  dir = tempDir(true);
  db = join(dir, 'maillog.db');
  const run = cli(['ingest', '--year', '2026', SAMPLE], { env: { MAILLOG_DB: db } });
  expect(run.status).toBe(0);
});

describe('report', () => {
  it('breaks failures down by cause, with shares, titles and parse coverage, within 80 columns', () => {
    const run = cli(['report', '--db', db, '--count', 'attempts']);
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^All stored data \(times in .+\)$/);
    expect(lines[2]).toMatch(/^Summary\s+messages\s+bytes$/);
    const outbound = lines.indexOf(`Outbound (mail we could not deliver): ${outboundTotal} failures`);
    expect(outbound).toBe(lines.indexOf('', 2) + 1);
    expect(lines[outbound + 2]).toMatch(/^cause\s+failures\s+share\s+what it means$/);
    const share = ((outboundServerDown / outboundTotal) * 100).toFixed(1).replace('.', '\\.');
    expect(run.stdout).toMatch(new RegExp(`recipient-server-down\\s+${outboundServerDown}\\s+${share}%\\s+Remote server down or unreachable`));
    expect(run.stdout).toContain(`${total} failures in all.`);
    expect(run.stdout).toMatch(new RegExp(`Parse coverage:[\\s\\S]*…\\S*/postfix/maillog_file\\.log\\s+postfix\\s+${sampleLineCount}\\s+${sampleLineCount}\\s+0\\s+0`));
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('reads while another run holds the write lock', async () => {
    const { openDatabase } = await import('../src/store/database.js');
    const writer = openDatabase(db);
    writer.exec('BEGIN IMMEDIATE');
    try {
      const run = cli(['report', '--db', db, '--format', 'json', '--count', 'attempts']);
      expect(run.status).toBe(0);
      expect(JSON.parse(run.stdout).total).toBe(total);
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
  });

  it('gives failures, deliveries and failure rate per domain', () => {
    const run = cli(['report', '--db', db, '--by', 'domain', '--format', 'json']);
    const { rows } = JSON.parse(run.stdout) as { rows: Record<string, unknown>[] };
    const mixed = rows.find((r) => r.domain === 'mixed.test');
    expect(mixed).toMatchObject({ count: 1, permanent: 1, delivered: 1, failure_rate: 0.5 });
  });

  it('filters by cause and writes CSV', () => {
    const run = cli(['report', '--db', db, '--by', 'domain', '--cause', 'recipient-unknown', '--format', 'csv']);
    expect(run.status).toBe(0);
    const [header, ...rows] = run.stdout.trimEnd().split('\r\n');
    expect(header).toBe('domain,count,share,permanent,delivered,failure_rate,median_delay_seconds,p95_delay_seconds,max_delay_seconds');
    // The sample's own domain (a pipe delivery failed there, and the SMTP server refused an unknown user of it) is no destination.
    const unknownDomains = Object.entries(expected.recipients)
      .filter(([, byOutcome]) => Object.values(byOutcome).includes('recipient-unknown'))
      .map(([recipient]) => recipient.split('@')[1])
      .filter((domain) => domain !== 'mail1.example.net');
    expect(rows.map((r) => r.split(',')[0]).sort()).toEqual([...new Set(unknownDomains)].sort());
    expect(run.stderr).toContain('Parse coverage:');
  });

  it('still takes --format table, the earlier name of text', () => {
    const table = cli(['report', '--db', db, '--by', 'outcome', '--format', 'table']);
    expect(table.status).toBe(0);
    expect(table.stdout).toBe(cli(['report', '--db', db, '--by', 'outcome']).stdout);
    expect(cli(['status', '--db', db, '--format', 'table']).status).toBe(0);
  });

  it('groups alike texts by reason with an example and its cause', () => {
    const run = cli(['report', '--db', db, '--by', 'reason', '--format', 'json']);
    const { rows } = JSON.parse(run.stdout) as { rows: { count: number; cause: string; example: string }[] };
    const gmail = rows.find((r) => r.example.includes('The email account that you tried to reach does not exist'));
    expect(gmail).toMatchObject({ count: 2, cause: 'recipient-unknown' });
  });

  it('shows each reason’s fingerprint, and its example on the whole line below', () => {
    const { rows } = JSON.parse(cli(['report', '--db', db, '--by', 'reason', '--format', 'json']).stdout) as { rows: { fingerprint: string; cause: string }[] };
    const lines = cli(['report', '--db', db, '--by', 'reason']).stdout.split('\n');
    expect(lines[2]).toMatch(/^fingerprint\s+messages\s+share\s+cause$/);
    const row = lines.findIndex((l) => l.startsWith(rows[0].fingerprint));
    expect(lines[row]).toMatch(new RegExp(`^${rows[0].fingerprint}\\s+\\d+\\s+[\\d.]+%\\s+${rows[0].cause}$`));
    // The gmail reply is longer than a line: it is cut at the 80th column, not before.
    const gmail = lines.find((l) => l.startsWith('    550-5.1.1 The email account'));
    expect(gmail).toHaveLength(80);
    expect(gmail).toMatch(/…$/);
  });

  it('takes two dimensions and date bounds', () => {
    const run = cli(['report', '--db', db, '--by', 'day', '--by', 'outcome', '--since', '2026-11-22', '--until', '2026-11-22', '--format', 'json', '--count', 'attempts']);
    const { rows } = JSON.parse(run.stdout) as { rows: { day: string; outcome: string; count: number }[] };
    expect(rows.find((r) => r.outcome === 'deferred')).toEqual(expect.objectContaining({ day: '2026-11-22', count: deferred }));
    const none = cli(['report', '--db', db, '--since', '2026-11-23', '--format', 'json']);
    expect(JSON.parse(none.stdout).total).toBe(0);
  });
});

describe('export', () => {
  it('writes events as RFC 4180 CSV with the documented header', () => {
    const run = cli(['export', '--db', db]);
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\r\n');
    expect(lines[0]).toBe(EVENT_FIELDS.join(','));
    expect(lines[0]).toBe('time,mta,host,queue_id,sender,recipient,recipient_domain,relay,reply_code,enhanced_status,stage,outcome,direction,cause,rule,diagnostic,fingerprint,source,line,confidence');
    expect(lines.filter((l) => l !== '')).toHaveLength(total + 1);
    // Quoted where a comma, quote or line break demands it, and only there.
    expect(run.stdout).toContain(',"host 127.0.0.1[127.0.0.1] said: 550-5.1.1 The email account that you tried to reach does not exist. Please try 550-5.1.1 double-checking the recipient\'s email address for typos or 550-5.1.1 unnecessary spaces. For more information, go to');
    expect(run.stdout).toContain(',host 127.0.0.1[127.0.0.1] said: 550 5.7.1 Service unavailable; Client host [127.0.0.1] blocked using zen.spamhaus.org;');
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    const d = tempDir();
    const log = join(d, 'mail.log');
    const line =
      'Nov 22 19:50:09 mail1 postfix/smtpd[3395]: NOQUEUE: reject: RCPT from unknown[192.0.2.9]: 554 5.7.1 <=cmd|calc@evil.example>: Sender address rejected: Access denied; from=<=cmd|calc@evil.example> to=<@victim.example> proto=ESMTP helo=<+evil>\n';
    writeFileSync(log, line);
    expect(cli(['ingest', '--db', join(d, 'x.db'), '--year', '2026', log]).status).toBe(0);
    const run = cli(['export', '--db', join(d, 'x.db')]);
    const row = run.stdout.split('\r\n')[1];
    expect(row).toContain(",'=cmd|calc@evil.example,'@victim.example,");
    expect(row).not.toMatch(/,=cmd/);
  });

  it('writes NDJSON with the same keys in the same order, to a file', () => {
    const out = join(dir, 'events.ndjson');
    const run = cli(['export', '--db', db, '--format', 'ndjson', '--out', out]);
    expect(run.stderr).toBe(`wrote ${total} events to ${out}\n`);
    const first = JSON.parse(readFileSync(out, 'utf8').split('\n')[0]) as Record<string, unknown>;
    expect(Object.keys(first)).toEqual([...EVENT_FIELDS]);
    expect(first.source).toBe(SAMPLE);
  });

  it('exports the events of one reason, named by the start of its fingerprint', () => {
    const { rows } = JSON.parse(cli(['report', '--db', db, '--by', 'reason', '--count', 'attempts', '--format', 'json']).stdout) as { rows: { fingerprint: string; count: number }[] };
    const reason = rows.find((r) => !rows.some((o) => o !== r && o.fingerprint.startsWith(r.fingerprint.slice(0, 8))))!;
    const run = cli(['export', '--db', db, '--fingerprint', reason.fingerprint.slice(0, 8).toUpperCase(), '--format', 'ndjson']);
    expect(run.status).toBe(0);
    const events = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { fingerprint: string });
    expect(events).toHaveLength(reason.count);
    expect(new Set(events.map((e) => e.fingerprint))).toEqual(new Set([reason.fingerprint]));
  });

  it('refuses a fingerprint no failure has, or the start of several, in one line', () => {
    const unknown = cli(['export', '--db', db, '--fingerprint', 'ffffffffffffffff']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe('maillog: --fingerprint ffffffffffffffff: no stored failure has this fingerprint\n');
    expect(unknown.stdout).toBe('');
    const { rows } = JSON.parse(cli(['report', '--db', db, '--by', 'reason', '--format', 'json']).stdout) as { rows: { fingerprint: string }[] };
    const shared = [...'0123456789abcdef'].find((c) => rows.filter((r) => r.fingerprint.startsWith(c)).length > 1)!;
    const several = cli(['export', '--db', db, '--fingerprint', shared]);
    expect(several.status).toBe(2);
    expect(several.stderr).toMatch(new RegExp(`^maillog: --fingerprint ${shared} is the start of (?:two|several) fingerprints \\(${shared}[0-9a-f]{15}, ${shared}[0-9a-f]{15}(?:, …)?\\): give more of it\n$`));
  });

  it('exports daily aggregates with deliveries', () => {
    const run = cli(['export', '--db', db, '--what', 'aggregates', '--format', 'ndjson']);
    const rows = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { outcome: string; count: number });
    expect(rows.filter((r) => r.outcome === 'delivered').reduce((a, r) => a + r.count, 0)).toBe(expected.deliveries);
    expect(rows.filter((r) => r.outcome !== 'delivered').reduce((a, r) => a + r.count, 0)).toBe(total);
  });
});

describe('classify', () => {
  it('prints the cause and its evidence', () => {
    const run = cli(['classify', '550 5.1.1 <a@b.c>: Recipient address rejected: User unknown']);
    expect(run.stdout).toMatch(/^cause: +recipient-unknown/m);
    expect(run.stdout).toMatch(/^reply code: +550$/m);
    expect(run.stdout).toMatch(/^enhanced status: +5\.1\.1$/m);
  });

  it('reads one text per line from stdin and writes JSON Lines', () => {
    const run = cli(['classify', '-', '--format', 'json'], { input: '530 5.7.0 Authentication required\n\n550 mailbox temporarily disabled\n' });
    const results = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { cause: string; reply_code: number });
    expect(results.map((r) => r.cause)).toEqual(['auth-required', 'mailbox-disabled']);
    expect(results[0].reply_code).toBe(530);
  });

  it('still takes --json, the earlier spelling of --format json', () => {
    const run = cli(['classify', '--json', '550 5.1.1 <bob@b.example>: User unknown']);
    expect(JSON.parse(run.stdout)).toMatchObject({ cause: 'recipient-unknown', reply_code: 550 });
    expect(cli(['classify', '--help']).stdout).not.toContain('--json');
  });

});

describe('unclassified', () => {
  const unclassified = sum(expected.failures.unclassified);

  it('lists the reasons no rule knows, masked, most frequent first', () => {
    const run = cli(['unclassified', '--db', db]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^${unclassified} unclassified failures?, 1 distinct reason:`));
    expect(run.stdout).toMatch(new RegExp(`#1  ${unclassified} failures?, 1 recipient domain, 2026-\\d\\d-\\d\\d.*, fingerprint [0-9a-f]{16}\\n +554 Go away\\n`));
    // A reply that says nothing gets no guess either: the model learnt such replies as unclassified.
    expect(run.stdout).not.toMatch(/the model's guess/);
  });

  it('counts one reply once when Postfix, Exim and qmail wrap it differently', () => {
    const all = join(tempDir(), 'all.db');
    const other = (name: string) => sum((JSON.parse(readFileSync(join(SAMPLES, 'expected', `${name}.json`), 'utf8')) as typeof expected).failures.unclassified);
    const files = [SAMPLE, join(SAMPLES, 'exim', 'mainlog'), join(SAMPLES, 'qmail', 'qmail-send.multilog')];
    expect(cli(['ingest', '--db', all, '--year', '2026', ...files]).status).toBe(0);
    const run = cli(['unclassified', '--db', all, '--format', 'json']);
    const report = JSON.parse(run.stdout) as { reasons: number; rows: { reason: string; count: number }[] };
    expect(report.reasons).toBe(1);
    expect(report.rows[0]).toMatchObject({ reason: '554 Go away', count: unclassified + other('mainlog') + other('qmail-send.multilog') });
  });

  it('takes --top and the report filters', () => {
    expect(cli(['unclassified', '--db', db, '--top', '0']).stderr).toBe('maillog: --top takes a positive whole number\n');
    expect(cli(['unclassified', '--db', db, '--domain', 'nowhere.example']).stdout).toBe('no unclassified failures match\n');
    const csv = cli(['unclassified', '--db', db, '--format', 'csv', '--top', '1']).stdout.split('\r\n');
    expect(csv[0]).toBe('count,domains,first_seen,last_seen,reason,fingerprint,example,guess,guess_confidence');
    expect(csv[1]).toMatch(new RegExp(`^${unclassified},1,2026-.*,554 Go away,[0-9a-f]{16},host 127\\.0\\.0\\.1\\[127\\.0\\.0\\.1\\] said: 554 Go away \\(in reply to RCPT TO command\\),,$`));
  });
});

describe('site rules on the command line', () => {
  function rules(text: string): string {
    const path = join(tempDir(), 'rules.yaml');
    writeFileSync(path, text);
    return path;
  }

  it('ingest --rules classifies with the site rules first', () => {
    const path = rules('rules:\n  - id: partner-go-away\n    cause: recipient-antispam\n    text: 554 Go away\n');
    const siteDb = join(tempDir(), 'site.db');
    expect(cli(['ingest', '--db', siteDb, '--year', '2026', '--rules', path, SAMPLE]).status).toBe(0);
    expect(cli(['unclassified', '--db', siteDb]).stdout).toBe('no unclassified failures match\n');
    const rows = cli(['export', '--db', siteDb, '--format', 'ndjson', '--cause', 'recipient-antispam']).stdout.trim().split('\n').map((l) => JSON.parse(l) as { rule: string });
    expect(rows.filter((r) => r.rule === 'partner-go-away')).toHaveLength(sum(expected.failures.unclassified));
  });

  it('classify --rules shows the site rule that decided', () => {
    const path = rules('rules:\n  - {id: partner-go-away, cause: recipient-antispam, text: Go away}\n');
    expect(cli(['classify', '--rules', path, '554 Go away']).stdout).toMatch(/^rule: +partner-go-away$/m);
  });

  it('refuses a bad rules file in one line, before touching the database', () => {
    const path = rules('rules:\n  - id: a\n    cause: spam\n    text: x\n');
    const untouched = join(tempDir(), 'untouched.db');
    const run = cli(['ingest', '--db', untouched, '--rules', path, SAMPLE]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^maillog: ${path.replace(/[.]/g, '\\.')}:3: rules\\[0\\]\\.cause: "spam" is not a cause id; valid: [^\\n]*\\n$`));
    expect(existsSync(untouched)).toBe(false);
  });
});

describe('reclassify', () => {
  it('moves stored failures, and their daily counts, to what the rules now say', async () => {
    const path = join(tempDir(), 'rules.yaml');
    writeFileSync(path, 'rules:\n  - {id: partner-go-away, cause: recipient-antispam, text: 554 Go away}\n');
    const copy = join(tempDir(), 'copy.db');
    expect(cli(['ingest', '--db', copy, '--year', '2026', SAMPLE]).status).toBe(0);
    const unclassified = sum(expected.failures.unclassified);

    const run = cli(['reclassify', '--db', copy, '--rules', path]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`${String(unclassified).padStart(8)}  unclassified → recipient-antispam\n${total} failures classified again; ${unclassified} changed cause\n`);

    const { openDatabase } = await import('../src/store/database.js');
    const check = openDatabase(copy, { readonly: true });
    try {
      const fromEvents = check.prepare('SELECT cause, count(*) AS n FROM events GROUP BY cause ORDER BY cause').all();
      const fromAggregates = check.prepare('SELECT cause, sum(count) AS n FROM failures_daily GROUP BY cause ORDER BY cause').all();
      expect(fromAggregates).toEqual(fromEvents);
      expect(fromEvents).not.toContainEqual(expect.objectContaining({ cause: 'unclassified' }));
    } finally {
      check.close();
    }
    // Without the site rule, the built-in rules alone put them back.
    expect(cli(['reclassify', '--db', copy]).stdout).toContain(`unclassified\n${total} failures classified again; ${unclassified} changed cause\n`);
  });
});

describe('explain and compare', () => {
  it('explains 550 with the causes it can mean and this site’s failures of the last 30 days', async () => {
    const run = cli(['explain', '550', '--db', db]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^SMTP 550 — .+\nClass: permanent negative completion \(defined in: RFC 5321\)\nDescription\n(?: {2}.+\n)+When you see it\n(?: {2}.+\n)+How to fix\n(?: {2}.+\n)+/);
    for (const line of run.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    const { openDatabase } = await import('../src/store/database.js');
    const check = openDatabase(db, { readonly: true });
    const since = new Date(Date.now() - 30 * 86_400_000).toISOString();
    const n = check.prepare('SELECT count(*) FROM events WHERE reply_code = 550 AND time >= ?').pluck().get(since);
    check.close();
    expect(run.stdout).toContain(`Causes it can mean (This site, last 30 days: ${n} failures)`);
    expect(run.stdout).toMatch(/^ +\d+  recipient-unknown — Recipient address does not exist$/m);
  });

  it('uses the seeds’ Vietnamese labels with --lang vi, and gives JSON', () => {
    const vi = cli(['explain', '550 5.1.1', '--lang', 'vi']);
    expect(vi.stdout).toContain('\n  recipient-unknown — Địa chỉ người nhận không tồn tại\n');
    expect(JSON.parse(cli(['explain', 'throttled', '--lang', 'vi', '--format', 'json']).stdout)).toMatchObject({ title: 'Bị greylisting hoặc giới hạn tốc độ' });
    for (const label of ['Mô tả', 'Khi bạn thấy mã này', 'Cách khắc phục', 'Các nguyên nhân có thể']) expect(vi.stdout).toContain(`\n${label}`);
    const json = JSON.parse(cli(['explain', '5.7.26', '--format', 'json']).stdout) as { enhanced: { code: string }; causes: { id: string }[] };
    expect(json.enhanced.code).toBe('5.7.26');
    expect(json.causes[0].id).toBe('recipient-antispam');
  });

  it('compares 251 and 550 as the seed does, each code’s fix said once', () => {
    const run = cli(['compare', '251', '550']);
    expect(run.stdout).toMatch(/Key differences\n  1\. 251 is a 2xx positive completion reply, while 550 is a 5xx permanent\n\s+negative completion reply\.\n/);
    expect(run.stdout).not.toContain('How to fix');
    expect(run.stdout).toMatch(/Which calls for what\n {2}For 251 \(.+\): [^]+\n {2}For 550 \(.+\): [^]+\n$/);
    const vi = cli(['compare', '211', '550', '--lang', 'vi']);
    expect(vi.stdout).toContain('Sự khác biệt chính\n  1. 211 là mã 2xx (hoàn tất tích cực), còn 550 là mã 5xx (thất bại vĩnh viễn).\n');
    expect(vi.stdout).toContain('Khi nào dùng cái nào\n  Với 211');
  });

  it('refuses an unknown or malformed code in one line', () => {
    for (const code of ['999', '5.x']) {
      const run = cli(['explain', code]);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(new RegExp(`^maillog: ${code.replace('.', '\\.')} is not an SMTP code .*\\n$`));
    }
    expect(cli(['compare', '550', '5.9.1']).stderr).toMatch(/^maillog: 5\.9\.1: 9 is no subject of enhanced status codes/);
  });

  it('titles each code in report --by code', () => {
    const run = cli(['report', '--db', db, '--by', 'code', '--format', 'json']);
    const rows = (JSON.parse(run.stdout) as { rows: { code: string; code_title: string | null }[] }).rows;
    expect(rows.find((r) => r.code === '550 5.1.1')?.code_title).toMatch(/\S/);
    expect(cli(['report', '--db', db, '--by', 'code']).stdout.split('\n')[2]).toMatch(/^code\s+messages\s+share\s+what the code says$/);
  });
});
