// Where the trained weights live, and loading them once, when first needed:
// a run whose every failure a rule names never reads them.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SoftmaxModel, type ModelWeights } from './model.js';

// The JSON sits beside this module's source; the build runs from dist/src/classify.
function weightsPath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const source = join(here, 'model-weights.json');
  return existsSync(source) ? source : join(here, '..', '..', '..', 'src', 'classify', 'model-weights.json');
}

export const MODEL_WEIGHTS_PATH = weightsPath();

let model: SoftmaxModel | null = null;

/** The trained model, read on first use. */
export function trainedModel(): SoftmaxModel {
  model ??= new SoftmaxModel(JSON.parse(readFileSync(MODEL_WEIGHTS_PATH, 'utf8')) as ModelWeights);
  return model;
}
