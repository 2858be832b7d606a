// The corpus loader refuses entries the classifier would never be handed as they are.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../eval/corpus.js';

function corpusOf(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
  writeFileSync(join(dir, 'batch.jsonl'), `${JSON.stringify({ text, cause: 'other', seen: 'x', source: 'y' })}\n`);
  return dir;
}

describe('corpus entries', () => {
  it('refuse a whole Postfix status, whose diagnostic is in its brackets', () => {
    expect(() => loadCorpus(corpusOf('status=bounced (mail forwarding loop for user@example.com)'))).toThrow(/batch\.jsonl:1: a whole Postfix status/);
  });

  it("refuse qmail-send's escaped report, which the qmail parser reads with spaces", () => {
    expect(() => loadCorpus(corpusOf('192.0.2.1_does_not_like_recipient./Remote_host_said:_550_5.1.1_<a@example.com>_unknown/Giving_up_on_192.0.2.1./'))).toThrow(/escaped report/);
    expect(() => loadCorpus(corpusOf('delivery 42: deferral: Unable_to_chdir_to_maildir._(#4.2.1)/'))).toThrow(/escaped report/);
  });

  it('take the diagnostic as the parsers hand it', () => {
    expect(loadCorpus(corpusOf('mail forwarding loop for user@example.com'))).toHaveLength(1);
    expect(loadCorpus(corpusOf('192.0.2.1 does not like recipient. Remote host said: 550 5.1.1 <a@example.com> unknown Giving up on 192.0.2.1.'))).toHaveLength(1);
  });
});
