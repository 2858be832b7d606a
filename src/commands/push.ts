import type { CommandModule } from 'yargs';
import { openDatabase } from '../store/database.js';
import { isPostgresUrl, redacted } from '../store/postgres/url.js';
import { push, type PushTotals } from '../store/push.js';
import { UserError } from '../errors.js';
import { plural, writeText } from '../output.js';
import { withHelpEnd } from './options.js';

interface PushArgs {
  from: string;
  to: string;
}

export function pushLine(t: PushTotals): string {
  return `pushed ${plural(t.pushed, 'source')} (${t.unchanged} unchanged skipped): ${plural(t.failures, 'failure event')}, ${plural(t.countRows, 'daily count row')}`;
}

export const pushCommand: CommandModule<object, PushArgs> = {
  command: 'push',
  describe: "Send this host's SQLite database to the central PostgreSQL one: what it has not sent yet",
  builder: (y) =>
    withHelpEnd(
      y
        .option('from', { type: 'string', demandOption: true, requiresArg: true, describe: 'the SQLite database ingest wrote on this host' })
        .option('to', { type: 'string', demandOption: true, requiresArg: true, describe: 'the central database: postgres://user@host/dbname' }),
      [{ what: "after the night's ingest into a local file, send it on", command: '$0 push --from maillog.db --to postgres://maillog@central/maillog' }],
    ) as never,
  handler: (args) => {
    if (!isPostgresUrl(args.to)) throw new UserError(`--to ${redacted(args.to)}: not a PostgreSQL URL (postgres://user@host/dbname)`);
    const local = openDatabase(args.from, { readonly: true });
    try {
      const central = openDatabase(args.to);
      try {
        writeText(`${pushLine(push(local, central))}\n`, process.stderr);
      } finally {
        central.close();
      }
    } finally {
      local.close();
    }
  },
};
