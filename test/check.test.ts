// `maillog check` on a week of Postfix log written for each test: a steady
// week says nothing and exits 0; a last day that changes (a blocklist, a
// domain deferring, a new reason, no mail at all) says what changed and
// exits 3.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from './helpers.js';

const RELAYS: Record<string, string> = {
  'gmail.com': 'gmail-smtp-in.l.google.com[192.0.2.27]',
  'hotmail.com': 'hotmail-com.olc.protection.outlook.com[192.0.2.33]',
  'example.org': 'mx.example.org[192.0.2.9]',
  'yahoo.com': 'mta5.am0.yahoodns.net[192.0.2.46]',
};

const GMAIL_OK = '250 2.0.0 OK  1764230402 d75a77b69052e-4b2e1f3a1c2si123456qt.45 - gsmtp';
const GMAIL_NO_SUCH_USER =
  "550-5.1.1 The email account that you tried to reach does not exist. Please try 550-5.1.1 double-checking the recipient's email address for typos or 550-5.1.1 unnecessary spaces. For more information, go to 550 5.1.1  https://support.google.com/mail/?p=NoSuchUser d75a77b69052e-4b2e1f3a1c2si123456qt.45 - gsmtp";
// Gmail refusing for our IP's reputation, and Outlook.com for a Spamhaus listing (test/corpus/providers-2026-12.jsonl and causes.jsonl).
const GMAIL_IP_BLOCKED =
  '550-5.7.1 [192.0.2.183       1] Our system has detected an unusual rate of 550-5.7.1 unsolicited mail originating from your IP address. To protect our 550-5.7.1 users from spam, mail sent from your IP address has been blocked. 550-5.7.1 Please visit 550-5.7.1  https://support.google.com/mail/?p=UnsolicitedIPError to review our 550 5.7.1 Bulk Email Senders Guidelines. q16si3475662wrs.311 - gsmtp';
const OUTLOOK_SPAMHAUS =
  '550 5.7.1 Service unavailable, Client host [198.51.100.133] blocked using Spamhaus. To request removal from this list see http://www.spamhaus.org/lookup.lasso (AS3130). [AM5EUR02FT017.eop-EUR02.prod.protection.outlook.com]';
const CONNECT_TIMEOUT = 'connect to mx.example.org[192.0.2.9]:25: Connection timed out';
const TRANSACTION_FAILED = '554 Transaction failed';

/** A Postfix log, as syslog writes it (RFC 3164 stamps of November, read with --year 2026 --tz UTC). */
class PostfixLog {
  readonly lines: string[] = [];
  private messages = 0;
  private readonly seconds = new Map<number, number>();

  /** The next stamp of that day of November, from 08:00 on, a few seconds apart. */
  private stamp(day: number): string {
    const s = 8 * 3600 + (this.seconds.get(day) ?? 0);
    this.seconds.set(day, (this.seconds.get(day) ?? 0) + 7);
    const hms = [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60].map((n) => String(n).padStart(2, '0')).join(':');
    return `Nov ${String(day).padStart(2, ' ')} ${hms}`;
  }

  private queue(day: number): string {
    const id = (0x4a00000 + ++this.messages).toString(16).toUpperCase() + '1';
    this.lines.push(`${this.stamp(day)} mail1 postfix/qmgr[792]: ${id}: from=<news@example.net>, size=2048, nrcpt=1 (queue active)`);
    return id;
  }

  private to(id: string, domain: string): string {
    return `to=<user${this.messages}@${domain}>, relay=${RELAYS[domain]}:25`;
  }

  sent(day: number, domain: string, n = 1): this {
    for (let i = 0; i < n; i++) {
      const id = this.queue(day);
      const reply = domain === 'gmail.com' ? GMAIL_OK : `250 2.0.0 Ok: queued as 4dQ${this.messages}x`;
      this.lines.push(`${this.stamp(day)} mail1 postfix/smtp[844]: ${id}: ${this.to(id, domain)}, delay=1.1, delays=0.05/0.01/0.4/0.64, dsn=2.0.0, status=sent (${reply})`);
      this.lines.push(`${this.stamp(day)} mail1 postfix/qmgr[792]: ${id}: removed`);
    }
    return this;
  }

  bounced(day: number, domain: string, reply: string, n = 1): this {
    for (let i = 0; i < n; i++) {
      const id = this.queue(day);
      const dsn = /\b5\.\d\.\d+\b/.exec(reply)?.[0] ?? '5.0.0';
      this.lines.push(
        `${this.stamp(day)} mail1 postfix/smtp[844]: ${id}: ${this.to(id, domain)}, delay=0.9, delays=0.05/0.01/0.4/0.44, dsn=${dsn}, status=bounced (host ${RELAYS[domain]} said: ${reply} (in reply to RCPT TO command))`,
      );
      this.lines.push(`${this.stamp(day)} mail1 postfix/qmgr[792]: ${id}: removed`);
    }
    return this;
  }

  /** Messages that could not be sent, tried twice that day and still queued. */
  deferred(day: number, domain: string, reason: string, n = 1): this {
    for (let i = 0; i < n; i++) {
      const id = this.queue(day);
      const line = () => `${this.stamp(day)} mail1 postfix/smtp[845]: ${id}: to=<user${this.messages}@${domain}>, relay=none, delay=30, delays=0.05/0.01/30/0, dsn=4.4.1, status=deferred (${reason})`;
      this.lines.push(line(), line());
    }
    return this;
  }

  /** A usual day: 75 messages delivered to four providers, one address unknown at Gmail. */
  steadyDay(day: number): this {
    return this.sent(day, 'gmail.com', 30).bounced(day, 'gmail.com', GMAIL_NO_SUCH_USER).sent(day, 'hotmail.com', 20).sent(day, 'example.org', 15).sent(day, 'yahoo.com', 10);
  }

  /** The baseline: 20 to 26 November. */
  steadyWeek(): this {
    for (let day = 20; day <= 26; day++) this.steadyDay(day);
    return this;
  }

  /** Ingested into a database kept for the test file: each is built once, in beforeAll. */
  database(): string {
    const dir = tempDir(true);
    const log = join(dir, 'mail.log');
    writeFileSync(log, `${this.lines.join('\n')}\n`);
    const db = join(dir, 'maillog.db');
    const run = cli(['ingest', '--db', db, '--year', '2026', '--tz', 'UTC', log]);
    expect(run.stderr).toMatch(/0 skipped/);
    expect(run.status).toBe(0);
    return db;
  }
}

/** Check the 27th against the week before it. */
function check(db: string, ...args: string[]) {
  return cli(['check', '--db', db, '--since', '2026-11-27', '--until', '2026-11-27', '--tz', 'UTC', ...args]);
}

interface JsonFinding {
  severity: string;
  kind: string;
  direction: string | null;
  subject: string | null;
  summary: string;
  since: string | null;
  period: Record<string, unknown>;
  baseline: Record<string, unknown>;
  advice: string;
}

function findings(db: string, ...args: string[]): JsonFinding[] {
  const run = check(db, '--format', 'json', ...args);
  expect(run.stderr).toBe('');
  const json = JSON.parse(run.stdout) as { findings: JsonFinding[] };
  expect(run.status).toBe(json.findings.length > 0 ? 3 : 0);
  return json.findings;
}

describe('maillog check on a steady week', () => {
  let db: string;
  beforeAll(() => {
    db = new PostfixLog().steadyWeek().steadyDay(27).database();
  });

  it('prints nothing and exits 0, so cron sends no mail', () => {
    const run = check(db);
    expect(run).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('writes the periods compared and no findings in JSON', () => {
    const run = check(db, '--format', 'json');
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json).toMatchObject({
      schema: 1,
      period: { since: '2026-11-27T00:00:00.000Z', until: '2026-11-28T00:00:00.000Z', zone: 'UTC', days: 1 },
      baseline: { since: '2026-11-20T00:00:00.000Z', until: '2026-11-27T00:00:00.000Z', days: 7 },
      thresholds: { baseline: 7, min_volume: 20 },
      findings: [],
    });
  });
});

describe('a day when providers start refusing our mail for blocklists and reputation', () => {
  let db: string;
  beforeAll(() => {
    db = new PostfixLog()
      .steadyWeek()
      .sent(27, 'gmail.com', 25)
      .bounced(27, 'gmail.com', GMAIL_NO_SUCH_USER)
      .bounced(27, 'gmail.com', GMAIL_IP_BLOCKED, 5)
      .sent(27, 'hotmail.com', 12)
      .bounced(27, 'hotmail.com', OUTLOOK_SPAMHAUS, 8)
      .sent(27, 'example.org', 15)
      .sent(27, 'yahoo.com', 10)
      .database();
  });

  it('reports each list first, as critical, with the providers that refuse and since when', () => {
    const list = findings(db);
    expect(list.slice(0, 2)).toEqual([
      expect.objectContaining({
        severity: 'critical',
        kind: 'blocklist',
        direction: 'outbound',
        subject: 'Spamhaus',
        period: expect.objectContaining({ messages: 8, providers: [{ domain: 'hotmail.com', messages: 8 }] }),
        baseline: expect.objectContaining({ messages: 0 }),
      }),
      expect.objectContaining({ severity: 'critical', kind: 'blocklist', subject: 'Gmail', period: expect.objectContaining({ messages: 5, providers: [{ domain: 'gmail.com', messages: 5 }] }) }),
    ]);
    expect(list[0].since).toMatch(/^2026-11-27T08:/);
    expect(list[0].advice).toContain('Spamhaus');
  });

  it('reports the failure rates that rose: overall, of the cause, and of each domain with enough mail', () => {
    const rates = findings(db).filter((f) => f.kind === 'failure-rate');
    expect(rates.map((f) => f.subject)).toEqual([null, 'recipient-antispam', 'hotmail.com', 'gmail.com']);
    expect(rates[2]).toMatchObject({ period: { failed: 8, messages: 20, failure_rate: 0.4 }, baseline: { failed: 0, messages: 140, failure_rate: 0 } });
  });

  it('exits 3 with a text that names the list, the provider, since when and what to do', () => {
    const run = check(db);
    expect(run.status).toBe(3);
    expect(run.stderr).toBe('');
    const [heading, first] = run.stdout.split('\n\n');
    expect(heading).toBe('maillog check: 2 critical, 4 warnings\nFrom 2026-11-27 00:00 to 2026-11-28 00:00 (UTC)\ncompared with the 7 days before');
    expect(first.replace(/\s+/g, ' ')).toMatch(
      /^CRITICAL 8 messages refused by the Spamhaus blocklist, none in the baseline: hotmail\.com \(8\) since 2026-11-27 08:\d\d What to do: Look up our sending IPs and domain at Spamhaus;/,
    );
    for (const line of run.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });
});

describe('a destination that starts deferring', () => {
  let db: string;
  beforeAll(() => {
    db = new PostfixLog()
      .steadyWeek()
      .sent(27, 'gmail.com', 30)
      .bounced(27, 'gmail.com', GMAIL_NO_SUCH_USER)
      .sent(27, 'hotmail.com', 20)
      .sent(27, 'example.org', 3)
      .deferred(27, 'example.org', CONNECT_TIMEOUT, 12)
      .sent(27, 'yahoo.com', 10)
      .database();
  });

  it('is reported with its share of deferred messages and the cause of the deferrals', () => {
    expect(findings(db)).toEqual([
      expect.objectContaining({
        severity: 'warning',
        kind: 'deferring',
        direction: 'outbound',
        subject: 'example.org',
        period: { deferred: 12, messages: 15, deferred_share: 0.8, cause: 'recipient-server-down' },
        baseline: { deferred: 0, messages: 105, deferred_share: 0 },
      }),
    ]);
  });

  it('is not reported under a higher --deferring-share', () => {
    expect(findings(db, '--deferring-share', '90')).toEqual([]);
  });

  const rulesWith = (yaml: string) => {
    const rules = join(tempDir(), 'rules.yaml');
    writeFileSync(rules, yaml);
    return rules;
  };

  it('is not reported when the rules file sets deferring_min above its mail', () => {
    expect(findings(db, '--rules', rulesWith('check:\n  deferring_min: 16\n'))).toEqual([]);
  });

  it('is reported again when a flag overrides the rules file', () => {
    expect(findings(db, '--rules', rulesWith('check:\n  deferring_min: 16\n'), '--deferring-min', '15')).toHaveLength(1);
  });
});

describe('a new unclassified reason', () => {
  let db: string;
  beforeAll(() => {
    db = new PostfixLog().steadyWeek().steadyDay(27).bounced(27, 'yahoo.com', TRANSACTION_FAILED, 5).database();
  });

  it('is reported from 5 failures, masked as maillog unclassified shows it', () => {
    const list = findings(db);
    expect(list.filter((f) => f.kind === 'new-reason')).toEqual([
      expect.objectContaining({ severity: 'warning', direction: 'outbound', period: { failures: 5, domains: 1, reason: '554 Transaction failed' }, baseline: { failures: 0 } }),
    ]);
  });

  it('is not reported below --unclassified-min', () => {
    expect(findings(db, '--unclassified-min', '6').filter((f) => f.kind === 'new-reason')).toEqual([]);
  });
});

describe('the log going quiet', () => {
  let db: string;
  beforeAll(() => {
    db = new PostfixLog().steadyWeek().database();
  });

  it('is critical when the period has no delivery at all after a week that had them', () => {
    expect(findings(db)).toEqual([
      expect.objectContaining({ severity: 'critical', kind: 'quiet-log', period: { deliveries: 0, last_delivery_day: '2026-11-26' }, baseline: { deliveries: 525, per_day: 75 } }),
    ]);
  });

  it('is not reported when the baseline averaged fewer deliveries than --quiet-min', () => {
    expect(findings(db, '--quiet-min', '76')).toEqual([]);
  });
});

describe('bad thresholds', () => {
  let path: string;
  beforeAll(() => {
    path = new PostfixLog().steadyWeek().steadyDay(27).database();
  });

  it('exit 2 with one line naming the flag', () => {
    expect(check(path, '--min-volume', 'many')).toEqual({ status: 2, stdout: '', stderr: 'maillog: --min-volume many: expected a whole number of at least 1\n' });
  });

  it('exit 2 for a baseline that is no span of days', () => {
    expect(check(path, '--baseline', '7x')).toEqual({ status: 2, stdout: '', stderr: 'maillog: --baseline 7x: expected a number of days or weeks, such as 7d or 2w (at most 365 days)\n' });
  });

  it('exit 2 with one line naming the rules file line and the unknown key', () => {
    const rules = join(tempDir(), 'rules.yaml');
    writeFileSync(rules, 'check:\n  min_volume: 20\n  rate_rise_pct: 10\n');
    expect(check(path, '--rules', rules)).toMatchObject({ status: 2, stdout: '', stderr: expect.stringMatching(/^maillog: .*rules\.yaml:3: check\.rate_rise_pct: unknown field; expected one of: baseline, min_volume, /) });
  });

  it('exit 2 with one line naming the rules file line and the key of a wrong value', () => {
    const rules = join(tempDir(), 'rules.yaml');
    writeFileSync(rules, 'check:\n  baseline: 14d\n  quiet_min: lots\n');
    expect(check(path, '--rules', rules)).toMatchObject({ status: 2, stdout: '', stderr: expect.stringMatching(/rules\.yaml:3: check\.quiet_min: expected a whole number of at least 1\n$/) });
  });
});
