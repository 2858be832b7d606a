import type { CommandModule } from 'yargs';
import { breakdown, byValues, COUNT_MODES, DIMENSIONS, isDestinationView, parseDimensions, type Column, type CountMode, type Row } from '../report/breakdown.js';
import { COVERAGE_COLUMNS, coverage } from '../report/coverage.js';
import { periodHeading } from '../report/dates.js';
import { parseFilters, type FilterInput } from '../report/filters.js';
import { ownDomains } from '../report/own-domains.js';
import { renderCsv, renderTable, renderWithTextBelow } from '../report/render.js';
import { countOf, directionSections, leftOutLine, renderCauseTable, renderSections, sectionsAsTable } from '../report/sections.js';
import { renderSummary, summary } from '../report/summary.js';
import { problems, renderProblems } from '../report/problems.js';
import { isTrafficView, renderTraffic, renderTrafficBlock, trafficBlock, trafficView, trafficViewHeading } from '../report/traffic.js';
import { addDomainDelays, delayDistribution, delaySummary, renderDelayDistribution, renderDelaySummary } from '../report/delays.js';
import { PARTY_ONLY_VIEWS, PARTY_SORTS, PARTY_VIEWS, partyTable, partyView, renderPartyTable, renderTop, TEXT_ROWS, topAsJson, topParties, type PartySort } from '../report/parties.js';
import { DEFAULT_DAYS, defaultFirstDay, lastTrafficDay } from '../report/html-period.js';
import { refuseDatabaseAsOut, writeTextOut } from '../out-file.js';
import { loadSiteRules } from '../classify/site-rules.js';
import { databasePath, openDatabase } from '../store/database.js';
import { UserError } from '../errors.js';
import { plural, writeText } from '../output.js';
import { DB_OPTION, FILTER_OPTIONS, formatOption, withHelpEnd } from './options.js';

interface ReportArgs extends FilterInput {
  db?: string;
  by?: string[];
  top?: number;
  sort?: PartySort;
  count: CountMode;
  format: 'text' | 'csv' | 'json' | 'html';
  out?: string;
  'local-domain'?: string[];
  rules?: string;
}

/** The version of the JSON shape (docs/json.md): it changes only when a key changes meaning or goes away. */
const JSON_SCHEMA = 1;

export const reportCommand: CommandModule<object, ReportArgs> = {
  command: 'report',
  describe: 'Failed messages by cause in three sections (outbound, local, inbound), or by other dimensions',
  builder: (y) =>
    withHelpEnd(
        y
          .option('db', DB_OPTION)
          .option('by', { type: 'string', array: true, describe: `one or two of: ${DIMENSIONS.join(', ')} (default: cause, in a section per direction); or alone: delay (the delays' distribution), or one of ${PARTY_VIEWS.join(', ')} (messages and bytes per party)` })
          .options(FILTER_OPTIONS)
          .option('top', { type: 'number', describe: `at most this many rows (of each section), those with the most failures; --by day or hour alone: the busiest (deliveries and failure lines), in time order; --by delay: the shortest ranges; --by ${PARTY_VIEWS.join(', ')}: ${TEXT_ROWS} in text, every row in CSV and JSON` })
          .option('sort', { choices: PARTY_SORTS, describe: `the order of --by ${PARTY_VIEWS.join(', ')}: most messages (the default), bytes or failed messages first` })
          .option('count', {
            choices: COUNT_MODES,
            default: 'messages' as const,
            describe: 'messages: each failed message once (queue id + recipient), under its last failure; attempts: every failure line, each retry included',
          })
          .option('local-domain', { type: 'string', array: true, describe: 'a mail domain of this site (repeatable): never listed by --by domain, besides those the log shows delivered locally' })
          .option('rules', { type: 'string', describe: 'site rules file: its local_domains count as --local-domain' })
          .option('format', formatOption(['text', 'csv', 'json', 'html'], `text: tables for a terminal; csv, json: the same rows for programs; html: the default report as one page with charts, for the last ${DEFAULT_DAYS} days of the data unless --since is given`))
          .option('out', { type: 'string', describe: 'with --format html: file to write (default: stdout); replaced only by a complete page' }),
      [
        { what: 'failed messages by cause since 1 November: outbound, local, inbound', command: '$0 report --since 2026-11-01' },
        { what: `the last ${DEFAULT_DAYS} days of the data as one page with charts`, command: '$0 report --format html --out report.html' },
        { what: 'only what our server refused', command: '$0 report --direction inbound' },
        { what: 'since yesterday, hour by hour, in Paris time', command: '$0 report --since yesterday --by hour --tz Europe/Paris' },
        { what: 'unknown recipients per destination domain, for a spreadsheet', command: '$0 report --by domain --cause recipient-unknown --format csv' },
        { what: 'the 10 senders of the most bytes received', command: '$0 report --by sender --sort bytes --top 10' },
        { what: 'the 20 most frequent distinct reasons, with their fingerprints', command: '$0 report --by reason --top 20' },
        { what: 'what became of the messages a remote server failed', command: '$0 report --by fate --cause recipient-server-down' },
      ],
    ) as never,
  handler: async (args) => {
    if (args.format === 'html') return htmlHandler(args);
    if (args.out !== undefined) throw new UserError('--out goes with --format html');
    const sectioned = args.by === undefined && args.direction === undefined;
    const delays = byValues(args.by ?? []).includes('delay');
    if (delays && byValues(args.by ?? []).length > 1) throw new UserError('--by delay goes alone');
    const filters = parseFilters(args);
    const view = partyView(args.by ?? [], filters);
    const by = delays || view !== null ? [] : parseDimensions(args.by ?? [], ['delay', ...PARTY_ONLY_VIEWS]);
    if (args.top !== undefined && !(Number.isInteger(args.top) && args.top > 0)) throw new UserError('--top takes a positive whole number');
    if (args.sort !== undefined && view === null) throw new UserError(`--sort orders the views of --by ${PARTY_VIEWS.join(', ')}`);
    const declared = [...(args.rules !== undefined ? loadSiteRules(args.rules).localDomains : []), ...(args['local-domain'] ?? [])];
    const db = openDatabase(databasePath(args.db), { readonly: true });
    try {
      const sources = coverage(db, filters);
      // CSV stays pure on stdout; the coverage goes to stderr, where a terminal still shows it.
      const coverageText = `Parse coverage:\n${renderTable(COVERAGE_COLUMNS, sources)}`;
      const heading = `${periodHeading(filters, filters.zone)}\n\n`;
      if (sectioned) {
        const report = directionSections(db, filters, args.top, args.count);
        // The traffic has no cause, domain or outcome: a report narrowed by one of them has no summary to agree with it.
        const whole = filters.cause === undefined && filters.domain === undefined && filters.outcome === undefined;
        const traffic = whole ? summary(db, filters) : null;
        // The MTA's own trouble has no cause, domain or outcome either.
        const trouble = whole ? problems(db, filters) : [];
        // Hours, delays, senders, recipients, relays and clients have no cause, domain or outcome either.
        const load = whole ? trafficBlock(db, filters) : null;
        const waits = whole ? delaySummary(db, filters) : null;
        const tops = whole ? topParties(db, filters) : {};
        if (args.format === 'json') {
          const sections = report.sections.map((s) => ({ direction: s.direction, total: s.total, rows: s.rows, rows_left_out: s.leftOut }));
          const added = load && waits ? { traffic: load, delays: waits } : {};
          writeJson({ schema: JSON_SCHEMA, count: args.count, filters, ...(traffic ? { summary: traffic } : {}), sections, total: report.total, ...added, ...(whole ? { top: topAsJson(tops), mta_problems: trouble } : {}), coverage: sources });
        } else if (args.format === 'csv') {
          const table = sectionsAsTable(report);
          process.stdout.write(renderCsv(table.columns, table.rows));
          writeText(coverageText, process.stderr);
        } else {
          const troubleText = renderProblems(trouble);
          const loadText = load ? renderTrafficBlock(load) : '';
          const topText = renderTop(tops);
          const summaryText = traffic ? `${renderSummary(traffic)}${waits ? renderDelaySummary(waits) : ''}\n` : '';
          const blocks = [loadText, topText, troubleText].filter((t) => t !== '').map((t) => `${t}\n`).join('');
          writeText(`${heading}${summaryText}${renderSections(report)}\n${blocks}${coverageText}`);
        }
        return;
      }
      if (delays) {
        const view = delayDistribution(db, filters);
        const shown = args.top === undefined ? view.rows : view.rows.slice(0, args.top);
        const leftOut = view.rows.length - shown.length;
        if (args.format === 'json') writeJson({ schema: JSON_SCHEMA, by: ['delay'], filters, total: view.total, rows: shown, rows_left_out: leftOut, coverage: sources });
        else if (args.format === 'csv') {
          process.stdout.write(renderCsv(view.columns, shown));
          writeText(coverageText, process.stderr);
        } else {
          const table = shown.length ? renderDelayDistribution(view.columns, shown) : 'no delivery delays in this period\n';
          writeText(`${heading}Delivery delays, from arrival in our queue to delivery (whole days):\n\n${table}${leftOutLine(leftOut)}\n${plural(view.total, 'delivery', 'deliveries')} in all.\n\n${coverageText}`);
        }
        return;
      }
      if (view !== null) {
        const sort = args.sort ?? 'messages';
        const parties = partyTable(db, view, filters, args.top ?? (args.format === 'text' ? TEXT_ROWS : undefined), sort, args.count);
        if (args.format === 'json') {
          writeJson({ schema: JSON_SCHEMA, by: [view], count: parties.count, sort, filters, parties: parties.parties, totals: parties.totals, rows: parties.rows, rows_left_out: parties.leftOut, coverage: sources });
        } else if (args.format === 'csv') {
          process.stdout.write(renderCsv(parties.columns, parties.rows));
          writeText(coverageText, process.stderr);
        } else {
          writeText(`${heading}${renderPartyTable(parties)}\n${coverageText}`);
        }
        return;
      }
      const own = isDestinationView(by) ? ownDomains(db, declared) : [];
      const result = breakdown(db, by, filters, isTrafficView(by, filters) ? undefined : args.top, args.count, own);
      if (isDestinationView(by)) addDomainDelays(db, filters, result.rows, result.columns);
      if (isTrafficView(by, filters)) {
        const unit = by[0] as 'day' | 'hour';
        const view = trafficView(db, filters, unit, result, args.top);
        Object.assign(result, { columns: view.columns, rows: view.rows, leftOut: view.leftOut });
      }
      if (args.format === 'json') {
        writeJson({
          schema: JSON_SCHEMA,
          by,
          count: result.count,
          filters,
          ...(isDestinationView(by) ? { own_domains: own } : {}),
          total: result.total,
          rows: result.rows,
          rows_left_out: result.leftOut,
          coverage: sources,
        });
      } else if (args.format === 'csv') {
        process.stdout.write(renderCsv(result.columns, result.rows));
        writeText(coverageText, process.stderr);
      } else {
        const traffic = isTrafficView(by, filters);
        // Alone, a reason's example has a line of its own under the reason's fingerprint: export --fingerprint gives its events.
        const render =
          by.length === 1 && by[0] === 'cause' ? renderCauseTable : by.length === 1 && by[0] === 'reason' ? (c: Column[], r: Row[]) => renderWithTextBelow(c, r, 'example') : traffic ? renderTraffic : renderTable;
        const table = render(result.columns, result.rows);
        const what = traffic ? trafficViewHeading(by[0] as 'day' | 'hour', filters.zone, result.columns.find((c) => c.key === 'count')!.header) : '';
        writeText(`${heading}${what}${result.rows.length ? table : traffic ? 'no traffic in this period\n' : 'no failures match\n'}${leftOutLine(result.leftOut)}\n${countOf(result.total, result.count)} in all.\n\n${coverageText}`);
      }
    } finally {
      db.close();
    }
  },
};

async function htmlHandler(args: ReportArgs): Promise<void> {
  if (args.by !== undefined || args.direction !== undefined) throw new UserError('--format html is the default report: leave out --by and --direction');
  if (args.top !== undefined || args.sort !== undefined) throw new UserError('--format html has its own top lists: leave out --top and --sort');
  const path = databasePath(args.db);
  const out = args.out || undefined;
  if (out !== undefined) refuseDatabaseAsOut(out, path);
  let filters = parseFilters(args);
  const declared = [...(args.rules !== undefined ? loadSiteRules(args.rules).localDomains : []), ...(args['local-domain'] ?? [])];
  const db = openDatabase(path, { readonly: true });
  let html: string;
  try {
    if (args.since === undefined) {
      const last = lastTrafficDay(db, filters);
      if (last !== null) filters = parseFilters({ ...args, since: defaultFirstDay(last) });
    }
    const whole = filters.cause === undefined && filters.domain === undefined && filters.outcome === undefined;
    // Loaded here: Vega takes longer to load than most reports take to run.
    const { htmlReport } = await import('../report/html.js');
    html = await htmlReport(db, { filters, count: args.count, whole, ownDomains: ownDomains(db, declared) });
  } finally {
    db.close();
  }
  await writeTextOut(html, out);
  if (out !== undefined) writeText(`wrote ${out}\n`, process.stderr);
}

function writeJson(value: object): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
