import { existsSync } from 'node:fs';
import type { CommandModule, Options } from 'yargs';
import type { Direction } from '../../parsers/events.js';
import { isCauseId, type CauseId } from '../classify/causes.js';
import { causeCounts } from '../report/code-causes.js';
import { DIRECTIONS } from '../report/filters.js';
import { compare, explain, explainCause, type Lang } from '../reference/explain.js';
import { lookup, type Lookup } from '../reference/lookup.js';
import { renderCauseExplanation, renderComparison, renderExplanation } from '../reference/render.js';
import { databasePath, openDatabase } from '../store/database.js';
import { isPostgresUrl } from '../store/postgres/url.js';
import { DB_OPTION, formatOption, withHelpEnd } from './options.js';
import { LANGS } from '../lang.js';
import { writeText } from '../output.js';

interface ReferenceArgs {
  db?: string;
  lang: Lang;
  format: 'text' | 'json';
}

const REFERENCE_OPTIONS: Record<string, Options> = {
  db: { ...DB_OPTION, describe: `${DB_OPTION.describe}; when it exists, the site's failures with the code are counted` },
  lang: { choices: LANGS, default: 'en' as const, describe: 'language of all the text: en (English) or vi (Vietnamese)' },
  format: formatOption(['text', 'json'], 'text for a person; json: the same, as data'),
};

/** The site's failures with this code per cause, when there is a database to count them in. */
function siteCounts(args: ReferenceArgs, found: Lookup, direction: Direction | undefined): Map<CauseId, number> | undefined {
  const path = databasePath(args.db);
  if (!isPostgresUrl(path) && !existsSync(path)) return undefined;
  const db = openDatabase(path, { readonly: true });
  try {
    return causeCounts(db, found, direction);
  } finally {
    db.close();
  }
}

export const explainCommand: CommandModule<object, ReferenceArgs & { code: string; direction?: Direction }> = {
  command: 'explain <code>',
  describe: 'What an SMTP reply code, enhanced status code or cause means, when you see it and how to fix it',
  builder: (y) =>
    withHelpEnd(
      y
        .positional('code', { type: 'string', demandOption: true, describe: 'a reply code (550), an enhanced status code (5.7.1), both ("550 5.7.1"), or a cause id (recipient-unknown)' })
        .options(REFERENCE_OPTIONS)
        .option('direction', { choices: DIRECTIONS, describe: 'the causes as the report words them for this direction (default: outbound); with a code, only the site’s failures of this direction are counted' }),
      [
        { what: 'the causes a 550 can mean, with this site’s counts', command: '$0 explain 550' },
        { what: 'what the report says when our own server refused a client', command: '$0 explain recipient-antispam --direction inbound' },
        { what: 'a DMARC refusal, in Vietnamese', command: '$0 explain "550 5.7.26" --lang vi' },
      ],
    ) as never,
  handler: (args) => {
    const code = String(args.code);
    if (isCauseId(code)) {
      const cause = explainCause(code, args.direction ?? 'outbound', args.lang);
      if (args.format === 'json') process.stdout.write(`${JSON.stringify(cause, null, 2)}\n`);
      else writeText(renderCauseExplanation(cause, args.lang));
      return;
    }
    const found = lookup(code);
    const explanation = explain(found, args.lang, siteCounts(args, found, args.direction), args.direction);
    if (args.format === 'json') process.stdout.write(`${JSON.stringify(explanation, null, 2)}\n`);
    else writeText(renderExplanation(explanation, args.lang));
  },
};

export const compareCommand: CommandModule<object, ReferenceArgs & { a: string; b: string }> = {
  command: 'compare <a> <b>',
  describe: 'Two SMTP codes side by side, and how they differ',
  builder: (y) =>
    withHelpEnd(
      y
        .positional('a', { type: 'string', demandOption: true, describe: 'a reply code, an enhanced status code, or both' })
        .positional('b', { type: 'string', demandOption: true, describe: 'the code to set against it' })
        .options(REFERENCE_OPTIONS),
      [
        { what: 'forwarded, or refused', command: '$0 compare 251 550' },
        { what: 'a temporary and a permanent refusal, in Vietnamese', command: '$0 compare 451 550 --lang vi' },
      ],
    ) as never,
  handler: (args) => {
    const [a, b] = [String(args.a), String(args.b)].map((code) => explain(lookup(code), args.lang));
    const comparison = compare(a, b, args.lang);
    if (args.format === 'json') process.stdout.write(`${JSON.stringify(comparison, null, 2)}\n`);
    else writeText(renderComparison(comparison, args.lang));
  },
};
