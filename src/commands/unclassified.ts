import type { CommandModule } from 'yargs';
import { parseFilters, type FilterInput } from '../report/filters.js';
import { renderCsv } from '../report/render.js';
import { renderUnclassified, UNCLASSIFIED_COLUMNS, unclassifiedReasons } from '../report/unclassified.js';
import { databasePath, openDatabase } from '../store/database.js';
import { UserError } from '../errors.js';
import { writeText } from '../output.js';
import { DB_OPTION, FILTER_OPTIONS, formatOption, withHelpEnd } from './options.js';

interface UnclassifiedArgs extends Omit<FilterInput, 'cause'> {
  db?: string;
  top: number;
  format: 'text' | 'csv' | 'json';
}

const { cause: _cause, ...FILTERS } = FILTER_OPTIONS;

export const unclassifiedCommand: CommandModule<object, UnclassifiedArgs> = {
  command: 'unclassified',
  describe: 'The most frequent failure reasons no rule classifies, masked so that alike texts group',
  builder: (y) =>
    withHelpEnd(
        y
          .option('db', DB_OPTION)
          .option('top', { type: 'number', default: 20, describe: 'at most this many reasons' })
          .options(FILTERS)
          .option('format', formatOption(['text', 'csv', 'json'], 'text: each reason with its whole masked text; csv, json: the rows for programs')),
      [
        { what: 'the reasons to write site rules for', command: '$0 unclassified --top 20' },
        { what: 'those since 1 November, for a spreadsheet', command: '$0 unclassified --since 2026-11-01 --format csv' },
      ],
    ) as never,
  handler: (args) => {
    if (!(Number.isInteger(args.top) && args.top > 0)) throw new UserError('--top takes a positive whole number');
    const filters = parseFilters(args);
    const db = openDatabase(databasePath(args.db), { readonly: true });
    try {
      const report = unclassifiedReasons(db, filters, args.top);
      if (args.format === 'json') process.stdout.write(`${JSON.stringify({ filters, total: report.total, reasons: report.reasons, rows: report.rows }, null, 2)}\n`);
      else if (args.format === 'csv') process.stdout.write(renderCsv(UNCLASSIFIED_COLUMNS, report.rows));
      else writeText(renderUnclassified(report, filters.zone));
    } finally {
      db.close();
    }
  },
};
