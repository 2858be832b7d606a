// How well the classifier does on the labelled corpus: overall accuracy,
// precision and recall per cause, which causes it confuses, and which rules
// decided (every rule should be exercised by at least one entry).

import { CAUSE_IDS, type CauseId } from '../src/classify/causes.js';
import { Classifier, type ClassifierOptions } from '../src/classify/classifier.js';
import type { Prediction } from '../src/classify/model.js';
import type { LabelledReply } from './corpus.js';

// A relay name no real log has: entries marked own_relay come "from" it.
const OWN_RELAY = 'own-relay.corpus.invalid';

export interface Verdict {
  entry: LabelledReply;
  got: CauseId;
  rule: string | null;
  /** The model's guess where no rule matched. */
  guess: Prediction | null;
}

export interface CauseScore {
  cause: CauseId;
  /** Entries labelled with this cause. */
  support: number;
  /** Entries the classifier gave this cause. */
  predicted: number;
  correct: number;
  /** null when nothing was predicted (or labelled) as this cause. */
  precision: number | null;
  recall: number | null;
}

export interface Confusion {
  expected: CauseId;
  got: CauseId;
  verdicts: Verdict[];
}

export interface Evaluation {
  verdicts: Verdict[];
  correct: number;
  accuracy: number;
  causes: CauseScore[];
  confusions: Confusion[];
  /** How many entries each rule decided. */
  ruleHits: Map<string, number>;
}

export function classifyCorpus(entries: readonly LabelledReply[], options: ClassifierOptions = {}): Verdict[] {
  const classifier = new Classifier({ ...options, ownRelays: [...(options.ownRelays ?? []), OWN_RELAY] });
  return entries.map((entry) => {
    const c = classifier.classify({ text: entry.text, dsn: entry.dsn, stage: entry.stage, relay: entry.own_relay ? OWN_RELAY : null });
    return { entry, got: c.cause, rule: c.rule, guess: c.guess };
  });
}

export function evaluate(verdicts: readonly Verdict[]): Evaluation {
  const correct = verdicts.filter((v) => v.got === v.entry.cause).length;
  const causes = CAUSE_IDS.map((cause): CauseScore => {
    const support = verdicts.filter((v) => v.entry.cause === cause).length;
    const predicted = verdicts.filter((v) => v.got === cause).length;
    const hits = verdicts.filter((v) => v.got === cause && v.entry.cause === cause).length;
    return { cause, support, predicted, correct: hits, precision: predicted ? hits / predicted : null, recall: support ? hits / support : null };
  });
  const pairs = new Map<string, Confusion>();
  for (const v of verdicts) {
    if (v.got === v.entry.cause) continue;
    const key = `${v.entry.cause}\u0000${v.got}`;
    const pair = pairs.get(key) ?? { expected: v.entry.cause, got: v.got, verdicts: [] };
    pair.verdicts.push(v);
    pairs.set(key, pair);
  }
  const ruleHits = new Map<string, number>();
  for (const v of verdicts) if (v.rule) ruleHits.set(v.rule, (ruleHits.get(v.rule) ?? 0) + 1);
  return {
    verdicts: [...verdicts],
    correct,
    accuracy: verdicts.length ? correct / verdicts.length : 0,
    causes,
    confusions: [...pairs.values()].sort((a, b) => b.verdicts.length - a.verdicts.length || a.expected.localeCompare(b.expected)),
    ruleHits,
  };
}
