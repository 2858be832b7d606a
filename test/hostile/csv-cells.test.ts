// CSV cells built from hostile log text: a lone carriage return, formulas
// behind whitespace or in full-width forms, quotes and commas. Every reader
// must see the same rows and cells, and no cell may start a formula.

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers.js';
import { neutralise, renderCsv } from '../../src/report/render.js';

// A smtpd reject (samples/postfix/syslog-rfc3164.log shape) carries the sender
// and recipient at the start of their cells; an smtp bounce carries the reply.
const reject = (recipient: string, sender: string) =>
  `Nov 22 19:50:09 mail1 postfix/smtpd[3395]: NOQUEUE: reject: RCPT from unknown[192.0.2.9]: 554 5.7.1 <${recipient}>: Recipient address rejected: Access denied; from=<${sender}> to=<${recipient}> proto=ESMTP helo=<mail.evil.example>`;
const bounce = (id: string, recipient: string, reply: string) =>
  `Nov 22 21:22:16 vm postfix/smtp[844]: ${id}: to=<${recipient}>, relay=127.0.0.1[127.0.0.1]:2501, delay=0.06, delays=0.02/0.02/0/0.01, dsn=5.1.1, status=bounced (host 127.0.0.1[127.0.0.1] said: ${reply} (in reply to RCPT TO command))`;

const LINES = [
  reject('\uFF1D1+1@victim.example', ' =cmd|calc@evil.example'),
  reject('\t=2+2@victim.example', '\r=3+3@evil.example'),
  reject('-2+3@victim.example', '\uFF20SUM(1)@evil.example'),
  reject('\uFF0B1@victim.example', '\uFF0D1@evil.example'),
  bounce('50B57160051', 'u1@a-nouser.test', '550 5.1.1 user unknown\r=1+1'),
  bounce('50B57160052', 'u2@a-nouser.test', '550 5.1.1 "quoted", with a comma\r=HYPERLINK("http://evil.example")'),
  bounce('50B57160053', '"\r=1+1"@a-nouser.test', '550 5.1.1 user unknown'),
];

const FORMULA = /^\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;

/** Python's csv module, as a spreadsheet importer or a script would read the file. */
function pythonRows(file: string): string[][] {
  const script = 'import csv, json, sys\nprint(json.dumps(list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))))';
  return JSON.parse(execFileSync('python3', ['-c', script, file], { encoding: 'utf8' })) as string[][];
}

describe('CSV cells from hostile log text', () => {
  let dir: string;
  let db: string;
  let exact: Record<string, unknown>[];

  beforeAll(() => {
    dir = tempDir(true);
    db = join(dir, 'x.db');
    const log = join(dir, 'mail.log');
    writeFileSync(log, `${LINES.join('\n')}\n`);
    expect(cli(['ingest', '--db', db, '--year', '2026', log]).status).toBe(0);
    const ndjson = cli(['export', '--db', db, '--format', 'ndjson']);
    exact = ndjson.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(exact).toHaveLength(LINES.length);
  });

  /** Each cell as the NDJSON export has it, or with the quote that neutralises a formula. */
  function expectSameCells(rows: string[][]): void {
    expect(rows).toHaveLength(exact.length + 1);
    const header = rows[0];
    rows.slice(1).forEach((cells, i) => {
      expect(cells).toHaveLength(header.length);
      header.forEach((key, j) => {
        const value = exact[i][key];
        const text = value === null ? '' : String(value);
        expect(cells[j]).toBe(typeof value === 'string' && FORMULA.test(value) ? `'${text}` : text);
        if (typeof value === 'string') expect(cells[j]).not.toMatch(FORMULA);
      });
    });
  }

  it('keeps every row and cell of an export for csv-parse', () => {
    const run = cli(['export', '--db', db]);
    expect(run.status).toBe(0);
    expectSameCells(parse(run.stdout, { relax_column_count: true }) as string[][]);
  });

  it('keeps every row and cell of an export for Python\'s csv module', () => {
    const out = join(dir, 'events.csv');
    expect(cli(['export', '--db', db, '--out', out]).status).toBe(0);
    expectSameCells(pythonRows(out));
  });

  it('quotes a cell holding a lone carriage return', () => {
    const run = cli(['export', '--db', db]);
    expect(run.stdout).toContain('"host 127.0.0.1[127.0.0.1] said: 550 5.1.1 user unknown\r=1+1 (in reply to RCPT TO command)"');
  });

  it('quotes the carriage return of report and unclassified CSV too', () => {
    const csv = renderCsv([{ key: 'example', header: 'example', numeric: false }], [{ example: 'a\r=1+1' }]);
    expect(csv).toBe('example\r\n"a\r=1+1"\r\n');
    const report = cli(['report', '--db', db, '--by', 'reason', '--format', 'csv']);
    expect(report.status).toBe(0);
    const rows = parse(report.stdout) as string[][];
    expect(rows.map((r) => r[rows[0].indexOf('example')])).toContain('host 127.0.0.1[127.0.0.1] said: 550 5.1.1 user unknown\r=1+1 (in reply to RCPT TO command)');
  });

  it('neutralises formulas behind leading whitespace, tab, CR or LF, and in full-width forms', () => {
    for (const value of ['=1+1', '+1', '-1+2', '@SUM(1)', ' =cmd', '  +1', '\t=1', '\r=1', '\n=1', '\u00a0=1', '\uFF1D1+1', '\uFF0B1', '\uFF0D1', '\uFF20SUM(1)', ' \uFF1D1', '\t', '\rplain']) {
      expect(neutralise(value)).toBe(`'${value}`);
    }
    for (const value of ['plain', 'a=1', 'user@example.com', '550 5.1.1', '']) expect(neutralise(value)).toBe(value);
  });

  it('leaves negative numbers in numeric columns as numbers', () => {
    const csv = renderCsv([{ key: 'count', header: 'count', numeric: true }, { key: 'code', header: 'code', numeric: false }], [{ count: -3, code: '-3' }]);
    expect(csv).toBe("count,code\r\n-3,'-3\r\n");
  });
});
