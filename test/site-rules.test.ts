// Site rules files: what they add to the classifier, and how a mistake in one is reported.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Classifier } from '../src/classify/classifier.js';
import { RULES } from '../src/classify/rules.js';
import { loadSiteRules } from '../src/classify/site-rules.js';
import { tempDir } from './helpers.js';

function rulesFile(text: string, name = 'rules.yaml'): string {
  const path = join(tempDir(), name);
  writeFileSync(path, text);
  return path;
}

function classifierWith(path: string): Classifier {
  const site = loadSiteRules(path);
  return new Classifier({ rules: [...site.rules, ...RULES], ownRelays: site.ownRelays });
}

const GO_AWAY = 'host mx.example.com[192.0.2.10] said: 554 Go away (in reply to RCPT TO command)';

describe('a site rules file', () => {
  it('classifies what no built-in rule knows', () => {
    const path = rulesFile(`
rules:
  - id: partner-go-away
    cause: recipient-antispam
    text: '^554 Go away$|said: 554 Go away'
    seen: our partner's gateway
`);
    const c = classifierWith(path).classify({ text: GO_AWAY });
    expect(c).toMatchObject({ cause: 'recipient-antispam', rule: 'partner-go-away', replyCode: 554 });
  });

  it('runs ahead of the built-in rules', () => {
    const path = rulesFile(`rules:\n  - {id: crm-moved, cause: address-changed, text: 'moved to the CRM'}\n`);
    const c = classifierWith(path).classify({ text: '550 5.1.1 <a@example.com>: user unknown, moved to the CRM' });
    expect(c).toMatchObject({ cause: 'address-changed', rule: 'crm-moved' });
  });

  it('matches the masked text, so a rule need not spell out addresses or numbers', () => {
    const path = rulesFile(`rules:\n  - {id: ticket, cause: other, text: 'ticket # for ADDR'}\n`);
    expect(classifierWith(path).classify({ text: '550 ticket 48213 for bob@example.org' }).rule).toBe('ticket');
  });

  it('conditions on status, code, stage and temporariness together', () => {
    const path = rulesFile(`
rules:
  - id: mail-from-policy
    cause: sender-not-permitted
    code: 5xx
    status: '5.7.*'
    stage: MAIL FROM
    temporary: false
`);
    const classifier = classifierWith(path);
    expect(classifier.classify({ text: '550 5.7.1 Rejected', stage: 'MAIL FROM' }).rule).toBe('mail-from-policy');
    expect(classifier.classify({ text: '550 5.7.1 Rejected', stage: 'RCPT TO' }).rule).not.toBe('mail-from-policy');
    expect(classifier.classify({ text: '450 4.7.1 Rejected', stage: 'MAIL FROM' }).rule).not.toBe('mail-from-policy');
  });

  it('declares own relays, whose refusals are outbound-filter', () => {
    const path = rulesFile(`own_relays:\n  - fw.example.net\n  - 192.0.2.25\n`);
    const c = classifierWith(path).classify({ text: '550 5.7.1 Message blocked', relay: 'mx.example.com[192.0.2.25]:25' });
    expect(c).toMatchObject({ cause: 'outbound-filter', rule: 'own-relay' });
  });

  it('may be JSON', () => {
    const path = rulesFile(JSON.stringify({ own_relays: ['fw.example.net'], rules: [{ id: 'go-away', cause: 'recipient-antispam', text: 'Go away' }] }, null, 2), 'rules.json');
    expect(loadSiteRules(path).ownRelays).toEqual(['fw.example.net']);
    expect(classifierWith(path).classify({ text: GO_AWAY }).rule).toBe('go-away');
  });

  it('sets the thresholds of maillog check, each read in its own form', () => {
    const path = rulesFile('check:\n  baseline: 2w\n  min_volume: 50\n  rate_rise_points: 0.5\n');
    expect(loadSiteRules(path).check).toEqual({ baseline: 14, min_volume: 50, rate_rise_points: 0.5 });
  });

  it('may be empty', () => {
    expect(loadSiteRules(rulesFile('# nothing yet\n'))).toEqual({ rules: [], ownRelays: [], localDomains: [], check: {} });
  });
});

describe('a mistake in a rules file', () => {
  const mistakes: [string, string, RegExp][] = [
    ['an unknown cause', 'rules:\n  - id: a\n    cause: spam\n    text: x\n', /:3: rules\[0\]\.cause: "spam" is not a cause id; valid: recipient-unknown, /],
    ['unclassified as a cause', 'rules:\n  - id: a\n    cause: unclassified\n    text: x\n', /:3: rules\[0\]\.cause: "unclassified" is not a cause id/],
    ['a bad regular expression', 'rules:\n  - id: a\n    cause: other\n    text: "(unclosed"\n', /:4: rules\[0\]\.text: not a valid regular expression/],
    ['a misspelt field', 'rules:\n  - id: a\n    cause: other\n    txet: x\n', /:4: rules\[0\]\.txet: unknown field; expected one of: id, cause, text/],
    ['a misspelt top-level field', 'own_relay: [a]\n', /:1: own_relay: unknown field; expected one of: own_relays, local_domains, rules/],
    ['a missing id', 'rules:\n  - cause: other\n    text: x\n', /:2: rules\[0\]\.id: missing/],
    ['a rule without a condition', 'rules:\n  - id: a\n    cause: other\n', /:2: rules\[0\]: needs at least one condition/],
    ['a duplicate id', 'rules:\n  - {id: a, cause: other, text: x}\n  - {id: a, cause: other, text: y}\n', /:3: rules\[1\]\.id: "a" is already a rule id/],
    ['a built-in id', `rules:\n  - {id: ${RULES[0].id}, cause: other, text: x}\n`, /:2: rules\[0\]\.id: ".*" is already a rule id/],
    ['a bad status', "rules:\n  - {id: a, cause: other, status: '5.7'}\n", /:2: rules\[0\]\.status: "5\.7" is not an enhanced status code/],
    ['a bad code', 'rules:\n  - {id: a, cause: other, code: 55}\n', /:2: rules\[0\]\.code: "55" is not a reply code/],
    ['a bad stage', 'rules:\n  - {id: a, cause: other, stage: RCPT}\n', /:2: rules\[0\]\.stage: "RCPT" is not a stage/],
    ['temporary not a boolean', 'rules:\n  - {id: a, cause: other, code: 450, temporary: maybe}\n', /:2: rules\[0\]\.temporary: expected true or false/],
    ['rules not a list', 'rules: {id: a}\n', /:1: rules: expected a list of rules/],
    ['a misspelt check threshold', 'check:\n  min_volume: 5\n  quiet_minimum: 5\n', /:3: check\.quiet_minimum: unknown field; expected one of: baseline, min_volume, /],
    ['a check threshold of the wrong form', 'check:\n  min_volume: 2.5\n', /:2: check\.min_volume: expected a whole number of at least 1$/],
    ['a check baseline that is no span of days', 'check:\n  baseline: yesterday\n', /:2: check\.baseline: expected a number of days or weeks, such as 7d or 2w/],
    ['check not a mapping', 'check: [min_volume]\n', /:1: check: expected a mapping of thresholds/],
    ['broken YAML', 'rules:\n  - id: a\n   cause: other\n', /:3: not valid YAML or JSON/],
    ['broken JSON', '{"rules": [\n{"id": "a",, "cause": "other"}]}\n', /:2: not valid YAML or JSON/],
  ];
  for (const [what, text, message] of mistakes) {
    it(`names the line and field: ${what}`, () => {
      const path = rulesFile(text);
      expect(() => loadSiteRules(path)).toThrow(message);
      expect(() => loadSiteRules(path)).toThrow(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:`));
    });
  }

  it('says so when the file cannot be read', () => {
    expect(() => loadSiteRules('/nonexistent/rules.yaml')).toThrow('cannot read rules file /nonexistent/rules.yaml: ENOENT');
  });
});
