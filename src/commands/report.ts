import type { CommandModule } from 'yargs';
import { breakdown, DIMENSIONS, isDestinationView, parseDimensions } from '../report/breakdown.js';
import { COVERAGE_COLUMNS, coverage } from '../report/coverage.js';
import { parseFilters, type FilterInput } from '../report/filters.js';
import { ownDomains } from '../report/own-domains.js';
import { renderCsv, renderTable } from '../report/render.js';
import { directionSections, renderCauseTable, renderSections, sectionsAsTable } from '../report/sections.js';
import { loadSiteRules } from '../classify/site-rules.js';
import { databasePath, openDatabase } from '../store/database.js';
import { UserError } from '../errors.js';
import { writeText } from '../output.js';
import { DB_OPTION, FILTER_OPTIONS } from './options.js';

interface ReportArgs extends FilterInput {
  db?: string;
  by?: string[];
  top?: number;
  format: 'table' | 'csv' | 'json';
  'local-domain'?: string[];
  rules?: string;
}

/** The version of the JSON shape (docs/json.md): it changes only when a key changes meaning or goes away. */
const JSON_SCHEMA = 1;

export const reportCommand: CommandModule<object, ReportArgs> = {
  command: 'report',
  describe: 'Failures by cause in three sections (outbound, local, inbound), or by other dimensions',
  builder: (y) =>
    y
      .option('db', DB_OPTION)
      .option('by', { type: 'string', array: true, describe: `one or two of: ${DIMENSIONS.join(', ')} (default: cause, in a section per direction)` })
      .options(FILTER_OPTIONS)
      .option('top', { type: 'number', describe: 'at most this many rows' })
      .option('local-domain', { type: 'string', array: true, describe: 'a mail domain of this site (repeatable): never listed by --by domain, besides those the log shows delivered locally' })
      .option('rules', { type: 'string', describe: 'site rules file: its local_domains count as --local-domain' })
      .option('format', { choices: ['table', 'csv', 'json'] as const, default: 'table' as const })
      .example('$0 report --since 2026-11-01', 'failures by cause since 1 November: outbound, local, inbound')
      .example('$0 report --direction inbound', 'only what our server refused')
      .example('$0 report --by domain --cause recipient-unknown --format csv > unknown.csv', 'unknown recipients per destination domain')
      .example('$0 report --by reason --top 20', 'the 20 most frequent distinct reasons') as never,
  handler: (args) => {
    const sectioned = args.by === undefined && args.direction === undefined;
    const by = parseDimensions(args.by ?? []);
    const filters = parseFilters(args);
    if (args.top !== undefined && !(Number.isInteger(args.top) && args.top > 0)) throw new UserError('--top takes a positive whole number');
    const declared = [...(args.rules !== undefined ? loadSiteRules(args.rules).localDomains : []), ...(args['local-domain'] ?? [])];
    const db = openDatabase(databasePath(args.db), { readonly: true });
    try {
      const sources = coverage(db);
      // CSV stays pure on stdout; the coverage goes to stderr, where a terminal still shows it.
      const coverageText = `Parse coverage:\n${renderTable(COVERAGE_COLUMNS, sources)}`;
      if (sectioned) {
        const report = directionSections(db, filters, args.top);
        if (args.format === 'json') {
          const sections = report.sections.map((s) => ({ direction: s.direction, total: s.total, rows: s.rows }));
          writeJson({ schema: JSON_SCHEMA, filters, sections, total: report.total, coverage: sources });
        } else if (args.format === 'csv') {
          const table = sectionsAsTable(report);
          process.stdout.write(renderCsv(table.columns, table.rows));
          writeText(coverageText, process.stderr);
        } else {
          writeText(`${renderSections(report)}\n${coverageText}`);
        }
        return;
      }
      const own = isDestinationView(by) ? ownDomains(db, declared) : [];
      const result = breakdown(db, by, filters, args.top, own);
      if (args.format === 'json') {
        writeJson({ schema: JSON_SCHEMA, by, filters, ...(isDestinationView(by) ? { own_domains: own } : {}), total: result.total, rows: result.rows, coverage: sources });
      } else if (args.format === 'csv') {
        process.stdout.write(renderCsv(result.columns, result.rows));
        writeText(coverageText, process.stderr);
      } else {
        const table = by.length === 1 && by[0] === 'cause' ? renderCauseTable(result.columns, result.rows) : renderTable(result.columns, result.rows);
        writeText(`${result.rows.length ? table : 'no failures match\n'}\n${result.total} failures in all.\n\n${coverageText}`);
      }
    } finally {
      db.close();
    }
  },
};

function writeJson(value: object): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
