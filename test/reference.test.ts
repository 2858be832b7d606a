// The SMTP code reference behind explain, compare and report --by code.

import { describe, expect, it } from 'vitest';
import { CAUSE_IDS, CAUSES, causeText, DOCUMENTED_550_CAUSES, otherWordings } from '../src/classify/causes.js';
import { ENHANCED_CLASSES, ENHANCED_CODES, ENHANCED_SUBJECTS } from '../src/reference/enhanced-codes.js';
import { compare, explain, explainCause } from '../src/reference/explain.js';
import { renderCauseExplanation, renderComparison, renderExplanation } from '../src/reference/render.js';
import { codeTitle, lookup } from '../src/reference/lookup.js';
import { REPLY_CODES } from '../src/reference/reply-codes.js';

const FIELDS = ['title', 'description', 'when', 'fix'] as const;

describe('the reference data', () => {
  it('has every reply code of RFC 5321 and its extensions', () => {
    const codes = new Set(REPLY_CODES.map((e) => e.code));
    const required = [211, 214, 220, 221, 235, 250, 251, 252, 334, 354, 421, 432, 450, 451, 452, 454, 455, 500, 501, 502, 503, 504, 521, 530, 534, 535, 538, 550, 551, 552, 553, 554, 555, 556];
    expect(required.filter((c) => !codes.has(c))).toEqual([]);
    expect(codes.size).toBe(REPLY_CODES.length);
  });

  it('gives every reply code every field, in English and Vietnamese, and only causes of the taxonomy', () => {
    for (const e of REPLY_CODES) {
      for (const f of FIELDS) {
        expect(e[f].trim(), `${e.code} ${f}`).not.toBe('');
        expect(e.vi?.[f]?.trim(), `${e.code} vi ${f}`).toBeTruthy();
      }
      expect(e.defined).toMatch(/^RFC \d+/);
      for (const c of e.causes) expect(CAUSE_IDS).toContain(c);
      expect(e.causes.length > 0, `${e.code} causes`).toBe(e.code >= 400);
    }
  });

  it('gives every enhanced status code every field, and only causes of the taxonomy', () => {
    const codes = new Set(ENHANCED_CODES.map((e) => e.code));
    expect(codes.size).toBe(ENHANCED_CODES.length);
    for (const code of ['0.0', '1.1', '1.10', '2.2', '3.4', '4.4', '5.3', '6.0', '7.1', '7.26', '7.30']) expect(codes, code).toContain(code);
    for (const e of ENHANCED_CODES) {
      expect(e.code).toMatch(/^[0-7]\.\d{1,3}$/);
      for (const f of FIELDS) {
        expect(e[f].trim(), `${e.code} ${f}`).not.toBe('');
        expect(e.vi?.[f]?.trim(), `${e.code} vi ${f}`).toBeTruthy();
      }
      for (const c of e.causes) expect(CAUSE_IDS).toContain(c);
    }
    expect(Object.keys(ENHANCED_CLASSES).sort()).toEqual(['2', '4', '5']);
    expect(Object.keys(ENHANCED_SUBJECTS).sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7']);
  });
});

describe('explain', () => {
  it('says what the seeds say of 211: a positive completion giving the server’s status, nothing to fix', () => {
    const e = explain(lookup('211'), 'en');
    expect(e.reply!.class.id).toBe('positive-completion');
    expect(e.reply!.title).toMatch(/status/i);
    expect(e.reply!.description).toMatch(/its own state|status/i);
    expect(e.reply!.when).toMatch(/HELP/);
    expect(e.reply!.fix).toMatch(/no (?:action|fix)/i);
    expect(e.causes).toEqual([]);
  });

  it('says what the seeds say of 251: not local, forwarded, nothing to fix', () => {
    const e = explain(lookup('251'), 'en');
    expect(e.reply!.class.id).toBe('positive-completion');
    expect(e.reply!.title).toMatch(/not local/i);
    expect(e.reply!.description).toMatch(/no mailbox on this server/i);
    expect(e.reply!.description).toMatch(/forward/i);
    expect(e.reply!.fix).toMatch(/no (?:action|fix)/i);
  });

  it('says what the seeds say of 550: a permanent failure, no such mailbox or a policy refusal, with the thirteen documented causes', () => {
    const e = explain(lookup('550'), 'en');
    expect(e.reply!.class.id).toBe('permanent-negative');
    expect(e.reply!.description).toMatch(/mailbox/i);
    expect(e.reply!.description).toMatch(/policy/i);
    expect(e.causes.map((c) => c.id)).toEqual(DOCUMENTED_550_CAUSES);
    expect(DOCUMENTED_550_CAUSES).toHaveLength(13);
    expect(DOCUMENTED_550_CAUSES.at(-1)).toBe('mailbox-inactive');
    expect(e.causes[0].advice).toMatch(/\S/);
  });

  it('reads a full reply, and narrows the causes to the enhanced code’s', () => {
    const e = explain(lookup('550 5.1.1'), 'en');
    expect(e.reply!.code).toBe('550');
    expect(e.enhanced).toMatchObject({ code: '5.1.1', class: { id: '5' }, subject: { id: '1' } });
    expect(e.causes.map((c) => c.id)).toContain('recipient-unknown');
    expect(explain(lookup('550-5.7.26'), 'en').causes[0].id).toBe('recipient-antispam');
    expect(explain(lookup('#5.1.1'), 'en').enhanced!.code).toBe('5.1.1');
  });

  it('explains an enhanced code the registry does not list by its class and subject', () => {
    const e = explain(lookup('4.2.99'), 'en');
    expect(e.enhanced).toMatchObject({ code: '4.2.99', title: ENHANCED_SUBJECTS['2'].title });
    expect(e.enhanced!.description).toContain(ENHANCED_SUBJECTS['2'].description);
  });

  it('counts the site’s failures per cause when given them, most first, with causes seen beyond the documented ones', () => {
    const e = explain(lookup('550'), 'en', new Map([['relay-denied', 7], ['throttled', 1]]));
    expect(e.siteTotal).toBe(8);
    expect(e.causes.slice(0, 3)).toMatchObject([
      { id: 'relay-denied', count: 7 },
      { id: 'throttled', count: 1 },
      { id: 'recipient-unknown', count: 0 },
    ]);
    expect(e.causes).toHaveLength(14);
  });

  it('gives the Vietnamese text where the reference has it', () => {
    const e = explain(lookup('550'), 'vi');
    expect(e.reply!.description).toBe(REPLY_CODES.find((r) => r.code === 550)!.vi!.description);
    expect(e.reply!.class.title).toBe('thất bại vĩnh viễn');
  });

  it.each([
    ['999', /999 is not an SMTP code \(a reply code starts with 2, 3, 4 or 5; the nearest are \d{3}, \d{3}, \d{3}\)/],
    ['5.x', /5\.x is not an SMTP code \(an enhanced status code is class\.subject\.detail in digits, e\.g\. 5\.1\.1/],
    ['599', /599 is not a reply code any SMTP standard defines; the nearest are 55\d, 55\d, 55\d/],
    ['5.9.1', /5\.9\.1: 9 is no subject of enhanced status codes \(0 to 7\)/],
    ['550 4.7.1', /a 5xx reply carries a 5\.x\.x enhanced status code, not 4\.7\.1/],
    ['hello', /hello is not an SMTP code; give a reply code such as 550/],
  ])('refuses %s with the nearest valid forms', (code, message) => {
    expect(() => lookup(code)).toThrow(message);
  });
});

describe('compare', () => {
  it.each(['251', '211'])('says what the seeds say of %s against 550', (code) => {
    const c = compare(explain(lookup(code), 'en'), explain(lookup('550'), 'en'), 'en');
    expect(c.differences[0]).toBe(`${code} is a 2xx positive completion reply, while 550 is a 5xx permanent negative completion reply.`);
    expect(c.differences[1]).toMatch(/no action is needed/);
    expect(c.differences[2]).toMatch(/permanent failure: the message bounces; the address, the configuration or the policy/);
    expect(c.calls[0]).toMatch(new RegExp(`^For ${code} \\(.+\\): .*no (?:action|fix)`, 'i'));
    expect(c.calls[1]).toMatch(/^For 550 \(.+\): .*address/i);
  });

  it('says each thing once: each description in its block, the contrasts below', () => {
    const [a, b] = ['251', '550'].map((code) => explain(lookup(code), 'en'));
    const text = renderComparison(compare(a, b, 'en'), 'en').replace(/\s+/g, ' ');
    for (const e of [a, b]) {
      for (const said of [e.reply!.description, e.reply!.when, e.reply!.fix]) expect(text.split(said)).toHaveLength(2);
    }
  });

  it('names what two codes of one class share once, and the subjects that set them apart', () => {
    const c = compare(explain(lookup('5.1.1'), 'en'), explain(lookup('5.7.1'), 'en'), 'en');
    expect(c.differences[0]).toMatch(/^5\.1\.1 and 5\.7\.1 are both permanent negative completion replies \(a permanent failure: /);
    expect(c.differences[1]).toBe('5.1.1 is about addressing, 5.7.1 about security or policy.');
  });

  it('names the causes only one of two failure codes can mean', () => {
    const c = compare(explain(lookup('421'), 'en'), explain(lookup('550'), 'en'), 'en');
    expect(c.differences.find((d) => d.startsWith('Causes only'))).toMatch(/only 550: .*recipient-unknown/);
  });

  it('speaks Vietnamese with --lang vi', () => {
    const c = compare(explain(lookup('251'), 'vi'), explain(lookup('550'), 'vi'), 'vi');
    expect(c.differences[0]).toBe('251 là mã 2xx (hoàn tất tích cực), còn 550 là mã 5xx (thất bại vĩnh viễn).');
    expect(c.calls[0]).toMatch(/^Với 251/);
  });
});

describe('--lang vi', () => {
  const englishTexts = CAUSE_IDS.flatMap((id) => (['outbound', ...otherWordings(id)] as const).map((d) => causeText(id, d)));
  const english = englishTexts.flatMap((t) => [t.title, t.advice]);
  /** Vietnamese is written with diacritics: a text without any is English left untranslated, or Vietnamese typed without them. */
  const DIACRITIC = /[àáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵđ]/i;

  it('words every cause, in every direction, in Vietnamese', () => {
    for (const id of CAUSE_IDS) {
      for (const direction of ['outbound', ...otherWordings(id)] as const) {
        const vi = causeText(id, direction, 'vi');
        for (const text of Object.values(vi)) {
          expect(text, `${id} ${direction}`).toMatch(DIACRITIC);
          expect(english, `${id} ${direction}`).not.toContain(text);
        }
      }
    }
    expect(causeText('recipient-unknown', 'outbound', 'en').title).toBe(CAUSES['recipient-unknown'].title);
  });

  it('leaves no English text of a cause in what explain prints', () => {
    const found = lookup('550');
    const printed = [
      renderExplanation(explain(found, 'vi', new Map([['throttled', 2]]), 'inbound'), 'vi'),
      renderExplanation(explain(found, 'vi'), 'vi'),
      renderCauseExplanation(explainCause('recipient-antispam', 'local', 'vi'), 'vi'),
    ].join('\n').replace(/\s+/g, ' ');
    // A title as explain shows it, after the cause id: a reply the reference quotes may say "Relaying denied" itself.
    for (const { title, advice } of englishTexts) {
      expect(printed).not.toContain(`— ${title}`);
      expect(printed).not.toContain(advice);
    }
    expect(printed).toContain(causeText('throttled', 'inbound', 'vi').title);
    expect(printed).toContain('Có cách diễn đạt khác cho thư gửi đi và thư máy chủ của ta từ chối (--direction outbound).');
    expect(printed).toContain('(Hệ thống này, 30 ngày qua: 2 lỗi)');
  });
});

describe('codeTitle', () => {
  it('titles a report’s code column by the enhanced code, else the reply code', () => {
    expect(codeTitle('550 5.1.1')).toBe(ENHANCED_CODES.find((e) => e.code === '1.1')!.title);
    expect(codeTitle('421')).toBe(REPLY_CODES.find((e) => e.code === 421)!.title);
    expect(codeTitle('554 5.9.99')).toBe(REPLY_CODES.find((e) => e.code === 554)!.title);
    expect(codeTitle('')).toBeNull();
  });
});
