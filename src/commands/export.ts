import type { Writable } from 'node:stream';
import type { CommandModule } from 'yargs';
import { exportRows, resolveFingerprint, type ExportFormat, type ExportWhat } from '../export.js';
import { refuseDatabaseAsOut, writeFileWhole } from '../out-file.js';
import { parseFilters, type FilterInput } from '../report/filters.js';
import { databasePath, openDatabase } from '../store/database.js';
import { UserError } from '../errors.js';
import { plural, writeText } from '../output.js';
import { DB_OPTION, FILTER_OPTIONS, formatOption, withHelpEnd } from './options.js';

interface ExportArgs extends FilterInput {
  db?: string;
  what: ExportWhat;
  format: ExportFormat;
  out?: string;
  fingerprint?: string;
}

export const exportCommand: CommandModule<object, ExportArgs> = {
  command: 'export',
  describe: 'Write failure events or daily aggregates as CSV or NDJSON',
  builder: (y) =>
    withHelpEnd(
        y
          .option('db', DB_OPTION)
          .option('what', { choices: ['events', 'aggregates'] as const, default: 'events' as const, describe: 'events: each failure line with its fields; aggregates: failures and deliveries per day' })
          .option('format', formatOption(['csv', 'ndjson'], 'csv: RFC 4180 with a header row; ndjson: one JSON object per line'))
          .option('out', { type: 'string', describe: 'file to write (default: stdout); replaced only by a complete export' })
          .option('fingerprint', { type: 'string', requiresArg: true, describe: 'only the events of this reason: its fingerprint as report --by reason or unclassified shows it, or enough of its start to name one' })
          .options(FILTER_OPTIONS),
      [
        { what: 'failures since 1 November, for a spreadsheet', command: '$0 export --since 2026-11-01 --out failures.csv' },
        { what: 'daily counts as JSON lines', command: '$0 export --what aggregates --format ndjson' },
        { what: 'every failure of one reason that report --by reason lists', command: '$0 export --fingerprint 7cbeb5ad --format ndjson' },
      ],
    ) as never,
  handler: async (args) => {
    const filters = parseFilters(args);
    if (args.fingerprint !== undefined && args.what !== 'events') throw new UserError('--fingerprint selects events: leave out --what aggregates');
    const path = databasePath(args.db);
    const out = args.out || undefined;
    if (out !== undefined) refuseDatabaseAsOut(out, path);
    const db = openDatabase(path, { readonly: true });
    try {
      const fingerprint = args.fingerprint === undefined ? undefined : resolveFingerprint(db, args.fingerprint);
      const write = (stream: Writable) => exportRows(db, args.what, args.format, filters, stream, fingerprint);
      if (out === undefined) await write(process.stdout);
      else {
        const n = await writeFileWhole(out, write);
        writeText(`wrote ${plural(n, args.what === 'events' ? 'event' : 'row')} to ${out}\n`, process.stderr);
      }
    } finally {
      db.close();
    }
  },
};
