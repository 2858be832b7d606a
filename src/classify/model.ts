// The statistical fallback for wording no rule knows: a softmax (multinomial
// logistic) regression over the words of the masked reply and what its codes
// and stage say, trained on the labelled corpus (`npm run train` writes
// model-weights.json). It is deterministic and costs a few microseconds a
// text; the classifier asks it only where no rule matched on words, and only
// once per distinct reason (its caches sit in front).
//
// Regression rather than naive Bayes: on the same grouped cross-validation
// of the corpus it was chosen on (3,714 texts), it is right more often
// (76.5% against 72.3%; with each file of the corpus held out, 75.2% against
// 71.7%), and its posterior is far less over-confident (at 0.9 or more,
// right 96% of the time against 82%), so more of its verdicts are sure
// enough to decide. It is trained here, by stochastic gradient descent with
// AdaGrad steps in a fixed order, rather than by a library: the npm
// libraries for it (ml-logistic-regression, natural's classifier) hold dense
// matrices, which train slowly on 20,000 sparse features, and the few lines
// below keep training reproducible to the bit. The confidence it reports is
// the precision cross-validation measured at its posterior (`calibration`),
// not the posterior itself.

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
  /** Bumped when features() or the weights' meaning changes: weights of another version are refused. */
  version: number;
  causes: CauseId[];
  /** Training texts per cause. */
  texts: number[];
  /** Each cause's score before any feature. */
  bias: number[];
  /** Per feature, what it adds to each cause's score, as pairs: cause index, weight (weights that round to 0 left out). */
  weights: Record<string, number[]>;
  /** Posterior floors and the share right above each in grouped cross-validation, highest floor first. */
  calibration: [number, number][];
}

export interface Prediction {
  cause: CauseId;
  /** How often a prediction this sure was right on wording the model had not seen, 0-1. */
  confidence: number;
}

export const MODEL_VERSION = 2;

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

// Training: passes over the examples, each in an order shuffled by a fixed seed; a step's size
// shrinks with the gradients a weight has had (AdaGrad), and a small L2 penalty keeps weights
// of rare features modest. The constants were chosen by grouped cross-validation on the corpus,
// where a range around them is right within a point of each other.
const PASSES = 15;
const STEP = 0.3;
const L2 = 1e-3;
/** Weights are kept to this many decimals: the file stays reviewable, and smaller ones are dropped. */
const DECIMALS = 2;

/** A deterministic stream of numbers in [0, 1): a linear congruential generator. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** The model's weights, learnt from labelled examples: the whole of training. */
export function train(examples: Iterable<{ input: ModelInput; cause: CauseId }>, calibration: [number, number][] = []): ModelWeights {
  const causes: CauseId[] = [];
  const texts: number[] = [];
  const columns = new Map<string, number>();
  const rows: { columns: number[]; cause: number }[] = [];
  for (const { input, cause } of examples) {
    let c = causes.indexOf(cause);
    if (c === -1) {
      c = causes.push(cause) - 1;
      texts.push(0);
    }
    texts[c]++;
    // Column 0 is the bias, a feature every example has.
    const row = [0];
    for (const feature of features(input)) {
      let column = columns.get(feature);
      if (column === undefined) columns.set(feature, (column = columns.size + 1));
      row.push(column);
    }
    rows.push({ columns: row, cause: c });
  }
  const n = causes.length;
  const weight = new Float64Array((columns.size + 1) * n);
  // Squared gradients start at 1, so that early steps are in proportion to the gradient: a rare
  // feature's weights for causes it never went with stay near 0 instead of taking a full step.
  const squares = new Float64Array(weight.length).fill(1);
  const score = new Float64Array(n);
  const random = seeded(1);
  const order = rows.map((_, i) => i);
  for (let pass = 0; pass < PASSES; pass++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const r of order) {
      const { columns: row, cause } = rows[r];
      softmax(weight, row, n, score);
      for (let c = 0; c < n; c++) {
        const error = score[c] - (c === cause ? 1 : 0);
        for (const column of row) {
          const at = column * n + c;
          const gradient = error + L2 * weight[at];
          squares[at] += gradient * gradient;
          weight[at] -= (STEP * gradient) / Math.sqrt(squares[at]);
        }
      }
    }
  }
  const round = (w: number) => Math.round(w * 10 ** DECIMALS) / 10 ** DECIMALS || 0;
  const weights: Record<string, number[]> = {};
  for (const [feature, column] of [...columns].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const pairs: number[] = [];
    for (let c = 0; c < n; c++) {
      const w = round(weight[column * n + c]);
      if (w !== 0) pairs.push(c, w);
    }
    if (pairs.length) weights[feature] = pairs;
  }
  return { version: MODEL_VERSION, causes, texts, bias: causes.map((_, c) => round(weight[c])), weights, calibration };
}

/** Each cause's probability for a text with these feature columns, into `into`. */
function softmax(weight: Float64Array, columns: readonly number[], n: number, into: Float64Array): void {
  into.fill(0);
  for (const column of columns) for (let c = 0; c < n; c++) into[c] += weight[column * n + c];
  // From the best score down, so that the exponentials cannot overflow.
  let best = -Infinity;
  for (let c = 0; c < n; c++) best = Math.max(best, into[c]);
  let sum = 0;
  for (let c = 0; c < n; c++) sum += into[c] = Math.exp(into[c] - best);
  for (let c = 0; c < n; c++) into[c] /= sum;
}

export class SoftmaxModel {
  private readonly causes: CauseId[];
  private readonly calibration: [number, number][];
  /**
   * Each feature's weights, one feature's causes after another in a single
   * array, the bias first: an array per feature cost about 200 bytes of V8's
   * own besides its numbers.
   */
  private readonly weight: Float64Array;
  /** The column of each feature in `weight`. */
  private readonly columnOf = new Map<string, number>();

  constructor(weights: ModelWeights) {
    if (weights.version !== MODEL_VERSION) throw new Error(`model weights of version ${weights.version}; this build reads version ${MODEL_VERSION} (npm run train)`);
    const n = weights.causes.length;
    this.causes = weights.causes;
    this.calibration = weights.calibration;
    const features = Object.entries(weights.weights);
    this.weight = new Float64Array((features.length + 1) * n);
    this.weight.set(weights.bias);
    features.forEach(([feature, pairs], i) => {
      for (let p = 0; p < pairs.length; p += 2) this.weight[(i + 1) * n + pairs[p]] = pairs[p + 1];
      this.columnOf.set(feature, i + 1);
    });
  }

  /** The likeliest cause and its posterior; null when the text has no feature the model knows. */
  posterior(input: ModelInput): { cause: CauseId; posterior: number } | null {
    const columns = features(input).flatMap((f) => this.columnOf.get(f) ?? []);
    if (columns.length === 0) return null;
    const p = new Float64Array(this.causes.length);
    softmax(this.weight, [0, ...columns], this.causes.length, p);
    const best = p.indexOf(Math.max(...p));
    return { cause: this.causes[best], posterior: p[best] };
  }

  predict(input: ModelInput): Prediction | null {
    const p = this.posterior(input);
    if (!p) return null;
    const band = this.calibration.find(([floor]) => p.posterior >= floor);
    return { cause: p.cause, confidence: band ? band[1] : 0 };
  }
}
