// Classification speed on the labelled corpus's real replies.
//
//   npm run bench    (after the ingest benchmark)
//
// Cold: every text is new to the classifier, so each one costs the masking
// and a pass over the rules. Same reason: the same refusals again, each to
// another recipient, as a night's log repeats them; the masked text finds the
// verdict. Same text: a deferral repeated word for word at every retry; the
// exact text finds it without masking.

import { Classifier } from '../src/classify/classifier.js';
import { loadCorpus } from '../eval/corpus.js';

const texts = loadCorpus().map((e) => e.text);
const ROUNDS = 100;
const n = texts.length * ROUNDS;

function rate(run: () => void): number {
  const start = performance.now();
  run();
  return n / ((performance.now() - start) / 1000);
}

// A cache of one entry: nothing is ever found in it.
const cold = rate(() => {
  const classifier = new Classifier({ cacheLimit: 1 });
  for (let round = 0; round < ROUNDS; round++) for (const text of texts) classifier.classify({ text });
});

const warm = new Classifier();
const sameReason = rate(() => {
  for (let round = 0; round < ROUNDS; round++) {
    for (const text of texts) warm.classify({ text: `${text} <user${round}@example.net>` });
  }
});
const sameText = rate(() => {
  for (let round = 0; round < ROUNDS; round++) for (const text of texts) warm.classify({ text });
});

const perSecond = (x: number) => `${Math.round(x).toLocaleString('en')} texts/s`;
console.log(
  `classify: ${texts.length} distinct real replies x ${ROUNDS}: ${perSecond(cold)} cold, ${perSecond(sameReason)} cached by reason, ` +
    `${perSecond(sameText)} cached by exact text (${warm.misses.toLocaleString('en')} rule passes for ${(2 * n).toLocaleString('en')} texts)`,
);
