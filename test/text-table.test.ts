import { describe, expect, it } from 'vitest';
import type { Column } from '../src/report/breakdown.js';
import { registeredDomain, renderTable, shortenDomain } from '../src/report/render.js';

const domain: Column = { key: 'domain', header: 'domain', numeric: false };
const count: Column = { key: 'count', header: 'messages', numeric: true };
const delay: Column = { key: 'max', header: 'max', numeric: true, hiddenWhenBlank: true };
const rows = [{ domain: 'very-long-destination-domain.example', count: 3, max: null }];

describe('text tables', () => {
  it('leave out a column marked so when every row has it blank, and keep it when one row has a value', () => {
    expect(renderTable([domain, count, delay], rows)).not.toContain('max');
    expect(renderTable([domain, count, delay], [...rows, { domain: 'b.example', count: 1, max: 62 }])).toMatch(/^domain\s+messages\s+max$/m);
  });

  it('clip a text column no narrower than its minimum width', () => {
    expect(renderTable([domain, count], rows, 20)).toMatch(/^very-long…\s+3$/m);
    expect(renderTable([{ ...domain, minWidth: 36 }, count], rows, 20)).toContain('very-long-destination-domain.example');
  });
});

describe('long domains', () => {
  it('keep their start and their registered domain, shortened in the middle', () => {
    expect(shortenDomain('mail.very-long-subdomain.example.com', 26)).toBe('mail.very-long…example.com');
    expect(shortenDomain('mx1.customer-mail-gateway.example.co.uk', 24)).toBe('mx1.custom…example.co.uk');
    expect(shortenDomain('short.example.com', 24)).toBe('short.example.com');
  });

  it('take three labels as the registered domain under a country’s second level, else two', () => {
    expect(registeredDomain('mail.example.com.vn')).toBe('example.com.vn');
    expect(registeredDomain('a.b.example.co.uk')).toBe('example.co.uk');
    expect(registeredDomain('mail.example.de')).toBe('example.de');
    // .com is no country code: co.com is a name like any other.
    expect(registeredDomain('mail.co.com')).toBe('co.com');
  });

  it('are shortened so in a text table, never narrower than their registered domain', () => {
    const long = { domain: 'relay-eu-west-1.outbound.mailservice.example.com.vn', count: 3 };
    const table = renderTable([{ ...domain, clip: 'domain' }, count], [long], 30);
    expect(table).toMatch(/^relay…example\.com\.vn\s+3$/m);
    const narrow = renderTable([{ ...domain, clip: 'domain', minWidth: 4 }, count], [long], 12);
    expect(narrow).toMatch(/^r…example\.com\.vn\s+3$/m);
  });
});
