#!/usr/bin/env node
// maillog: why is our mail failing, to whom, since when?

import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { checkCommand } from './commands/check.js';
import { classifyCommand } from './commands/classify.js';
import { completionCommand } from './commands/completion.js';
import { compareCommand, explainCommand } from './commands/explain.js';
import { exportCommand } from './commands/export.js';
import { ingestCommand } from './commands/ingest.js';
import { metricsCommand } from './commands/metrics.js';
import { reclassifyCommand } from './commands/reclassify.js';
import { reportCommand } from './commands/report.js';
import { statusCommand } from './commands/status.js';
import { forgetCommand } from './commands/forget.js';
import { sourcesCommand } from './commands/sources.js';
import { unclassifiedCommand } from './commands/unclassified.js';
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


function fail(message: string): never {
  // One line, whatever the message: yargs spreads some over several.
  writeText(`maillog: ${message.trim().replace(/\s*\n\s*/g, ' ')}\n`, process.stderr);
  process.exit(2);
}

try {
  await yargs(argv)
    .scriptName('maillog')
    .command(ingestCommand)
    .command(reportCommand)
    .command(exportCommand)
    .command(classifyCommand)
    .command(unclassifiedCommand)
    .command(reclassifyCommand)
    .command(explainCommand)
    .command(compareCommand)
    .command(statusCommand)
    .command(sourcesCommand)
    .command(forgetCommand)
    .command(checkCommand)
    .command(metricsCommand)
    .command(completionCommand)
    .demandCommand(1, 'name a command: ingest, report, export, classify, unclassified, reclassify, explain, compare, status, sources, forget, check, metrics or completion')
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
  fail(error instanceof Error ? error.message : String(error));
}
