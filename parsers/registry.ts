// The MTAs maillog has a parser for. Detection knows all three; a format
// missing here is reported as not supported rather than misread.

import type { Mta, MtaParser } from './events.js';
import { EximParser } from './exim/parser.js';
import { PostfixParser } from './postfix/parser.js';

export const PARSERS: Partial<Record<Mta, () => MtaParser>> = {
  postfix: () => new PostfixParser(),
  exim: () => new EximParser(),
};

export function hasParser(mta: Mta): boolean {
  return PARSERS[mta] !== undefined;
}
