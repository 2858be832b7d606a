import { describe, expect, it } from 'vitest';
import type { Column } from '../src/report/breakdown.js';
import { renderTable } from '../src/report/render.js';

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
