// Escape sequences carried by logs (in a recipient, a reply, a file name) are
// shown, not run: text for a terminal has its control characters replaced by
// visible ones. CSV and JSON keep the data exact.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers.js';
import { renderTable } from '../../src/report/render.js';
import { terminalText } from '../../src/output.js';

const ESC = '\x1b';
const CSI = '\u009b';
/** C0 controls but tab and newline, DEL, C1 controls. */
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

const bounce = (id: string, recipient: string, reply: string) =>
  `Nov 22 21:22:16 vm postfix/smtp[844]: ${id}: to=<${recipient}>, relay=127.0.0.1[127.0.0.1]:2501, delay=0.06, delays=0.02/0.02/0/0.01, dsn=5.0.0, status=bounced (host 127.0.0.1[127.0.0.1] said: ${reply} (in reply to RCPT TO command))`;

describe('text for a terminal', () => {
  let dir: string;
  let db: string;
  let log: string;

  beforeAll(() => {
    dir = tempDir(true);
    db = join(dir, 'x.db');
    log = join(dir, `mail${ESC}[2J.log`);
    writeFileSync(
      log,
      [
        bounce('50B57160051', `"${ESC}[2J${ESC}]0;pwned\x07"@example.com`, `554 Go away ${ESC}[31mred${ESC}[0m ${CSI}31m\x7f`),
        bounce('50B57160052', 'u2@example.com', `550 5.1.1 user ${ESC}[31munknown${ESC}[0m`),
        '',
      ].join('\n'),
    );
    expect(cli(['ingest', '--db', db, '--year', '2026', log]).status).toBe(0);
  });

  function expectClean(args: string[], input?: string): string {
    const run = cli(args, { input });
    expect(run.stdout).not.toMatch(CONTROL);
    expect(run.stderr).not.toMatch(CONTROL);
    return run.stdout + run.stderr;
  }

  it('shows escape sequences of replies and file names in reports as visible characters', () => {
    const byReason = expectClean(['report', '--db', db, '--by', 'reason']);
    expect(byReason).toContain('550 5.1.1 user ␛[31munknown␛[0m');
    expect(byReason).toContain('mail␛[2J.log');
    expect(expectClean(['report', '--db', db])).toContain('mail␛[2J.log');
    expectClean(['report', '--db', db, '--by', 'sender-domain']);
  });

  it('cleans the unclassified reasons and the status sources', () => {
    expect(expectClean(['unclassified', '--db', db])).toContain('554 Go away ␛[#mred␛[#m');
    expect(expectClean(['status', '--db', db])).toContain('mail␛[2J.log');
  });

  it('cleans what classify prints of the text it was given', () => {
    expect(expectClean(['classify', `550 ${ESC}[31mred`])).toContain('␛[#mred');
    const lines = expectClean(['classify', '-'], `550 5.1.1 ${ESC}]0;pwned\x07 user unknown\n`);
    expect(lines).toContain('␛]0;pwned␇');
  });

  it('cleans error messages that quote the input', () => {
    expect(expectClean(['explain', `${ESC}[2J`])).toMatch(/^maillog: ␛\[2J is not an SMTP code/);
    expect(expectClean(['report', '--db', db, '--by', `${ESC}[2J`])).toMatch(/^maillog: unknown --by '␛\[2J'/);
    expect(expectClean(['export', '--db', db, '--out', join(dir, `out${ESC}[2J.csv`)])).toContain('out␛[2J.csv');
  });

  it('cleans the notes ingest writes about a file it names', () => {
    const odd = join(dir, `odd${ESC}[2J.log`);
    writeFileSync(odd, `${bounce('50B57160053', 'u3@example.com', '550 5.1.1 user unknown')}\n\u0000junk\n`);
    expect(expectClean(['ingest', '--db', db, '--year', '2026', odd])).toContain(`skipped 1 unparseable line in ${dir}/odd␛[2J.log`);
  });

  it('keeps CSV and JSON data exact, and the coverage beside a CSV report clean', () => {
    expect(cli(['export', '--db', db]).stdout).toContain(`user ${ESC}[31munknown${ESC}[0m`);
    const json = JSON.parse(cli(['report', '--db', db, '--by', 'reason', '--format', 'json']).stdout) as { rows: { example: string }[] };
    expect(json.rows.map((r) => r.example).join('\n')).toContain(`${ESC}[31mred${ESC}[0m ${CSI}31m\x7f`);
    const csv = cli(['report', '--db', db, '--by', 'reason', '--format', 'csv']);
    expect(csv.stdout).toContain(`${ESC}[31mred`);
    expect(csv.stderr).not.toMatch(CONTROL);
  });

  it('replaces each control character by one visible character, so table columns stay aligned', () => {
    expect(terminalText(`a${ESC}b\x07c\rd\x7fe${CSI}f\tg\nh`)).toBe('a␛b␇c␍d␡e\uFFFDf\tg\nh');
    // A right-to-left override would show "user unknown" reversed, and what follows it out of place.
    expect(terminalText('550 \u202enwonknu resu\u202c ok \u2067x\u2069')).toBe('550 \uFFFDnwonknu resu\uFFFD ok \uFFFDx\uFFFD');
    const table = terminalText(renderTable([{ key: 'k', header: 'key', numeric: false }, { key: 'n', header: 'n', numeric: true }], [{ k: `${ESC}[2J`, n: 1 }, { k: 'abcd', n: 22 }]));
    expect(table).toContain('␛[2J   1\nabcd  22\n');
    expect(new Set(table.trimEnd().split('\n').map((l) => l.length)).size).toBe(1);
  });
});
