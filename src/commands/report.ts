import type { CommandModule } from 'yargs';
import { breakdown, COUNT_MODES, DIMENSIONS, parseDimensions, type CountMode } from '../report/breakdown.js';
import { COVERAGE_COLUMNS, coverage } from '../report/coverage.js';
import { periodHeading } from '../report/dates.js';
import { parseFilters, type FilterInput } from '../report/filters.js';
import { renderCsv, renderTable } from '../report/render.js';
import { databasePath, openDatabase } from '../store/database.js';
import { UserError } from '../errors.js';
import { writeText } from '../output.js';
import { DB_OPTION, FILTER_OPTIONS } from './options.js';

interface ReportArgs extends FilterInput {
  db?: string;
  by: string[];
  top?: number;
  count: CountMode;
  format: 'table' | 'csv' | 'json';
}

export const reportCommand: CommandModule<object, ReportArgs> = {
  command: 'report',
  describe: 'Failures by cause (default) or by other dimensions',
  builder: (y) =>
    y
      .option('db', DB_OPTION)
      .option('by', { type: 'string', array: true, default: ['cause'], describe: `one or two of: ${DIMENSIONS.join(', ')}` })
      .options(FILTER_OPTIONS)
      .option('top', { type: 'number', describe: 'at most this many rows, those with the most failures (days and hours stay in time order)' })
      .option('count', {
        choices: COUNT_MODES,
        default: 'messages' as const,
        describe: 'messages: each failed message once (queue id + recipient), under its last failure; attempts: every failure line, each retry included',
      })
      .option('format', { choices: ['table', 'csv', 'json'] as const, default: 'table' as const })
      .example('$0 report --since 2026-11-01', 'failures by cause since 1 November')
      .example('$0 report --since yesterday --until yesterday --by hour --tz Europe/Paris', 'yesterday hour by hour, Paris time')
      .example('$0 report --by domain --cause recipient-unknown --format csv > unknown.csv', 'unknown recipients per domain')
      .example('$0 report --by reason --top 20', 'the 20 most frequent distinct reasons')
      .example('$0 report --by fate --cause recipient-server-down', 'what became of the messages a remote server failed') as never,
  handler: (args) => {
    const by = parseDimensions(args.by);
    const filters = parseFilters(args);
    if (args.top !== undefined && !(Number.isInteger(args.top) && args.top > 0)) throw new UserError('--top takes a positive whole number');
    const db = openDatabase(databasePath(args.db), { readonly: true });
    try {
      const result = breakdown(db, by, filters, args.top, args.count);
      const sources = coverage(db, filters);
      if (args.format === 'json') {
        process.stdout.write(`${JSON.stringify({ by, count: result.count, filters, total: result.total, rows: result.rows, rows_left_out: result.leftOut, coverage: sources }, null, 2)}\n`);
      } else {
        // CSV stays pure on stdout; the coverage goes to stderr, where a terminal still shows it.
        const coverageText = `Parse coverage:\n${renderTable(COVERAGE_COLUMNS, sources)}`;
        if (args.format === 'csv') {
          process.stdout.write(renderCsv(result.columns, result.rows));
          writeText(coverageText, process.stderr);
        } else {
          const table = result.rows.length ? renderTable(result.columns, result.rows) : 'no failures match\n';
          const leftOut = result.leftOut > 0 ? `… and ${result.leftOut} more\n` : '';
          writeText(`${periodHeading(filters, filters.zone)}\n\n${table}${leftOut}\n${result.total} ${result.count === 'messages' ? 'failed messages' : 'failures'} in all.\n\n${coverageText}`);
        }
      }
    } finally {
      db.close();
    }
  },
};
