import type { CommandModule, Options } from 'yargs';
import { checkFindings } from '../check/findings.js';
import { checkWindows, lengthInDays, withinData } from '../check/periods.js';
import { dataStart, unreadableSources, windowFigures } from '../check/queries.js';
import { renderFindings } from '../check/render.js';
import { defaultText, flagOf, resolveThresholds, THRESHOLD_KEYS, THRESHOLDS, type ThresholdKey } from '../check/thresholds.js';
import { loadSiteRules } from '../classify/site-rules.js';
import { ownDomains } from '../report/own-domains.js';
import { databasePath, openDatabase } from '../store/database.js';
import { checkTimeZone, systemTimeZone } from '../time-zone.js';
import { writeText } from '../output.js';
import { DB_OPTION, FILTER_OPTIONS, formatOption, withHelpEnd } from './options.js';

interface CheckArgs {
  db?: string;
  since?: string;
  until?: string;
  tz?: string;
  rules?: string;
  format: 'text' | 'json';
  /** The threshold flags (--min-volume), as given: src/check/thresholds.ts reads them. */
  [flag: string]: string | undefined;
}

/** The version of the JSON shape (docs/json.md): it changes only when a key changes meaning or goes away. */
const JSON_SCHEMA = 1;

/** Findings were reported: cron and monitoring act on this, as on 2 for an error. */
const FINDINGS_EXIT_CODE = 3;

// No yargs default: a flag not given leaves the rules file's value, or the default, in force.
const THRESHOLD_OPTIONS: Record<string, Options> = Object.fromEntries(
  THRESHOLD_KEYS.map((key) => [flagOf(key), { type: 'string', requiresArg: true, describe: `${THRESHOLDS[key].describe} (default: ${defaultText(key)})` }]),
);

export const checkCommand: CommandModule<object, CheckArgs> = {
  command: 'check',
  describe: 'What changed since the baseline: findings, most serious first, and exit 3 when there are any',
  builder: (y) =>
    withHelpEnd(
        y
          .option('db', DB_OPTION)
          .option('since', { ...FILTER_OPTIONS.since, describe: 'the period from this date or time (default: yesterday, in --tz); without --until, up to now' })
          .option('until', { ...FILTER_OPTIONS.until, describe: 'the period up to this date or time (a date includes that day); without --since, the day before it' })
          .option('tz', FILTER_OPTIONS.tz)
          .options(THRESHOLD_OPTIONS)
          .option('rules', { type: 'string', describe: "site rules file: its check: section sets these thresholds (the flags override it), its local_domains are not destinations" })
          .option('format', formatOption(['text', 'json'], 'text for a cron mail (nothing when nothing is wrong), json for monitoring')),
      [
        { what: 'yesterday against the 7 days before it (from cron: mail only on findings)', command: '$0 check' },
        { what: 'against two weeks, judging only domains with 50 messages or more', command: '$0 check --baseline 14d --min-volume 50' },
        { what: 'for a monitoring system: the findings with their figures', command: '$0 check --format json' },
      ],
      [0, 2, 3],
    ) as never,
  handler: (args) => {
    const site = args.rules !== undefined ? loadSiteRules(args.rules) : null;
    const flags = Object.fromEntries(THRESHOLD_KEYS.flatMap((key) => (args[flagOf(key)] !== undefined ? [[key, args[flagOf(key)]]] : []))) as Partial<Record<ThresholdKey, string>>;
    const thresholds = resolveThresholds(site?.check ?? {}, flags);
    const zone = args.tz === undefined ? systemTimeZone() : checkTimeZone(args.tz);
    const asked = checkWindows({ since: args.since, until: args.until }, zone, thresholds.baseline, new Date());
    const db = openDatabase(databasePath(args.db), { readonly: true });
    try {
      const own = ownDomains(db, site?.localDomains ?? []);
      const windows = { period: asked.period, baseline: withinData(asked.baseline, dataStart(db), zone) };
      const period = windowFigures(db, windows.period, own);
      const baseline = windowFigures(db, windows.baseline, own);
      const findings = checkFindings(period, baseline, unreadableSources(db, windows.period.since), thresholds);
      if (args.format === 'json') {
        // A day of 23 or 25 hours where summer time starts or ends is still about a day.
        const span = (w: typeof windows.period) => ({ since: w.since, until: w.until, days: Math.round(lengthInDays(w) * 100) / 100 });
        const json = { schema: JSON_SCHEMA, period: { ...span(windows.period), zone }, baseline: span(windows.baseline), thresholds, findings };
        process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
      } else {
        writeText(renderFindings(findings, windows, thresholds.baseline, zone));
      }
      if (findings.length > 0) process.exitCode = FINDINGS_EXIT_CODE;
    } finally {
      db.close();
    }
  },
};
