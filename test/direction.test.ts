// The default report puts mail we could not deliver first, our own delivery
// agents second and what our server refused last, each worded from our side;
// --direction narrows every report and export to one of them.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, SAMPLES, tempDir } from './helpers.js';

let db: string;

// What the bundled samples produce (all of them, ingested together), in
// failure attempts; the default report counts failed messages (below).
const OUTBOUND = 458;
const LOCAL = 65;
const INBOUND = 51;
const ATTEMPTS = ['--count', 'attempts'];

beforeAll(() => {
  db = join(tempDir(true), 'maillog.db');
  const run = cli(['ingest', '--db', db, '--year', '2026', join(SAMPLES, 'postfix'), join(SAMPLES, 'exim'), join(SAMPLES, 'qmail')]);
  expect(run.status).toBe(0);
});

interface JsonRow {
  cause: string;
  count: number;
  share: number;
  title: string;
  advice: string;
}
interface Sectioned {
  schema: number;
  sections: { direction: string; total: number; rows: JsonRow[] }[];
  total: number;
}

const json = <T>(args: string[]): T => {
  const run = cli(args);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as T;
};

function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v)]);
}

describe('the default report', () => {
  it('shows outbound, local and inbound failures in that order, each with its total, then the overall total and coverage', () => {
    const run = cli(['report', '--db', db, ...ATTEMPTS]);
    expect(run.status).toBe(0);
    const out = run.stdout;
    const outbound = out.indexOf(`Outbound (mail we could not deliver): ${OUTBOUND} failures\n`);
    const local = out.indexOf(`Local (our own delivery: local, virtual, pipe, LMTP): ${LOCAL} failures\n`);
    const inbound = out.indexOf(`Inbound (what our server refused): ${INBOUND} refusals\n`);
    const total = out.indexOf(`${OUTBOUND + LOCAL + INBOUND} failures in all.\n`);
    const coverage = out.indexOf('Parse coverage:');
    expect(out.startsWith('All stored data (times in ')).toBe(true);
    expect(out.indexOf('\n')).toBeLessThan(outbound);
    expect([local, inbound, total, coverage].every((at, i, all) => at > (i === 0 ? outbound : all[i - 1]))).toBe(true);
    for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('counts failed messages by default, a deferral retried at every attempt once', () => {
    const report = json<Sectioned>(['report', '--db', db, '--format', 'json']);
    // Each inbound refusal is a message of its own; outbound and local deferrals repeat.
    expect(report.sections.map((s) => [s.direction, s.total])).toEqual([
      ['outbound', 207],
      ['local', 18],
      ['inbound', INBOUND],
    ]);
    const text = cli(['report', '--db', db]).stdout;
    expect(text).toContain('Outbound (mail we could not deliver): 207 failed messages\n');
    expect(text).toContain(`Inbound (what our server refused): ${INBOUND} refused messages\n`);
    expect(text).toContain(`${207 + 18 + INBOUND} failed messages in all.\n`);
  });

  it('counts each cause in its own section and words it from our side', () => {
    const report = json<Sectioned>(['report', '--db', db, '--format', 'json', ...ATTEMPTS]);
    expect(report.sections.map((s) => [s.direction, s.total])).toEqual([
      ['outbound', OUTBOUND],
      ['local', LOCAL],
      ['inbound', INBOUND],
    ]);
    const row = (direction: string, cause: string) => report.sections.find((s) => s.direction === direction)!.rows.find((r) => r.cause === cause);
    expect(row('outbound', 'recipient-server-down')).toMatchObject({ count: 115, title: 'Remote server down or unreachable' });
    expect(row('outbound', 'recipient-antispam')).toMatchObject({ count: 53, title: "Refused by recipient's anti-spam" });
    expect(row('local', 'recipient-server-down')).toMatchObject({ count: 43, title: 'Our store or delivery agent unreachable' });
    expect(row('local', 'recipient-unknown')).toMatchObject({ count: 9, title: 'No such mailbox in our store' });
    expect(row('inbound', 'recipient-antispam')).toMatchObject({ count: 15, title: 'We refused a suspect client or sender' });
    expect(row('inbound', 'dns-misconfigured')).toMatchObject({ count: 6, title: 'We refused an unresolvable sender domain' });
    expect(row('inbound', 'dns-misconfigured')!.advice).not.toMatch(/MX records of the domains involved/);
    // Shares are of the section, so each section adds up to all of it.
    for (const s of report.sections) expect(s.rows.reduce((a, r) => a + r.share, 0)).toBeCloseTo(1);
  });

  it('is JSON schema 1 with snake_case keys throughout, as the --by reports are', () => {
    const report = json<Sectioned & { total: number; coverage: unknown[] }>(['report', '--db', db, '--format', 'json', ...ATTEMPTS]);
    expect(report.schema).toBe(1);
    expect(report.total).toBe(OUTBOUND + LOCAL + INBOUND);
    expect(report.coverage).toHaveLength(11);
    const byDomain = json<{ schema: number }>(['report', '--db', db, '--by', 'domain', '--format', 'json']);
    const byReason = json<{ schema: number }>(['report', '--db', db, '--by', 'sender-domain,code', '--format', 'json']);
    for (const r of [report, byDomain, byReason]) {
      expect(r.schema).toBe(1);
      for (const key of keysOf(r)) expect(key).toMatch(/^[a-z][a-z0-9_]*$/);
    }
  });

  it('is one CSV table with the direction first', () => {
    const run = cli(['report', '--db', db, '--format', 'csv', ...ATTEMPTS]);
    const [header, ...rows] = run.stdout.trimEnd().split('\r\n');
    expect(header).toBe('direction,cause,count,share,title,advice');
    const counted = (direction: string) => rows.filter((r) => r.startsWith(`${direction},`)).reduce((a, r) => a + Number(r.split(',')[2]), 0);
    expect([counted('outbound'), counted('local'), counted('inbound')]).toEqual([OUTBOUND, LOCAL, INBOUND]);
    expect(rows[0].startsWith('outbound,')).toBe(true);
    expect(rows.at(-1)!.startsWith('inbound,')).toBe(true);
  });

  it('takes --top per section, keeping each section its whole total', () => {
    const report = json<Sectioned>(['report', '--db', db, '--top', '2', '--format', 'json', ...ATTEMPTS]);
    expect(report.sections.map((s) => [s.direction, s.total, s.rows.map((r) => r.cause)])).toEqual([
      ['outbound', OUTBOUND, ['recipient-server-down', 'recipient-unknown']],
      ['local', LOCAL, ['recipient-server-down', 'mailbox-disabled']],
      ['inbound', INBOUND, ['recipient-antispam', 'message-too-large']],
    ]);
  });
});

describe('--direction', () => {
  it('narrows the report to one direction, as one table worded for it', () => {
    const report = json<{ total: number; rows: JsonRow[] }>(['report', '--db', db, '--direction', 'inbound', '--format', 'json', ...ATTEMPTS]);
    expect(report.total).toBe(INBOUND);
    expect(report.rows.find((r) => r.cause === 'recipient-unknown')).toMatchObject({ count: 8, title: 'We refused an unknown recipient of ours' });
    const text = cli(['report', '--db', db, '--direction', 'inbound', ...ATTEMPTS]).stdout;
    expect(text.split('\n')[2]).toMatch(/^cause\s+failures\s+share\s+what it means$/);
    expect(text).toContain(`${INBOUND} failures in all.`);
    expect(text).not.toContain('Outbound');
  });

  it('narrows exports of events and of aggregates', () => {
    const events = cli(['export', '--db', db, '--direction', 'local', '--format', 'ndjson']).stdout.trim().split('\n').map((l) => JSON.parse(l) as { direction: string });
    expect(events).toHaveLength(LOCAL);
    expect(events.every((e) => e.direction === 'local')).toBe(true);
    const rows = cli(['export', '--db', db, '--what', 'aggregates', '--direction', 'local', '--format', 'ndjson']).stdout.trim().split('\n').map((l) => JSON.parse(l) as { direction: string; outcome: string; count: number; recipient_domain: string });
    expect(rows.every((r) => r.direction === 'local')).toBe(true);
    expect(rows.filter((r) => r.outcome !== 'delivered').reduce((a, r) => a + r.count, 0)).toBe(LOCAL);
    // Deliveries by our own agents are stored apart from outbound ones.
    expect(rows.some((r) => r.outcome === 'delivered' && r.recipient_domain === 'mail1.example.net')).toBe(true);
  });

  it('narrows unclassified', () => {
    const all = json<{ total: number }>(['unclassified', '--db', db, '--format', 'json']).total;
    const outbound = json<{ total: number }>(['unclassified', '--db', db, '--direction', 'outbound', '--format', 'json']).total;
    const others = ['local', 'inbound'].map((d) => json<{ total: number }>(['unclassified', '--db', db, '--direction', d, '--format', 'json']).total);
    expect(outbound).toBeGreaterThan(0);
    expect(outbound + others[0] + others[1]).toBe(all);
  });

  it('refuses an unknown direction in one line that lists the valid ones', () => {
    for (const command of ['report', 'export', 'unclassified']) {
      const run = cli([command, '--db', db, '--direction', 'incoming']);
      expect(run.status).toBe(2);
      expect(run.stderr).toBe("maillog: unknown direction 'incoming'; valid directions: outbound, local, inbound\n");
    }
  });
});

describe('explain CAUSE', () => {
  it('shows the texts the report shows, outbound by default, and says the others exist', () => {
    const report = json<Sectioned>(['report', '--db', db, '--format', 'json']);
    const inReport = (direction: string) => report.sections.find((s) => s.direction === direction)!.rows.find((r) => r.cause === 'recipient-antispam')!;
    const outbound = cli(['explain', 'recipient-antispam']);
    expect(outbound.status).toBe(0);
    expect(outbound.stdout.split('\n')[0]).toBe(`recipient-antispam (outbound) — ${inReport('outbound').title}`);
    expect(outbound.stdout).toContain('Worded otherwise for inbound and local mail (--direction inbound).');
    const inbound = json<{ title: string; advice: string; other_directions: string[] }>(['explain', 'recipient-antispam', '--direction', 'inbound', '--format', 'json']);
    expect(inbound).toMatchObject({ title: inReport('inbound').title, advice: inReport('inbound').advice, other_directions: ['outbound', 'local'] });
  });

  it('words the causes of a code for the direction asked, and counts only its failures', () => {
    const inbound = json<{ causes: { id: string; title: string; count: number }[] }>(['explain', '550', '--direction', 'inbound', '--db', db, '--format', 'json']);
    expect(inbound.causes.find((c) => c.id === 'relay-denied')!.title).toBe('We refused to relay for an outside client');
    const all = json<{ siteTotal: number }>(['explain', '550', '--db', db, '--format', 'json']);
    expect((inbound as unknown as { siteTotal: number }).siteTotal).toBeLessThan(all.siteTotal);
  });
});

describe('--by domain', () => {
  interface Domains {
    own_domains: string[];
    total: number;
    rows: { domain: string; count: number; delivered: number }[];
  }

  it('lists the destinations of outbound mail only, never our own domain', () => {
    const report = json<Domains>(['report', '--db', db, '--by', 'domain', '--format', 'json', ...ATTEMPTS]);
    expect(report.own_domains).toEqual(['mail1.example.net']);
    expect(report.rows.map((r) => r.domain)).not.toContain('mail1.example.net');
    const outboundEvents = cli(['export', '--db', db, '--direction', 'outbound', '--format', 'ndjson']).stdout.trim().split('\n').map((l) => JSON.parse(l) as { recipient_domain: string });
    expect(report.total).toBe(outboundEvents.filter((e) => e.recipient_domain !== 'mail1.example.net').length);
    expect(report.rows.reduce((a, r) => a + r.count, 0)).toBe(report.total);
  });

  it('leaves out the domains named by --local-domain and by the rules file', () => {
    const rules = join(tempDir(), 'rules.yaml');
    writeFileSync(rules, 'local_domains:\n  - K-Banner421.test\n');
    const report = json<Domains>(['report', '--db', db, '--by', 'domain', '--local-domain', 'l-refused.test', '--rules', rules, '--format', 'json']);
    expect(report.own_domains).toEqual(['k-banner421.test', 'l-refused.test', 'mail1.example.net']);
    const domains = report.rows.map((r) => r.domain);
    expect(domains).not.toContain('l-refused.test');
    expect(domains).not.toContain('k-banner421.test');
    expect(domains).toContain('m2-servfail.test');
  });

  it('refuses a direction other than outbound', () => {
    const run = cli(['report', '--db', db, '--by', 'domain', '--direction', 'inbound']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^maillog: --by domain lists the destinations of outbound mail; --direction inbound does not apply/);
  });
});

describe('on an MX where inbound refusals outnumber outbound failures', () => {
  // Twelve clients refused by postscreen and smtpd, one message of ours refused by Spamhaus at the far end, one local delivery.
  const refusals = Array.from({ length: 12 }, (_, i) =>
    i % 2 === 0
      ? `Nov 22 06:0${i % 10}:1${i % 10} mx postfix/postscreen[311]: NOQUEUE: reject: RCPT from [192.0.2.${i + 1}]:4567${i % 10}: 550 5.7.1 Service unavailable; client [192.0.2.${i + 1}] blocked using zen.spamhaus.org; from=<s${i}@spam.example>, to=<bob@mx.example.org>, proto=ESMTP, helo=<h${i}>`
      : `Nov 22 06:0${i % 10}:1${i % 10} mx postfix/smtpd[312]: NOQUEUE: reject: RCPT from unknown[198.51.100.${i}]: 550 5.1.1 <nobody${i}@mx.example.org>: Recipient address rejected: User unknown in virtual mailbox table; from=<s${i}@spam.example> to=<nobody${i}@mx.example.org> proto=ESMTP helo=<h${i}>`,
  );
  const log = [
    ...refusals,
    'Nov 22 07:00:00 mx postfix/qmgr[792]: 54CE716005A: from=<alice@mx.example.org>, size=299, nrcpt=1 (queue active)',
    'Nov 22 07:00:01 mx postfix/smtp[844]: 54CE716005A: to=<victim@b-spamhaus.test>, relay=mx.b-spamhaus.test[203.0.113.5]:25, delay=0.07, delays=0.02/0.03/0.01/0, dsn=5.7.1, status=bounced (host mx.b-spamhaus.test[203.0.113.5] said: 550 5.7.1 Service unavailable; Client host [198.51.100.200] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/198.51.100.200 (in reply to RCPT TO command))',
    'Nov 22 07:00:02 mx postfix/qmgr[792]: 6ABC1160060: from=<carol@partner.example>, size=2048, nrcpt=1 (queue active)',
    'Nov 22 07:00:02 mx postfix/virtual[901]: 6ABC1160060: to=<bob@mx.example.org>, relay=virtual, delay=0.1, delays=0.05/0.01/0/0.04, dsn=2.0.0, status=sent (delivered to maildir)',
    '',
  ].join('\n');
  let mx: string;

  beforeAll(() => {
    const dir = tempDir(true);
    writeFileSync(join(dir, 'mail.log'), log);
    mx = join(dir, 'mx.db');
    expect(cli(['ingest', '--db', mx, '--year', '2026', join(dir, 'mail.log')]).status).toBe(0);
  });

  it('still shows the outbound failure first, the local section as one line, and the refusals apart', () => {
    const out = cli(['report', '--db', mx]).stdout;
    const lines = out.split('\n');
    // The summary block comes first, then the sections.
    expect(lines[2]).toMatch(/^Summary\s+messages\s+bytes$/);
    expect(out).toMatch(/\nrejected\s+12\n(?:delivery delay: .*\n)?\nOutbound \(mail we could not deliver\): 1 failed message\n/);
    expect(out).toMatch(/\nrecipient-antispam\s+1\s+100\.0%\s+Refused by recipient's anti-spam\n/);
    expect(out).toContain('\nLocal: nothing failed in this period.\n');
    expect(out).toContain('\nInbound (what our server refused): 12 refused messages\n');
    expect(out).toMatch(/\nrecipient-antispam\s+6\s+50\.0%\s+We refused a suspect client or sender\n/);
    expect(out).toMatch(/\nrecipient-unknown\s+6\s+50\.0%\s+We refused an unknown recipient of ours\n/);
    expect(out).toContain('13 failed messages in all.');
    expect(out.indexOf('Outbound')).toBeLessThan(out.indexOf('Local:'));
    expect(out.indexOf('Local:')).toBeLessThan(out.indexOf('Inbound'));
  });

  it('ranks only the destination of our mail by domain, not our own domain the refusals were for', () => {
    const report = json<{ own_domains: string[]; rows: { domain: string; count: number; failure_rate: number }[] }>(['report', '--db', mx, '--by', 'domain', '--format', 'json']);
    expect(report.own_domains).toEqual(['mx.example.org']);
    expect(report.rows).toEqual([expect.objectContaining({ domain: 'b-spamhaus.test', count: 1, failure_rate: 1 })]);
  });
});
