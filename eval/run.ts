// npm run eval: the classifier's accuracy on the labelled corpus.
//   npm run eval               summary, per-cause scores, confusion pairs
//   npm run eval -- --misses   also every misclassified entry, with its file and line

import { relative } from 'node:path';
import { MODEL_DECIDES_FROM } from '../src/classify/classifier.js';
import { RULES } from '../src/classify/rules.js';
import { CORPUS_DIR, loadCorpus } from './corpus.js';
import { classifyCorpus, evaluate } from './metrics.js';
import { calibrate, crossValidate, FOLDS, foldModels, foldOf, holdOutFiles } from './model.js';

const pct = (x: number | null) => (x === null ? '     -' : `${(x * 100).toFixed(1)}%`.padStart(6));
const showMisses = process.argv.includes('--misses');

const entries = loadCorpus();
const result = evaluate(classifyCorpus(entries));
const out: string[] = [];
const files = new Set(entries.map((e) => e.at.split(':')[0]));

out.push(`Corpus: ${entries.length} labelled replies in ${files.size} files (${relative(process.cwd(), CORPUS_DIR) || '.'})`);
out.push(`Accuracy: ${pct(result.accuracy).trim()} (${result.correct} of ${entries.length})`, '');
out.push(`${'cause'.padEnd(30)}${'labelled'.padStart(9)}${'given'.padStart(7)}${'precision'.padStart(11)}${'recall'.padStart(8)}`);
for (const c of result.causes) {
  if (c.support === 0 && c.predicted === 0) continue;
  out.push(`${c.cause.padEnd(30)}${String(c.support).padStart(9)}${String(c.predicted).padStart(7)}${pct(c.precision).padStart(11)}${pct(c.recall).padStart(8)}`);
}
out.push('', result.confusions.length ? 'Confusions (labelled → given):' : 'No confusions.');
for (const pair of result.confusions) {
  const example = pair.verdicts[0].entry;
  out.push(`  ${String(pair.verdicts.length).padStart(3)}  ${pair.expected} → ${pair.got}   e.g. ${example.at}: ${example.text.slice(0, 90)}`);
}
const unused = RULES.filter((r) => !result.ruleHits.has(r.id)).map((r) => r.id);
out.push('', unused.length ? `Rules no entry exercises: ${unused.join(', ')}` : `Every one of the ${RULES.length} built-in rules decides at least one entry.`);
// Generalisation, not fit: each fold's model never saw the wording of the senders in that fold.
const heldOut = crossValidate(entries);
const modelRight = heldOut.filter((v) => v.cause === v.entry.cause).length;
const models = foldModels(entries, calibrate(heldOut));
const combined = evaluate(entries.flatMap((e) => classifyCorpus([e], { model: models[foldOf(e.seen)] })));
// Where no rule matched: what the held-out model decided, and what it left as a guess.
const decided = combined.verdicts.filter((v) => v.rule === 'model');
const guessed = combined.verdicts.filter((v) => v.guess !== null);
// Stricter: each file held out in turn, the model trained on the others.
const byFile = holdOutFiles(entries, calibrate(heldOut));
const fileRight = byFile.filter((v) => v.prediction?.cause === v.entry.cause);
const fileDecided = byFile.filter((v) => v.prediction && v.prediction.cause !== 'unclassified' && v.prediction.confidence >= MODEL_DECIDES_FROM);
const rightOf = (vs: typeof decided, cause: (v: (typeof vs)[number]) => string) => vs.filter((v) => cause(v) === v.entry.cause).length;
out.push(
  '',
  `Grouped cross-validation (${FOLDS} folds, a sender's wording never in both training and test):`,
  `  model alone:  ${modelRight} of ${heldOut.length} right (${pct(modelRight / heldOut.length).trim()})`,
  `  model alone, each file of the corpus held out in turn: ${fileRight.length} of ${byFile.length} right (${pct(fileRight.length / byFile.length).trim()}); sure enough to decide (≥ ${MODEL_DECIDES_FROM}) on ${fileDecided.length}, right on ${fileDecided.filter((v) => v.prediction!.cause === v.entry.cause).length}`,
  `  rules and the held-out model: ${combined.correct} of ${entries.length} right (${pct(combined.accuracy).trim()})`,
  `  where no rule matched, the model decided ${decided.length} (${rightOf(decided, (v) => v.got)} right, at confidence ≥ ${MODEL_DECIDES_FROM}) and guessed ${guessed.length} (${rightOf(guessed, (v) => v.guess!.cause)} right)`,
  '  The rules were written against the whole corpus: only the model is held out here. First sight of new batches (test/corpus/FIRST-SIGHT.md) measures the rules.',
);
if (showMisses) {
  out.push('', 'Misclassified:');
  for (const v of result.verdicts) {
    if (v.got !== v.entry.cause) out.push(`  ${v.entry.at}  labelled ${v.entry.cause}, given ${v.got} (${v.rule ?? 'no rule'})`, `      ${v.entry.text}`);
  }
}
process.stdout.write(`${out.join('\n')}\n`);
