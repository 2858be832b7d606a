import type { CommandModule } from 'yargs';
import { databasePath, openDatabase } from '../store/database.js';
import { findSources, forgetSources, type ForgottenSource } from '../store/forget.js';
import { parsePeriod } from '../report/dates.js';
import { systemTimeZone } from '../time-zone.js';
import { UserError } from '../errors.js';
import { plural, writeText } from '../output.js';
import { DB_OPTION, restoreStdinArg, withHelpEnd } from './options.js';

interface ForgetArgs {
  sources?: string[];
  db?: string;
  since?: string;
  'dry-run': boolean;
}

function line(f: ForgottenSource, dryRun: boolean): string {
  const what = `${plural(f.events, 'failure event')} and ${plural(f.aggregateRows, 'row')} of daily counts`;
  return `${dryRun ? 'would forget' : 'forgot'} ${f.path} (${f.fingerprint}, ${f.format ?? '-'}, ${plural(f.lines, 'line')}): ${what}\n`;
}

export const forgetCommand: CommandModule<object, ForgetArgs> = {
  command: 'forget [sources..]',
  describe: 'Delete what was read from files read by mistake, so that they can be read again',
  builder: (y) =>
    withHelpEnd(
      y
      .positional('sources', { type: 'string', array: true, describe: "a source's name as it was read, or a prefix of its fingerprint (maillog sources)" })
      .option('db', DB_OPTION)
      .option('since', { type: 'string', requiresArg: true, describe: 'also every source first read from then on: 2026-11-21, 2026-11-21T06:00, today, -2h' })
      .option('dry-run', { type: 'boolean', default: false, describe: 'say what would be forgotten, and change nothing' }),
      [
        { what: 'a file read with the wrong --tz, to read it again', command: '$0 forget /var/log/mail.log.1' },
        { what: 'what the last hour’s runs read, without forgetting it', command: '$0 forget --since -1h --dry-run' },
      ],
    ) as never,
  handler: (args) => {
    const names = (args.sources ?? []).map(restoreStdinArg);
    if (names.length === 0 && args.since === undefined) throw new UserError('name the sources to forget, or give --since');
    const since = args.since === undefined ? undefined : parsePeriod({ since: args.since }, systemTimeZone(), new Date()).since;
    const db = openDatabase(databasePath(args.db), { existing: true });
    try {
      const forgotten = forgetSources(db, findSources(db, names, since), args['dry-run']);
      for (const f of forgotten) writeText(line(f, args['dry-run']));
    } finally {
      db.close();
    }
  },
};
