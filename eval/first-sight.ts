// A corpus batch's accuracy on its own, per labelled cause: the figure taken
// with the current build before the batch changes any rule, and what the
// model, trained without the batch, guesses where no rule matched.
//   node dist/eval/first-sight.js families-2026-12.jsonl        the whole file
//   node dist/eval/first-sight.js families-2026-12.jsonl 48     a batch appended from line 48
//   node dist/eval/first-sight.js families-2026-12.jsonl 1 47   lines 1 to 47
//   node dist/eval/first-sight.js pending/languages-2.jsonl     a batch not in the corpus yet (test/corpus/pending)

import { basename, dirname, join } from 'node:path';
import { MODEL_DECIDES_FROM } from '../src/classify/classifier.js';
import { SoftmaxModel, train } from '../src/classify/model.js';
import { CORPUS_DIR, loadCorpus } from './corpus.js';
import { classifyCorpus } from './metrics.js';
import { calibrate, crossValidate, learnable, modelInputOf } from './model.js';

/** Confidences the model could be trusted from, to weigh letting it decide. */
const DECIDING_FLOORS = [0.95, 0.9, 0.85, 0.8, 0.7];

const [path, from = '1', to = 'Infinity'] = process.argv.slice(2);
if (!path) throw new Error('usage: first-sight.js <batch file under test/corpus> [first line] [last line]');
const file = basename(path);
const lineOf = (at: string) => Number(at.slice(file.length + 1));
const inBatch = (at: string) => at.startsWith(`${file}:`) && lineOf(at) >= Number(from) && lineOf(at) <= Number(to);
const corpus = loadCorpus();
const pending = dirname(path) === '.' ? [] : loadCorpus(join(CORPUS_DIR, dirname(path))).filter((e) => e.at.startsWith(`${file}:`));
const batch = [...corpus, ...pending].filter((e) => inBatch(e.at));
if (batch.length === 0) throw new Error(`${path}: no entries`);
const known = new Set(corpus.filter((e) => !inBatch(e.at)).map((e) => e.text.replace(/\s+/g, ' ').trim()));
const repeated = batch.filter((e) => known.has(e.text.replace(/\s+/g, ' ').trim()));

// The model as it would have been had the batch never been seen.
const others = corpus.filter((e) => !inBatch(e.at));
const model = new SoftmaxModel(train(learnable(others).map((e) => ({ input: modelInputOf(e), cause: e.cause })), calibrate(crossValidate(others))));
// The rules' figure: the model only guesses here, so that each figure in FIRST-SIGHT.md means the same.
const verdicts = classifyCorpus(batch, { model, modelDecidesFrom: Infinity });
const right = (vs: typeof verdicts) => vs.filter((v) => v.got === v.entry.cause).length;
const pct = (n: number, d: number) => (d ? `${((n / d) * 100).toFixed(1)}%` : '-');
const last = Math.min(Number(to), Math.max(...verdicts.map((v) => lineOf(v.entry.at))));
const guessed = verdicts.filter((v) => v.guess !== null);
const guessedRight = guessed.filter((v) => v.guess!.cause === v.entry.cause).length;
const out = [
  `${path} lines ${from} to ${last}: ${right(verdicts)} of ${verdicts.length} right (${pct(right(verdicts), verdicts.length)})`,
  `  the model's guesses where no rule matched: ${guessedRight} of ${guessed.length} right (${pct(guessedRight, guessed.length)})`,
];
// Were the model to decide where no rule matched, from a confidence up: what it would add, and what it would cost.
for (const floor of [...new Set([...DECIDING_FLOORS, MODEL_DECIDES_FROM])].sort((a, b) => b - a)) {
  const decided = guessed.filter((v) => v.guess!.confidence >= floor);
  const decidedRight = decided.filter((v) => v.guess!.cause === v.entry.cause).length;
  // A reply labelled unclassified that the rules rightly left alone is lost when the model names a cause for it.
  const lost = right(decided);
  const built = floor === MODEL_DECIDES_FROM ? ' (as built)' : '';
  out.push(`  the model deciding at ${floor} or more${built}: ${decidedRight} of ${decided.length} right; the batch ${pct(right(verdicts) - lost + decidedRight, verdicts.length)}`);
}
if (repeated.length) out.push(`  ${repeated.length} texts already in the corpus: ${repeated.map((e) => e.at).join(', ')}`);
for (const cause of [...new Set(verdicts.map((v) => v.entry.cause))].sort()) {
  const of = verdicts.filter((v) => v.entry.cause === cause);
  out.push(`  ${cause.padEnd(30)}${`${right(of)} of ${of.length}`.padStart(9)}`);
}
for (const v of verdicts) {
  if (v.got === v.entry.cause) continue;
  const guess = v.guess ? `, model guesses ${v.guess.cause} (${Math.round(v.guess.confidence * 100)}%)` : '';
  out.push(`  miss ${v.entry.at}: labelled ${v.entry.cause}, given ${v.got} (${v.rule ?? 'no rule'}${guess}): ${v.entry.text.slice(0, 100)}`);
}
process.stdout.write(`${out.join('\n')}\n`);
