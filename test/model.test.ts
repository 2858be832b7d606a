// The statistical fallback: its features, its training, and the committed
// weights being exactly what `npm run train` makes of the corpus.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../eval/corpus.js';
import { calibrate, crossValidate, foldOf, trainAll } from '../eval/model.js';
import { features, MODEL_VERSION, SoftmaxModel, train, type ModelInput } from '../src/classify/model.js';
import { MODEL_WEIGHTS_PATH, trainedModel } from '../src/classify/model-weights.js';
import { Classifier } from '../src/classify/classifier.js';

const input = (masked: string, extra: Partial<ModelInput> = {}): ModelInput => ({ masked, code: null, status: null, stage: null, ...extra });

describe('model features', () => {
  it('are the words, the word pairs and the codes and stage, each once, without masking placeholders', () => {
    expect(features(input('550 5.1.1 <ADDR>: User unknown; user UNKNOWN', { code: 550, status: '5.1.1', stage: 'RCPT TO' }))).toEqual([
      'user', 'unknown', 'user unknown', 'unknown user', '#code 550', '#class 5xx', '#status 5.1.1', '#subject 5.1', '#stage RCPT TO',
    ]);
  });

  it('read a script written without spaces as character pairs', () => {
    expect(features(input('收件人不存在'))).toEqual(expect.arrayContaining(['收件', '存在', '不存']));
  });
});

describe('the softmax model', () => {
  const weights = train(
    [
      ['mailbox unavailable user unknown', 'recipient-unknown'],
      ['no such user here', 'recipient-unknown'],
      ['mailbox full over quota', 'mailbox-disabled'],
      ['quota exceeded mailbox full', 'mailbox-disabled'],
    ].map(([masked, cause]) => ({ input: input(masked), cause: cause as 'recipient-unknown' | 'mailbox-disabled' })),
    [[0.9, 0.85], [0, 0.5]],
  );

  it('names the cause whose words a text shares, with the confidence measured at its posterior', () => {
    const model = new SoftmaxModel(weights);
    expect(model.predict(input('the user is unknown here'))).toEqual({ cause: 'recipient-unknown', confidence: 0.85 });
    expect(model.predict(input('disk quota'))?.cause).toBe('mailbox-disabled');
  });

  it('says nothing of a text without one feature it knows', () => {
    expect(new SoftmaxModel(weights).predict(input('zzz qqq'))).toBeNull();
  });

  it('refuses weights of another features version', () => {
    expect(() => new SoftmaxModel({ ...weights, version: MODEL_VERSION + 1 })).toThrow(/npm run train/);
  });
});

describe('the committed weights', () => {
  it('are what npm run train makes of the corpus today (retrain after changing the corpus)', () => {
    const committed = JSON.parse(readFileSync(MODEL_WEIGHTS_PATH, 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(trainAll(loadCorpus()).weights)));
  });

  it('load, and name a cause for wording no rule has', () => {
    expect(trainedModel().predict(input('the recipient storage allotment is used up', { code: 552 }))?.cause).toBe('mailbox-disabled');
  });
});

describe('the classifier with the model', () => {
  const classifier = new Classifier();
  // A small model whose certainty the tests choose: sure above a posterior of 0.9, right half the time below.
  const sure = new SoftmaxModel(
    train(
      [
        ['the storage allotment is used up', 'mailbox-disabled'],
        ['storage allotment exhausted', 'mailbox-disabled'],
        ['nobody by that name', 'recipient-unknown'],
        ['no person by that name works here', 'recipient-unknown'],
      ].map(([masked, cause]) => ({ input: input(masked), cause: cause as 'recipient-unknown' | 'mailbox-disabled' })),
      [[0.9, 0.9], [0, 0.5]],
    ),
  );

  it('decides where no rule matched when it is sure enough, as the rule "model" with its confidence', () => {
    const c = new Classifier({ model: sure }).classify({ text: '552 the storage allotment is used up' });
    expect(c).toMatchObject({ cause: 'mailbox-disabled', rule: 'model', confidence: 0.9, guess: null });
  });

  it("keeps a failure it is less sure of unclassified, with its guess as evidence", () => {
    const c = new Classifier({ model: sure }).classify({ text: '552 allotment name' });
    expect(c).toMatchObject({ cause: 'unclassified', rule: null, confidence: 0, guess: { confidence: 0.5 } });
  });

  it('only guesses when told never to decide', () => {
    const c = new Classifier({ model: sure, modelDecidesFrom: Infinity }).classify({ text: '552 the storage allotment is used up' });
    expect(c).toMatchObject({ cause: 'unclassified', rule: null, guess: { cause: 'mailbox-disabled', confidence: 0.9 } });
  });

  it("gives way to the site's declaration: our own relay's refusal is our outbound filter", () => {
    const c = new Classifier({ model: sure, ownRelays: ['relay.example.net'] }).classify({ text: '552 the storage allotment is used up', relay: 'relay.example.net[192.0.2.25]:25' });
    expect(c).toMatchObject({ cause: 'outbound-filter', rule: 'own-relay' });
  });

  it("does not let its guess of an unreachable host outweigh the site's declaration of its own relay", () => {
    const unreached = new SoftmaxModel(
      train(
        [
          ['outgoing mail hold for the domain', 'dns-misconfigured'],
          ['the domain has an outgoing mail hold', 'dns-misconfigured'],
          ['nobody by that name', 'recipient-unknown'],
        ].map(([masked, cause]) => ({ input: input(masked), cause: cause as 'dns-misconfigured' | 'recipient-unknown' })),
        [[0, 0.9]],
      ),
    );
    const text = 'Domain example.com has an outgoing mail hold. Message will be reattempted later';
    expect(new Classifier({ model: unreached }).classify({ text })).toMatchObject({ cause: 'dns-misconfigured', rule: 'model' });
    const own = new Classifier({ model: unreached, ownRelays: ['relay.example.net'] }).classify({ text, relay: 'relay.example.net[192.0.2.25]:25' });
    expect(own).toMatchObject({ cause: 'outbound-filter', rule: 'own-relay' });
  });

  it('never overrules a rule that matched on words', () => {
    const c = new Classifier({ model: sure }).classify({ text: '550 5.1.1 <bob@example.org>: Recipient address rejected: the storage allotment is used up, no such user' });
    expect(c.rule).not.toBe('model');
  });

  it('gives a rule on words its own confidence, and asks the model nothing', () => {
    expect(classifier.classify({ text: '550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown' })).toMatchObject({ cause: 'recipient-unknown', confidence: 0.95, guess: null });
  });

  it('gives a rule on codes alone less, unless the model agrees with it', () => {
    const alone = new Classifier({ model: null }).classify({ text: '550 5.1.1' });
    expect(alone).toMatchObject({ cause: 'recipient-unknown', rule: 'status-x.1.1-unknown', confidence: 0.75 });
    const agreed = classifier.classify({ text: '550 5.1.1' });
    expect(agreed.rule).toBe('status-x.1.1-unknown');
    expect(agreed.confidence).toBeGreaterThanOrEqual(0.75);
  });

  it('without a model guesses nothing and decides nothing', () => {
    expect(new Classifier({ model: null }).classify({ text: '552 the recipient storage allotment is used up' })).toMatchObject({ cause: 'unclassified', guess: null });
  });
});

describe('grouped cross-validation', () => {
  it('keeps each sender of wording in one fold', () => {
    const entries = loadCorpus();
    const folds = new Map<string, Set<number>>();
    for (const e of entries) (folds.get(e.seen) ?? folds.set(e.seen, new Set()).get(e.seen)!).add(foldOf(e.seen));
    expect([...folds.values()].every((f) => f.size === 1)).toBe(true);
    expect(new Set(entries.map((e) => foldOf(e.seen))).size).toBe(5);
  });

  it('measures a confidence that does not rise as the posterior falls', () => {
    const shares = calibrate(crossValidate(loadCorpus())).map(([, share]) => share);
    for (let i = 1; i < shares.length; i++) expect(shares[i]).toBeLessThanOrEqual(shares[i - 1] + 0.02);
  });
});
