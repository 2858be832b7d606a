// The MTAs maillog has a parser for, by name.

import type { Mta, MtaParser } from './events.js';
import { EximParser } from './exim/parser.js';
import { PostfixParser } from './postfix/parser.js';
import { QmailParser } from './qmail/parser.js';

export const PARSERS: Record<Mta, () => MtaParser> = {
  postfix: () => new PostfixParser(),
  exim: () => new EximParser(),
  qmail: () => new QmailParser(),
};
