// Options shared by several commands.

import type { Argv, Options } from 'yargs';
import { DIRECTIONS, OUTCOMES } from '../report/filters.js';
import { CAUSE_IDS } from '../classify/causes.js';
import type { ClassifierOptions } from '../classify/classifier.js';
import { RULES } from '../classify/rules.js';
import { loadSiteRules } from '../classify/site-rules.js';

/** What each exit status means; a command's help lists those it can end with. */
const EXIT_STATUS = {
  0: 'success',
  1: 'finished, but some input could not be read, or none of a new file was recognised',
  2: 'usage or fatal error',
  3: 'check reported findings',
} as const;

export type ExitStatus = keyof typeof EXIT_STATUS;

/** "Exit codes: 0 success; 2 usage or fatal error.": the last paragraph of every help. */
export function exitCodes(statuses: readonly ExitStatus[] = [0, 2]): string {
  return `Exit codes: ${statuses.map((s) => `${s} ${EXIT_STATUS[s]}`).join('; ')}.`;
}

/** All of them, for the help of maillog itself. */
export const EXIT_CODES = exitCodes([0, 1, 2, 3]);

/** The output formats, each under one name in every command that has it. */
export const FORMATS = ['text', 'csv', 'json', 'ndjson', 'html'] as const;
export type Format = (typeof FORMATS)[number];

/**
 * `--format`, offering `formats` (the first is the default). `table`, the
 * report's earlier name for text, is still taken wherever text is.
 */
export function formatOption(formats: readonly Format[], describe: string): Options {
  return {
    choices: formats,
    default: formats[0],
    requiresArg: true,
    describe,
    coerce: (value: unknown) => (value === 'table' && formats.includes('text') ? 'text' : value),
  };
}

/** An example in a command's help: what it does, then the command on a line of its own, after a shell prompt. */
export interface Example {
  what: string;
  command: string;
}

/**
 * The examples and the exit codes, which end every command's help. yargs sets
 * an example's command and its description side by side and wraps both: a
 * command broken over two lines cannot be copied, so each stands alone under
 * its description; both are kept within 76 characters, what fits beside
 * yargs' indent in 80 columns.
 */
export function withHelpEnd<T>(y: Argv<T>, examples: readonly Example[], statuses?: readonly ExitStatus[]): Argv<T> {
  for (const e of examples) y = y.example(`${e.what}:\n$ ${e.command}`, '');
  return y.epilogue(exitCodes(statuses));
}

export const DB_OPTION: Options = {
  type: 'string',
  describe: 'SQLite file, or postgres://user@host/dbname for PostgreSQL (default: $MAILLOG_DB, else ./maillog.db)',
};

// requiresArg: the value is the next word even when it looks like a flag (-7d).
export const FILTER_OPTIONS: Record<string, Options> = {
  since: { type: 'string', requiresArg: true, describe: 'from this date or time on, in --tz unless it has a zone: 2026-11-21, 2026-11-21T06:00, 2026-11-21 06:00+01:00, today, yesterday, -24h, -7d' },
  until: { type: 'string', requiresArg: true, describe: 'before this time (same forms); a date, today or yesterday includes that whole day' },
  tz: { type: 'string', describe: 'IANA time zone of the days and hours shown and of --since/--until without a zone (default: the system zone)' },
  cause: { type: 'string', describe: `only this cause (${CAUSE_IDS.join(', ')})` },
  domain: { type: 'string', describe: 'only this recipient domain' },
  outcome: { type: 'string', describe: `only this outcome (${OUTCOMES.join(', ')})` },
  host: { type: 'string', describe: 'only lines logged by this host' },
  direction: { type: 'string', describe: `only this direction (${DIRECTIONS.join(', ')}): mail we could not deliver, our own delivery agents, what our server refused` },
};

// yargs drops a lone '-' given to a variadic positional, so it travels under
// another name from argv to the handlers.
const STDIN_ARG = '\u0000stdin';

export function protectStdinArg(arg: string): string {
  return arg === '-' ? STDIN_ARG : arg;
}

export function restoreStdinArg(arg: string): string {
  return arg === STDIN_ARG ? '-' : arg;
}

export const CLASSIFIER_OPTIONS: Record<string, Options> = {
  rules: { type: 'string', describe: 'site rules file (YAML or JSON): rules tried before the built-in ones, and own_relays' },
  'own-relay': { type: 'string', array: true, describe: "a relay or filtering appliance of this site (host name, IPv4 or IPv6 address, either with :port; repeatable): its refusals are outbound-filter, and outbound-filter wording from any other host is the recipient's anti-spam" },
};

export interface ClassifierArgs {
  rules?: string;
  'own-relay'?: string[];
}

/** The classifier the command line asks for: site rules first, then the built-in ones. */
export function classifierOptions(args: ClassifierArgs): ClassifierOptions {
  const site = args.rules !== undefined ? loadSiteRules(args.rules) : { rules: [], ownRelays: [], localDomains: [] };
  return { rules: [...site.rules, ...RULES], ownRelays: [...site.ownRelays, ...(args['own-relay'] ?? [])] };
}
