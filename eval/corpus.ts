// The labelled reply corpus (test/corpus/*.jsonl): loading and checking it.
// A malformed entry is an error naming its file and line: a corpus that
// silently drops entries would report an accuracy it does not have.

import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMTP_STAGES, type SmtpStage } from '../parsers/events.js';
import { CAUSE_IDS, type CauseId } from '../src/classify/causes.js';

// This file runs from eval/ (tests) and from dist/eval/ (npm run eval).
const here = dirname(fileURLToPath(import.meta.url));
export const CORPUS_DIR = join(here, basename(dirname(here)) === 'dist' ? '../..' : '..', 'test', 'corpus');

export interface LabelledReply {
  text: string;
  cause: CauseId;
  seen: string;
  source: string;
  stage?: SmtpStage;
  dsn?: string;
  own_relay?: boolean;
  lang?: string;
  note?: string;
  /** Where the entry is: `file.jsonl:12`. */
  at: string;
}

/** Whole log lines whose diagnostic the parsers take out before the classifier sees it. */
const LOG_FORMS: [RegExp, string][] = [
  [/^status=\w+ \(/, 'a whole Postfix status; the text is the diagnostic in its brackets'],
  [/\w_(?:Remote_host_said|does_not_like_recipient|failed_after_I_sent)\b|^delivery \d+: (?:success|failure|deferral): /, "qmail-send's escaped report; the text is the report as the qmail parser reads it (underscores as spaces, one line)"],
];

const FIELDS = new Set(['text', 'cause', 'seen', 'source', 'stage', 'dsn', 'own_relay', 'lang', 'note']);

function check(value: unknown, at: string): LabelledReply {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${at}: not a JSON object`);
  const entry = value as Record<string, unknown>;
  for (const key of Object.keys(entry)) if (!FIELDS.has(key)) throw new Error(`${at}: unknown field "${key}"`);
  for (const key of ['text', 'cause', 'seen', 'source']) {
    if (typeof entry[key] !== 'string' || (entry[key] as string).trim() === '') throw new Error(`${at}: "${key}" must be a non-empty string`);
  }
  if (!(CAUSE_IDS as readonly string[]).includes(entry.cause as string)) throw new Error(`${at}: "${entry.cause}" is not a cause id`);
  if (entry.stage !== undefined && !(SMTP_STAGES as readonly string[]).includes(entry.stage as string)) throw new Error(`${at}: "${entry.stage}" is not a stage`);
  if (entry.dsn !== undefined && !/^[245]\.\d{1,3}\.\d{1,3}$/.test(String(entry.dsn))) throw new Error(`${at}: "${entry.dsn}" is not an enhanced status code`);
  if (entry.own_relay !== undefined && typeof entry.own_relay !== 'boolean') throw new Error(`${at}: "own_relay" must be true or false`);
  // The classifier never sees these forms: an entry must hold what the parsers hand it, or it measures the wrong text.
  const logForm = LOG_FORMS.find(([form]) => form.test(entry.text as string));
  if (logForm) throw new Error(`${at}: ${logForm[1]}`);
  return { ...(entry as Omit<LabelledReply, 'at'>), at };
}

/** Every entry of every `.jsonl` file in `dir`, in file and line order. */
export function loadCorpus(dir = CORPUS_DIR): LabelledReply[] {
  const entries: LabelledReply[] = [];
  const texts = new Map<string, string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
    readFileSync(join(dir, file), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (line.trim() === '') return;
        const at = `${file}:${i + 1}`;
        let parsed: unknown;
        try {
          parsed = JSON.parse(line);
        } catch (error) {
          throw new Error(`${at}: not valid JSON: ${(error as Error).message}`);
        }
        const entry = check(parsed, at);
        const earlier = texts.get(entry.text);
        if (earlier) throw new Error(`${at}: the same text as ${earlier}`);
        texts.set(entry.text, at);
        entries.push(entry);
      });
  }
  return entries;
}
