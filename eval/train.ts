// npm run train: the model's weights from the labelled corpus, written to
// src/classify/model-weights.json with the confidence grouped
// cross-validation measured at each posterior. Deterministic: the same corpus
// gives the same file.

import { writeFileSync } from 'node:fs';
import { loadCorpus } from './corpus.js';
import { trainAll } from './model.js';
import { MODEL_WEIGHTS_PATH } from '../src/classify/model-weights.js';

const entries = loadCorpus();
const { weights, verdicts } = trainAll(entries);
// One feature a line: a retrained model diffs as the features that changed.
const lines = Object.entries(weights.weights).map(([feature, pairs]) => `    ${JSON.stringify(feature)}: ${JSON.stringify(pairs)}`);
const json = [
  '{',
  `  "version": ${weights.version},`,
  `  "causes": ${JSON.stringify(weights.causes)},`,
  `  "texts": ${JSON.stringify(weights.texts)},`,
  `  "bias": ${JSON.stringify(weights.bias)},`,
  `  "calibration": ${JSON.stringify(weights.calibration)},`,
  '  "weights": {',
  lines.join(',\n'),
  '  }',
  '}',
  '',
].join('\n');
writeFileSync(MODEL_WEIGHTS_PATH, json);
const right = verdicts.filter((v) => v.cause === v.entry.cause).length;
process.stdout.write(
  `trained on ${weights.texts.reduce((a, b) => a + b, 0)} replies, ${lines.length} features: ${MODEL_WEIGHTS_PATH}\n` +
    `grouped cross-validation: ${right} of ${verdicts.length} right (${((100 * right) / verdicts.length).toFixed(1)}%)\n` +
    `confidence by posterior: ${weights.calibration.map(([floor, share]) => `≥${floor}: ${(share * 100).toFixed(0)}%`).join(', ')}\n`,
);
