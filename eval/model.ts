// The model's side of the evaluation: what it is trained on, and how right it
// is on wording it has not seen. Folds are grouped by who sends the text
// (`seen`), so a provider's or product's replies are never both in training
// and in test: a fold measures wording the model never saw, not a fit.

import { createHash } from 'node:crypto';
import { Classifier } from '../src/classify/classifier.js';
import { SoftmaxModel, train, type ModelInput, type ModelWeights, type Prediction } from '../src/classify/model.js';
import type { LabelledReply } from './corpus.js';

export const FOLDS = 5;

/** Posterior floors the confidence is measured at, highest first. */
const FLOORS = [0.9999, 0.999, 0.99, 0.95, 0.9, 0.8, 0.7, 0.6, 0.5, 0];

const reader = new Classifier({ model: null });

/** What the model sees of an entry: the facts the classifier gives the rules. */
export function modelInputOf(entry: LabelledReply): ModelInput {
  return reader.modelInput({ text: entry.text, dsn: entry.dsn, stage: entry.stage });
}

/** Entries the model learns from: an own relay's refusal says who refused, not what the words mean. */
export const learnable = (entries: readonly LabelledReply[]) => entries.filter((e) => !e.own_relay);

/** The fold (0 to folds-1) of a sender of wording, by a hash of its name: stable across runs and machines. */
export function foldOf(seen: string, folds = FOLDS): number {
  return createHash('sha1').update(seen.trim().toLowerCase()).digest().readUInt32BE(0) % folds;
}

export interface HeldOutVerdict {
  entry: LabelledReply;
  /** The model's cause and posterior, trained without the entry's fold; null when it knew no feature. */
  cause: string | null;
  posterior: number;
}

/**
 * For each fold, a model trained on the others. `calibration` is the
 * posterior-to-precision table to give them (cross-validation's own, which
 * is a property of the method more than of one fold's training).
 */
export function foldModels(entries: readonly LabelledReply[], calibration: [number, number][] = [], folds = FOLDS): SoftmaxModel[] {
  const usable = learnable(entries);
  return Array.from({ length: folds }, (_, fold) => new SoftmaxModel(train(usable.filter((e) => foldOf(e.seen, folds) !== fold).map((e) => ({ input: modelInputOf(e), cause: e.cause })), calibration)));
}

/** Each learnable entry judged by a model trained on the other folds. */
export function crossValidate(entries: readonly LabelledReply[], folds = FOLDS): HeldOutVerdict[] {
  const models = foldModels(entries, [], folds);
  return learnable(entries).map((entry) => {
    const p = models[foldOf(entry.seen, folds)].posterior(modelInputOf(entry));
    return { entry, cause: p?.cause ?? null, posterior: p?.posterior ?? 0 };
  });
}

/**
 * Each learnable entry judged by a model trained on every other file of the
 * corpus: stricter than the folds by sender, since a file is a kind of
 * source (a language's catalogues, a filter's replies) the model then never saw.
 */
export function holdOutFiles(entries: readonly LabelledReply[], calibration: [number, number][]): { entry: LabelledReply; prediction: Prediction | null }[] {
  const fileOf = (e: LabelledReply) => e.at.slice(0, e.at.lastIndexOf(':'));
  const usable = learnable(entries);
  return [...new Set(usable.map(fileOf))].flatMap((file) => {
    const model = new SoftmaxModel(train(usable.filter((e) => fileOf(e) !== file).map((e) => ({ input: modelInputOf(e), cause: e.cause })), calibration));
    return usable.filter((e) => fileOf(e) === file).map((entry) => ({ entry, prediction: model.predict(modelInputOf(entry)) }));
  });
}

/** At each posterior floor, the share of held-out predictions at or above it that were right. */
export function calibrate(verdicts: readonly HeldOutVerdict[]): [number, number][] {
  return FLOORS.map((floor): [number, number] => {
    const above = verdicts.filter((v) => v.cause !== null && v.posterior >= floor);
    const right = above.filter((v) => v.cause === v.entry.cause).length;
    return [floor, above.length ? Math.round((right / above.length) * 1000) / 1000 : 0];
  });
}

/** The weights `npm run train` writes: every learnable entry, with the calibration cross-validation measured. */
export function trainAll(entries: readonly LabelledReply[]): { weights: ModelWeights; verdicts: HeldOutVerdict[] } {
  const verdicts = crossValidate(entries);
  const weights = train(learnable(entries).map((e) => ({ input: modelInputOf(e), cause: e.cause })), calibrate(verdicts));
  return { weights, verdicts };
}
