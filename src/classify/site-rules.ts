// Site rules: a file (YAML, or JSON, which YAML reads too) an administrator
// writes to teach maillog the refusals of their own correspondents and to
// declare the site's own relays and mail domains, and to set what `maillog
// check` reports (its `check:` section). Its rules run ahead of the built-in ones.
// A mistake in it is reported with the line and the field, and nothing runs.

import { readFileSync } from 'node:fs';
import { RE2JS } from 're2js';
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type { Node, YAMLMap } from 'yaml';
import { SMTP_STAGES, type SmtpStage } from '../../parsers/events.js';
import { UserError } from '../errors.js';
import { expectedForm, THRESHOLD_KEYS, thresholdValue, type ThresholdKey, type Thresholds } from '../check/thresholds.js';
import { CAUSE_IDS, type CauseId } from './causes.js';
import { RULES, type Rule, type TextPattern } from './rules.js';

let yamlModule: typeof Yaml | undefined;

/** The YAML parser, loaded when a rules file is first read: most runs read none, and loading it would cost each of them at start-up. */
function yaml(): typeof Yaml {
  return (yamlModule ??= createRequire(import.meta.url)('yaml') as typeof Yaml);
}

export interface SiteRules {
  rules: Rule[];
  ownRelays: string[];
  /** Mail domains of this site: never listed among the destinations of outbound mail. */
  localDomains: string[];
  /** `maillog check` thresholds the file sets. */
  check: Partial<Thresholds>;
}

const TOP_KEYS = ['own_relays', 'local_domains', 'rules', 'check'] as const;
const RULE_KEYS = ['id', 'cause', 'text', 'status', 'code', 'stage', 'temporary', 'seen'] as const;
const BUILT_IN_IDS = new Set(RULES.map((r) => r.id));

/**
 * A site rule's text as RE2 compiles it (case-insensitive): its matching time
 * is linear in the text whatever the pattern, where a backtracking engine
 * can take hours on one line for a pattern such as `(a+)+$`. Null when RE2
 * cannot compile it.
 */
function linearPattern(source: string): TextPattern | null {
  try {
    const re = RE2JS.compile(source, RE2JS.CASE_INSENSITIVE);
    return { test: (text) => re.test(text) };
  } catch {
    return null;
  }
}

/** Why a text pattern was refused: what RE2 lacks, or the syntax error. */
function patternProblem(source: string): string {
  try {
    new RegExp(source);
  } catch (error) {
    return `not a valid regular expression: ${(error as Error).message}`;
  }
  return 'a pattern maillog cannot match in linear time (back-references and look-ahead or look-behind are not supported); rewrite it without them';
}

/** `5.7.1`, `5.7.*`, `4.*.*`: each part digits or `*`. */
function statusPattern(value: string): RegExp | null {
  const parts = value.split('.');
  if (parts.length !== 3 || !/^[245*]$/.test(parts[0]) || !parts.slice(1).every((p) => /^(?:\d{1,3}|\*)$/.test(p))) return null;
  return new RegExp(`^${parts.map((p) => (p === '*' ? '\\d+' : String(Number(p)))).join('\\.')}$`);
}

/** `550`, `55x`, `5xx`. */
function codePattern(value: string): RegExp | null {
  return /^[245][0-9x][0-9x]$/i.test(value) ? new RegExp(`^${value.toLowerCase().replace(/x/g, '\\d')}$`) : null;
}

class RulesFileReader {
  private readonly lines = new (yaml().LineCounter)();

  constructor(private readonly file: string) {}

  fail(node: Node | null | undefined, field: string, message: string): never {
    const offset = node?.range?.[0];
    const line = offset !== undefined ? this.lines.linePos(offset).line : 1;
    throw new UserError(`${this.file}:${line}: ${field}: ${message}`);
  }

  read(text: string): SiteRules {
    const doc = yaml().parseDocument(text, { lineCounter: this.lines, uniqueKeys: true });
    const syntax = doc.errors[0];
    if (syntax) {
      const line = syntax.linePos?.[0].line ?? 1;
      throw new UserError(`${this.file}:${line}: not valid YAML or JSON: ${syntax.message.split('\n')[0]}`);
    }
    const root = doc.contents;
    if (root === null || (yaml().isScalar(root) && root.value === null)) return { rules: [], ownRelays: [], localDomains: [], check: {} };
    if (!yaml().isMap(root)) this.fail(root, '(top level)', 'expected a mapping with "rules", "own_relays", "local_domains" and/or "check"');
    this.checkKeys(root, TOP_KEYS, '');
    return {
      ownRelays: this.strings(root.get('own_relays', true), 'own_relays', 'host names or IP addresses'),
      localDomains: this.strings(root.get('local_domains', true), 'local_domains', 'mail domains').map((d) => d.toLowerCase()),
      rules: this.rules(root.get('rules', true)),
      check: this.thresholds(root.get('check', true)),
    };
  }

  private thresholds(node: unknown): Partial<Thresholds> {
    if (node === undefined) return {};
    if (!yaml().isMap(node)) this.fail(node as Node, 'check', `expected a mapping of thresholds: ${THRESHOLD_KEYS.join(', ')}`);
    this.checkKeys(node, THRESHOLD_KEYS, 'check.');
    const values: Partial<Thresholds> = {};
    for (const pair of node.items) {
      const key = (pair.key as { value: ThresholdKey }).value;
      const value = pair.value as Node | null;
      const given = yaml().isScalar(value) && (typeof value.value === 'number' || typeof value.value === 'string') ? thresholdValue(key, value.value) : null;
      if (given === null) this.fail(value ?? (pair.key as Node), `check.${key}`, `expected ${expectedForm(key)}`);
      values[key] = given;
    }
    return values;
  }

  private checkKeys(map: YAMLMap, allowed: readonly string[], prefix: string): void {
    for (const pair of map.items) {
      const key = yaml().isScalar(pair.key) ? String(pair.key.value) : '';
      if (!allowed.includes(key)) this.fail(pair.key as Node, `${prefix}${key}`, `unknown field; expected one of: ${allowed.join(', ')}`);
    }
  }

  private strings(node: unknown, field: string, what: string): string[] {
    if (node === undefined) return [];
    if (!yaml().isSeq(node)) this.fail(node as Node, field, `expected a list of ${what}`);
    return node.items.map((item, i) => this.string(item as Node, `${field}[${i}]`));
  }

  private rules(node: unknown): Rule[] {
    if (node === undefined) return [];
    if (!yaml().isSeq(node)) this.fail(node as Node, 'rules', 'expected a list of rules');
    const seen = new Set<string>();
    return node.items.map((item, i) => {
      const rule = this.rule(item as Node, `rules[${i}]`);
      if (BUILT_IN_IDS.has(rule.id) || seen.has(rule.id)) {
        this.fail((item as YAMLMap).get('id', true) as Node, `rules[${i}].id`, `"${rule.id}" is already a rule id; ids must be unique`);
      }
      seen.add(rule.id);
      return rule;
    });
  }

  private rule(node: Node, at: string): Rule {
    if (!yaml().isMap(node)) this.fail(node, at, 'expected a mapping with id, cause and at least one of text, status, code, stage');
    this.checkKeys(node, RULE_KEYS, `${at}.`);
    const field = (key: string) => node.get(key, true) as Node | undefined;
    const idNode = field('id');
    if (!idNode) this.fail(node, `${at}.id`, 'missing');
    const id = this.string(idNode, `${at}.id`);
    const causeNode = field('cause');
    if (!causeNode) this.fail(node, `${at}.cause`, 'missing');
    const cause = this.string(causeNode, `${at}.cause`);
    if (!(CAUSE_IDS as readonly string[]).includes(cause) || cause === 'unclassified') {
      this.fail(causeNode, `${at}.cause`, `"${cause}" is not a cause id; valid: ${CAUSE_IDS.filter((c) => c !== 'unclassified').join(', ')}`);
    }
    const rule: Rule = { id, cause: cause as CauseId, seen: `site rule (${this.file})` };

    const seenNode = field('seen');
    if (seenNode) rule.seen = this.string(seenNode, `${at}.seen`);
    const textNode = field('text');
    if (textNode) {
      const source = this.string(textNode, `${at}.text`);
      rule.text = linearPattern(source) ?? this.fail(textNode, `${at}.text`, patternProblem(source));
    }
    const statusNode = field('status');
    if (statusNode) {
      const value = this.string(statusNode, `${at}.status`);
      rule.status = statusPattern(value) ?? this.fail(statusNode, `${at}.status`, `"${value}" is not an enhanced status code such as 5.1.1 or 5.7.*`);
    }
    const codeNode = field('code');
    if (codeNode) {
      const value = this.string(codeNode, `${at}.code`);
      rule.code = codePattern(value) ?? this.fail(codeNode, `${at}.code`, `"${value}" is not a reply code such as 550 or 5xx`);
    }
    const stageNode = field('stage');
    if (stageNode) {
      const value = this.string(stageNode, `${at}.stage`);
      if (!(SMTP_STAGES as readonly string[]).includes(value)) this.fail(stageNode, `${at}.stage`, `"${value}" is not a stage; valid: ${SMTP_STAGES.join(', ')}`);
      rule.stage = value as SmtpStage;
    }
    const temporaryNode = field('temporary');
    if (temporaryNode) {
      if (!yaml().isScalar(temporaryNode) || typeof temporaryNode.value !== 'boolean') this.fail(temporaryNode, `${at}.temporary`, 'expected true or false');
      rule.temporary = temporaryNode.value as boolean;
    }
    if (!rule.text && !rule.status && !rule.code && !rule.stage) {
      this.fail(node, at, 'needs at least one condition: text, status, code or stage');
    }
    return rule;
  }

  private string(node: Node, field: string): string {
    // Numbers are accepted where a code is expected (code: 550).
    if (!yaml().isScalar(node) || (typeof node.value !== 'string' && typeof node.value !== 'number') || String(node.value).trim() === '') {
      this.fail(node, field, 'expected a non-empty string');
    }
    return String(node.value).trim();
  }
}

/** The site rules in `file`; a UserError naming the line and field when the file is wrong. */
export function loadSiteRules(file: string): SiteRules {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UserError(`cannot read rules file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return new RulesFileReader(file).read(text);
}
