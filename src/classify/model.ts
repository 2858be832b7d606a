// The statistical fallback for wording no rule knows: a multinomial naive
// Bayes model over the words of the masked reply and what its codes and
// stage say, trained on the labelled corpus (`npm run train` writes
// model-weights.json). It is deterministic and costs a few microseconds a
// text; the classifier asks it only where no rule matched on words, and only
// once per distinct reason (its caches sit in front).
//
// Naive Bayes over sparse counts rather than a library's logistic
// regression: on this corpus both are right about as often in grouped
// cross-validation (72% and 71%), dense-matrix libraries train slowly and
// store every weight, and this model is a table of counts that reads and
// diffs in review. Its posterior is over-confident, as naive Bayes' is, so
// the confidence it reports is the precision cross-validation measured at
// that posterior (`calibration`), not the posterior itself.

import type { SmtpStage } from '../../parsers/events.js';
import type { CauseId } from './causes.js';

/** What the model sees of a failure: the same facts the rules see. */
export interface ModelInput {
  masked: string;
  code: number | null;
  status: string | null;
  stage: SmtpStage | null;
}

export interface ModelWeights {
  /** Bumped when features() changes: weights of another version are refused. */
  version: number;
  causes: CauseId[];
  /** Training texts per cause (the prior). */
  texts: number[];
  /** Per feature, the texts of each cause that have it, as pairs: cause index, count. */
  counts: Record<string, number[]>;
  /** Posterior floors and the share right above each in grouped cross-validation, highest floor first. */
  calibration: [number, number][];
}

export interface Prediction {
  cause: CauseId;
  /** How often a prediction this sure was right on wording the model had not seen, 0-1. */
  confidence: number;
}

export const FEATURES_VERSION = 1;

/** Placeholders masking leaves: they say nothing of the cause. */
const PLACEHOLDERS = new Set(['addr', 'ip', 'x']);
// Scripts written without spaces between words: a run is read as its character pairs.
const UNSPACED = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]+$/u;
const WORD = /\p{L}[\p{L}\p{M}'’]*/gu;

/** The features of a failure, each once: words, word pairs, and the codes and stage as tokens of their own. */
export function features({ masked, code, status, stage }: ModelInput): string[] {
  const words: string[] = [];
  for (const [word] of masked.toLowerCase().matchAll(WORD)) {
    if (PLACEHOLDERS.has(word)) continue;
    if (UNSPACED.test(word)) {
      for (let i = 0; i < word.length; i++) words.push(word.slice(i, i + 2));
    } else if (word.length > 1) {
      words.push(word);
    }
  }
  const out = [...words];
  for (let i = 1; i < words.length; i++) out.push(`${words[i - 1]} ${words[i]}`);
  if (code !== null) out.push(`#code ${code}`, `#class ${Math.floor(code / 100)}xx`);
  if (status !== null) out.push(`#status ${status}`, `#subject ${status.split('.').slice(0, 2).join('.')}`);
  if (stage !== null) out.push(`#stage ${stage}`);
  // Presence, not frequency: a multi-line reply repeats its code on every line.
  return [...new Set(out)];
}

/** Counts of the features of labelled examples: the whole of training. */
export function train(examples: Iterable<{ input: ModelInput; cause: CauseId }>, calibration: [number, number][] = []): ModelWeights {
  const causes: CauseId[] = [];
  const texts: number[] = [];
  const byFeature = new Map<string, Map<number, number>>();
  for (const { input, cause } of examples) {
    let c = causes.indexOf(cause);
    if (c === -1) {
      c = causes.push(cause) - 1;
      texts.push(0);
    }
    texts[c]++;
    for (const feature of features(input)) {
      const row = byFeature.get(feature) ?? new Map<number, number>();
      row.set(c, (row.get(c) ?? 0) + 1);
      byFeature.set(feature, row);
    }
  }
  const counts: Record<string, number[]> = {};
  for (const feature of [...byFeature.keys()].sort()) counts[feature] = [...byFeature.get(feature)!].sort((a, b) => a[0] - b[0]).flat();
  return { version: FEATURES_VERSION, causes, texts, counts, calibration };
}

/** Add-alpha smoothing: a feature a cause never had does not make that cause impossible. */
const ALPHA = 0.1;

export class NaiveBayes {
  private readonly causes: CauseId[];
  private readonly calibration: [number, number][];
  private readonly logPrior: number[];
  /**
   * The log-likelihood of each cause for each feature, one feature's causes
   * after another in a single array: an array per feature cost about 200
   * bytes of V8's own besides its numbers, and with the weights' counts kept
   * too the trained model's 22,000 features held 7 MB for a whole ingest.
   */
  private readonly logLikelihood: Float64Array;
  /** Where each feature's causes start in logLikelihood. */
  private readonly rowOf = new Map<string, number>();

  constructor(weights: ModelWeights) {
    if (weights.version !== FEATURES_VERSION) throw new Error(`model weights of version ${weights.version}; this build reads version ${FEATURES_VERSION} (npm run train)`);
    const n = weights.causes.length;
    this.causes = weights.causes;
    this.calibration = weights.calibration;
    const total = weights.texts.reduce((a, b) => a + b, 0);
    this.logPrior = weights.texts.map((t) => Math.log(t / total));
    const featureTotals = new Array<number>(n).fill(0);
    for (const pairs of Object.values(weights.counts)) for (let i = 0; i < pairs.length; i += 2) featureTotals[pairs[i]] += pairs[i + 1];
    const vocabulary = Object.keys(weights.counts).length;
    const unseen = featureTotals.map((t) => Math.log(ALPHA) - Math.log(t + ALPHA * vocabulary));
    this.logLikelihood = new Float64Array(vocabulary * n);
    let start = 0;
    for (const [feature, pairs] of Object.entries(weights.counts)) {
      this.logLikelihood.set(unseen, start);
      for (let i = 0; i < pairs.length; i += 2) this.logLikelihood[start + pairs[i]] = Math.log(pairs[i + 1] + ALPHA) - Math.log(featureTotals[pairs[i]] + ALPHA * vocabulary);
      this.rowOf.set(feature, start);
      start += n;
    }
  }

  /** The likeliest cause and its posterior; null when the text has no feature the model knows. */
  posterior(input: ModelInput): { cause: CauseId; posterior: number } | null {
    const rows = features(input).flatMap((f) => this.rowOf.get(f) ?? []);
    if (rows.length === 0) return null;
    const scores = this.logPrior.map((prior, c) => rows.reduce((score, row) => score + this.logLikelihood[row + c], prior));
    const best = scores.indexOf(Math.max(...scores));
    // Softmax from the best score down, so that the exponentials cannot underflow to 0/0.
    const sum = scores.reduce((s, x) => s + Math.exp(x - scores[best]), 0);
    return { cause: this.causes[best], posterior: 1 / sum };
  }

  predict(input: ModelInput): Prediction | null {
    const p = this.posterior(input);
    if (!p) return null;
    const band = this.calibration.find(([floor]) => p.posterior >= floor);
    return { cause: p.cause, confidence: band ? band[1] : 0 };
  }
}
