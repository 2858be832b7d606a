#!/usr/bin/env node
// maillog: why is our mail failing, to whom, since when?

import yargs, { type CommandModule } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { EXIT_CODES, protectStdinArg } from './commands/options.js';
import { systemErrorText, writeText } from './output.js';
import { packageVersion } from './package.js';

// `maillog report | head` closes the pipe early: that is the reader's choice, not an error.
// Any other write error (a full disk) ends the run: nothing more can be said on stdout.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  fail(`cannot write output: ${systemErrorText(error)}`);
});

const argv = hideBin(process.argv).map(protectStdinArg);

/** A command of whatever arguments: yargs checks them against its own builder. */
type Command = CommandModule<object, any>;

// Each command's modules load only when it runs: loading them all (the report
// renderers for an ingest, the parsers for a report) was most of start-up.
const COMMANDS: Record<string, () => Promise<Command>> = {
  ingest: async () => (await import('./commands/ingest.js')).ingestCommand,
  report: async () => (await import('./commands/report.js')).reportCommand,
  export: async () => (await import('./commands/export.js')).exportCommand,
  classify: async () => (await import('./commands/classify.js')).classifyCommand,
  unclassified: async () => (await import('./commands/unclassified.js')).unclassifiedCommand,
  reclassify: async () => (await import('./commands/reclassify.js')).reclassifyCommand,
  explain: async () => (await import('./commands/explain.js')).explainCommand,
  compare: async () => (await import('./commands/explain.js')).compareCommand,
  status: async () => (await import('./commands/status.js')).statusCommand,
  sources: async () => (await import('./commands/sources.js')).sourcesCommand,
  forget: async () => (await import('./commands/forget.js')).forgetCommand,
  push: async () => (await import('./commands/push.js')).pushCommand,
  check: async () => (await import('./commands/check.js')).checkCommand,
  metrics: async () => (await import('./commands/metrics.js')).metricsCommand,
  completion: async () => (await import('./commands/completion.js')).completionCommand,
};

const NAMES = Object.keys(COMMANDS);

/** The named command alone; every command for help, completion, or a line that names none (yargs lists them). */
function commandsToLoad(args: string[]): Promise<Command[]> {
  const first = args.find((arg) => !arg.startsWith('-'));
  const names = first !== undefined && Object.hasOwn(COMMANDS, first) ? [first] : NAMES;
  return Promise.all(names.map((name) => COMMANDS[name]()));
}

function fail(message: string): never {
  // One line, whatever the message: yargs spreads some over several.
  writeText(`maillog: ${message.trim().replace(/\s*\n\s*/g, ' ')}\n`, process.stderr);
  process.exit(2);
}

try {
  const cli = yargs(argv).scriptName('maillog');
  for (const command of await commandsToLoad(argv)) cli.command(command);
  await cli
    .demandCommand(1, `name a command: ${NAMES.slice(0, -1).join(', ')} or ${NAMES.at(-1)}`)
    .strict()
    .epilogue(EXIT_CODES)
    .fail((message, error) => {
      if (error) throw error;
      fail(message);
    })
    .help()
    .alias('h', 'help')
    .version(packageVersion())
    .parseAsync();
} catch (error) {
  if (process.env.MAILLOG_DEBUG) console.error(error);
  fail(error instanceof Error ? await explained(error) : String(error));
}

/** An error's message; PostgreSQL's (a five-character SQLSTATE) with what to do about it, where that is known. */
async function explained(error: Error): Promise<string> {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return error.message;
  const { connectionProblem } = await import('./store/postgres/open.js');
  return connectionProblem(error, 'PostgreSQL')?.message ?? error.message;
}
