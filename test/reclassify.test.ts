// reclassify changes what is stored: it needs a database to change, and says
// when it would undo the decisions of the site rules the failures were
// classified with.

import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, SAMPLES, tempDir } from './helpers.js';

// Its "554 Go away" refusals are unclassified without a site rule.
const SAMPLE = join(SAMPLES, 'postfix', 'maillog_file.log');
const GO_AWAY = 'rules:\n  - {id: partner-go-away, cause: recipient-antispam, text: 554 Go away}\n';

function rulesFile(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('reclassify', () => {
  it('refuses a database that does not exist in one line, exit 2, and creates none', () => {
    const db = join(tempDir(), 'missing.db');
    const run = cli(['reclassify', '--db', db]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`maillog: no database at ${db}: run 'maillog ingest' first, or name one with --db\n`);
    expect(existsSync(db)).toBe(false);
  });

  it('warns, naming the file, when it runs without the site rules the failures were classified with', () => {
    const dir = tempDir();
    const rules = rulesFile(dir, 'rules.yaml', GO_AWAY);
    const db = join(dir, 'm.db');
    expect(cli(['ingest', '--db', db, '--rules', rules, SAMPLE]).status).toBe(0);

    const same = cli(['reclassify', '--db', db, '--rules', rules]);
    expect(same.stderr).toBe('');
    expect(same.stdout).toMatch(/; 0 changed cause\n$/);

    const without = cli(['reclassify', '--db', db]);
    expect(without.status).toBe(0);
    expect(without.stderr).toBe(
      `maillog: the stored failures were classified with the site rules ${rules}; without them their decisions are undone (give --rules ${rules} to keep them)\n`,
    );
    expect(without.stdout).toContain('recipient-antispam → unclassified');
    // What is stored now is the built-in rules' doing: nothing left to warn of.
    expect(cli(['reclassify', '--db', db]).stderr).toBe('');
  });

  it('warns when the rules given are another file, or the same file changed, than the ones that decided', () => {
    const dir = tempDir();
    const rules = rulesFile(dir, 'rules.yaml', GO_AWAY);
    const other = rulesFile(dir, 'other.yaml', GO_AWAY.replace('recipient-antispam', 'other'));
    const db = join(dir, 'm.db');
    expect(cli(['ingest', '--db', db, '--rules', rules, SAMPLE]).status).toBe(0);

    expect(cli(['reclassify', '--db', db, '--rules', other]).stderr).toBe(
      `maillog: the stored failures were classified with the site rules ${rules}, not ${other}; their decisions follow ${other} now\n`,
    );
    writeFileSync(other, GO_AWAY.replace('recipient-antispam', 'throttled'));
    expect(cli(['reclassify', '--db', db, '--rules', other]).stderr).toBe(
      `maillog: ${other} has changed since the stored failures were classified with it; their causes follow what it says now\n`,
    );
  });
});
