// Item: a catastrophic regular expression in a site rules file hung ingest.
// Site rules run on an engine whose time is linear in the text (RE2's), and a
// pattern that needs backtracking (back-references, look-around) is refused
// with its line before anything is read.

import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Classifier } from '../../src/classify/classifier.js';
import { loadSiteRules } from '../../src/classify/site-rules.js';
import { RULES } from '../../src/classify/rules.js';
import { SAMPLES, tempDir } from '../helpers.js';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'src', 'cli.js');

function rulesFile(text: string): string {
  const path = join(tempDir(), 'rules.yaml');
  writeFileSync(path, text);
  return path;
}

const classifierWith = (path: string) => new Classifier({ rules: [...loadSiteRules(path).rules, ...RULES] });

describe('a site rule', () => {
  it('with a catastrophic pattern classifies a long hostile reply at once', () => {
    const path = rulesFile("rules:\n  - id: nested\n    cause: other\n    text: '(a+)+$'\n");
    const started = Date.now();
    const c = classifierWith(path).classify({ text: `554 ${'a'.repeat(4000)}!` });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(c.rule).not.toBe('nested');
    expect(classifierWith(path).classify({ text: '554 aaaa' }).rule).toBe('nested');
  });

  it('keeps the syntax administrators write: classes, groups, counts, alternatives, case-insensitive, Unicode', () => {
    const path = rulesFile("rules:\n  - id: partner\n    cause: recipient-antispam\n    text: '^55\\d (?:Go away|Abgelehnt)\\b.{0,20}PARTNER-\\w+ Ü'\n");
    expect(classifierWith(path).classify({ text: '554 abgelehnt by partner-gw ü' }).rule).toBe('partner');
  });

  it.each([
    ['a back-reference', '(a)\\1'],
    ['a look-behind', '(?<!Sender )address rejected'],
    ['a look-ahead', 'blocked(?= by)'],
  ])('with %s is refused with its line and field, and says why', (_what, pattern) => {
    const path = rulesFile(`rules:\n  - id: a\n    cause: other\n    text: '${pattern}'\n`);
    expect(() => loadSiteRules(path)).toThrow(/:4: rules\[0\]\.text: .*linear time/);
  });

  it('in a rules file given to ingest cannot stall it on a hostile line', () => {
    const dir = tempDir();
    const path = rulesFile("rules:\n  - id: nested\n    cause: other\n    text: '(a+)+$'\n");
    const bounced = readFileSync(join(SAMPLES, 'postfix', 'syslog-rfc3164.log'), 'utf8').split('\n').find((l) => l.includes('status=bounced'))!;
    const log = join(dir, 'mail.log');
    writeFileSync(log, `${bounced.replace('The email account', `${'a'.repeat(60_000)}! The email account`)}\n`);
    const run = spawnSync(process.execPath, [CLI, 'ingest', '--db', join(dir, 'm.db'), '--year', '2026', '--rules', path, log], { encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(', 1 failure, ');
  });
});
