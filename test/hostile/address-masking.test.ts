// Item: some address forms were not masked, so their reasons did not group
// and the addresses showed in `unclassified`. Every form RFC 5321 allows
// reads ADDR.

import { describe, expect, it } from 'vitest';
import { maskDiagnostic } from '../../src/classify/fingerprint.js';

describe('masking', () => {
  it.each([
    ['a quoted local part', '550 5.1.1 <"john smith"@example.com>: Recipient address rejected: User unknown', '550 5.1.1 <ADDR>: Recipient address rejected: User unknown'],
    ['a quoted local part with an escaped quote', '550 5.1.1 <"a\\"b"@example.org>: User unknown', '550 5.1.1 <ADDR>: User unknown'],
    ['an IPv4 address literal', '550 5.1.1 <postmaster@[192.0.2.1]>: User unknown', '550 5.1.1 <ADDR>: User unknown'],
    ['an IPv6 address literal', '550 5.1.1 <postmaster@[IPv6:2001:db8::1]>: User unknown', '550 5.1.1 <ADDR>: User unknown'],
    ['a UTF-8 address (Latin)', '550 5.1.1 <josé.müller@bücher.example>: User unknown', '550 5.1.1 <ADDR>: User unknown'],
    ['a UTF-8 address (Cyrillic)', '550 5.1.1 пользователь@пример.рф: User unknown', '550 5.1.1 ADDR: User unknown'],
    ['a UTF-8 address (Chinese)', '550 5.1.1 用户@例子.广告: User unknown', '550 5.1.1 ADDR: User unknown'],
  ])('hides %s', (_form, text, masked) => {
    expect(maskDiagnostic(text)).toBe(masked);
  });

  it('groups the same refusal to differently written addresses under one reason', () => {
    const forms = ['"john smith"@example.com', 'john@[192.0.2.1]', 'jöhn@exämple.com', 'john@example.com'];
    const reasons = new Set(forms.map((a) => maskDiagnostic(`550 5.1.1 <${a}>: Recipient address rejected: User unknown`)));
    expect(reasons.size).toBe(1);
  });
});
