import type { CommandModule } from 'yargs';
import { databasePath, openDatabase } from '../store/database.js';
import { rulesFile } from '../store/rules-used.js';
import { ingest, recognisedShare, skippedTotal, type FormatOption, type IngestSummary, type SourceReport } from '../ingest.js';
import { CLASSIFIER_OPTIONS, classifierOptions, DB_OPTION, restoreStdinArg, withHelpEnd, type ClassifierArgs } from './options.js';
import { UserError } from '../errors.js';
import { progressBar } from './progress-bar.js';
import { plural, writeText } from '../output.js';
import { checkTimeZone } from '../time-zone.js';
import { dayCount } from '../days.js';

interface IngestArgs extends ClassifierArgs {
  files: string[];
  db?: string;
  format: FormatOption;
  year?: number;
  tz?: string;
  'keep-events'?: string;
  quiet: boolean;
  wait: number;
  host?: string;
}

/** `--tz`: an IANA zone name, checked before anything is read; stamps without a zone are read in it. */
function useTimeZone(zone: string): void {
  // The source thread, started after this, inherits it with the environment.
  process.env.TZ = checkTimeZone(zone);
}

// A century: any longer is no limit, and a date that far back is out of range.
const MAX_KEEP_DAYS = 36_500;

/** `--keep-events 90d` (or 12w, or a number of days) as days. */
function keepEventsDays(value: string): number {
  const days = dayCount(value);
  if (days === null) throw new UserError(`--keep-events ${value}: give a number of days or weeks, such as 90d or 12w`);
  if (days > MAX_KEEP_DAYS) throw new UserError(`--keep-events ${value}: at most ${MAX_KEEP_DAYS} days (100 years), such as 90d or 12w`);
  return days;
}

function skippedNote(r: SourceReport): string | null {
  const total = skippedTotal(r.skipped);
  if (total === 0) return null;
  const kinds = [
    [r.skipped.malformed, 'malformed'],
    [r.skipped.binary, 'binary or invalid UTF-8'],
    [r.skipped.enormous, 'over 1 MiB'],
  ]
    .filter(([n]) => Number(n) > 0)
    .map(([n, what]) => `${n} ${what}`);
  return `skipped ${plural(total, 'unparseable line')} in ${r.name} (${kinds.join(', ')})`;
}

/** Under this share of a source's own lines recognised, its --format is likely wrong. */
const LOW_SHARE = 0.5;

const aLog = (format: string | null) => `${format === 'exim' ? 'an' : 'a'} ${format} log`;

function notRecordedNote(r: SourceReport): string {
  return `maillog: nothing in ${r.name} was recognised as ${aLog(r.format)} (0 of ${plural(r.lines, 'line')}); it was not recorded, so it can be read again with the right --format`;
}

function lowShareNote(r: SourceReport): string | null {
  const read = r.recognised + r.skipped.malformed;
  const share = recognisedShare(r);
  if (share === null || share >= LOW_SHARE) return null;
  return `maillog: only ${Math.floor(share * 100)}% of ${r.name} was recognised as ${aLog(r.format)} (${r.recognised} of ${plural(read, 'line')}, other programs' lines left out); it was stored: if its --format is wrong, forget it (maillog forget) and read it again`;
}

/** A run that read no new byte of any input and met no problem: one line says so for all of them. */
function addedNothing(s: IngestSummary): boolean {
  return s.sources.every((r) => r.newBytes === 0 && !r.problem);
}

function sourceNotes(r: SourceReport, quietWhenUnchanged: boolean): string[] {
  // What else there is to say of it is said again when it is read with the right --format.
  if (!r.recorded) return [notRecordedNote(r)];
  const notes: string[] = [];
  const lowShare = lowShareNote(r);
  if (lowShare) notes.push(lowShare);
  if (r.problem) notes.push(`${r.name}: ${r.problem}${r.lines > 0 ? `; the ${plural(r.lines, 'line')} before it ${r.lines === 1 ? 'was' : 'were'} ingested` : ''}`);
  const skipped = skippedNote(r);
  if (skipped) notes.push(skipped);
  if (r.truncated) notes.push(`${r.name}: shorter than what was read of it before (truncated in place, as by copytruncate): read again from its start`);
  if (r.heldBackBytes > 0) notes.push(`${r.name}: last line has no newline yet; it is left for the next run`);
  if (!quietWhenUnchanged && !r.problem && r.resumedAt > 0 && r.newBytes === 0) notes.push(`${r.name}: nothing new since the last run`);
  return notes;
}

export function summaryLine(s: IngestSummary): string {
  const files = plural(s.sources.length, 'file');
  if (addedNothing(s)) return `nothing new in ${files}`;
  const t = (f: (r: SourceReport) => number) => s.sources.reduce((a, r) => a + f(r), 0);
  const perSecond = s.seconds > 0 ? t((r) => r.newBytes) / 1e6 / s.seconds : 0;
  // Below 0.1 MB/s the rate of a small input is mostly start-up time: it says nothing of the speed.
  const rate = perSecond >= 0.1 ? `, ${perSecond.toFixed(1)} MB/s` : '';
  return (
    `ingested ${files}: ${plural(t((r) => r.lines), 'line')} ` +
    `(${t((r) => r.recognised)} recognised, ${plural(t((r) => r.foreign), 'other program')}, ${t((r) => skippedTotal(r.skipped))} skipped), ` +
    `${plural(t((r) => r.failures), 'failure')}, ${plural(t((r) => r.deliveries), 'delivery', 'deliveries')} in ${s.seconds.toFixed(1)} s${rate}`
  );
}

export const ingestCommand: CommandModule<object, IngestArgs> = {
  command: 'ingest <files..>',
  describe: 'Read MTA logs (plain or gzip, - for stdin) and store their failures',
  builder: (y) =>
    withHelpEnd(
        y
          .positional('files', { type: 'string', array: true, demandOption: true, describe: 'log files; - reads stdin' })
          .option('db', DB_OPTION)
          .option('format', { choices: ['auto', 'postfix', 'exim', 'qmail'] as const, default: 'auto' as const, describe: 'log format; auto detects it per file' })
          .option('year', { type: 'number', describe: 'year of RFC 3164 stamps (default: from each file’s modification time)' })
          .option('tz', { type: 'string', describe: 'IANA time zone of stamps without a zone (RFC 3164, Exim, tai64nlocal); default: the system zone' })
          .option('keep-events', { type: 'string', describe: 'after the run, delete events older than this (90d, 12w); daily aggregates are kept' })
          .option('host', { type: 'string', describe: 'the host whose logs these are (default: this machine’s name): kept apart from other hosts’ logs in a shared database; lines that name no host (Exim’s own files, qmail’s multilog) are filed under it' })
          .option('wait', { type: 'number', default: 10, describe: 'seconds to wait for another ingest on the same database before giving up' })
          .option('quiet', { type: 'boolean', default: false, describe: 'no progress bar (there is none when stderr is not a terminal); the summary line stays' })
          .options(CLASSIFIER_OPTIONS),
      [
        { what: 'a night’s logs, rotated ones included, oldest first', command: '$0 ingest /var/log/mail.log*' },
        { what: 'stamps in Paris time; events over 90 days old deleted, daily counts kept', command: '$0 ingest --tz Europe/Paris --keep-events 90d /var/log/mail.log*' },
        { what: 'one host of many, into PostgreSQL (docs/fleet.md)', command: '$0 ingest --db postgres://maillog@db/maillog /var/log/mail.log*' },
        { what: 'from journald', command: "journalctl -q -u postfix -u 'postfix@*' -o short-iso | $0 ingest -" },
      ],
      [0, 1, 2],
    ) as never,
  handler: async (args) => {
    if (args.year !== undefined && !(Number.isInteger(args.year) && args.year >= 1970 && args.year <= 9999)) {
      throw new UserError('--year takes a year such as 2026');
    }
    const keep = args['keep-events'] === undefined ? undefined : keepEventsDays(args['keep-events']);
    if (!(args.wait >= 0 && args.wait <= 86_400)) throw new UserError('--wait takes a number of seconds, such as 10');
    if (args.tz !== undefined) useTimeZone(args.tz);
    const classifier = classifierOptions(args);
    if (args.host !== undefined && !/^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$/.test(args.host)) throw new UserError('--host takes a host name, such as mx1.example.net');
    const db = openDatabase(databasePath(args.db), { waitMs: Math.round(args.wait * 1000) });
    try {
      const summary = await ingest(db, args.files.map(restoreStdinArg), {
        format: args.format,
        year: args.year,
        classifier,
        rulesFile: args.rules === undefined ? null : rulesFile(args.rules),
        keepEventsDays: keep,
        host: args.host,
        progress: process.stderr.isTTY && !args.quiet ? progressBar() : undefined,
      });
      // Notes name the inputs, and a file name can hold what a terminal would run.
      const unchanged = addedNothing(summary);
      for (const r of summary.sources) for (const note of sourceNotes(r, unchanged)) writeText(`${note}\n`, process.stderr);
      if (summary.evictedIds > 0) {
        const were = summary.evictedIds === 1 ? 'was' : 'were';
        process.stderr.write(`${plural(summary.evictedIds, 'message id')} ${were} still open when the correlation limit was reached and ${were} forgotten; their later lines lack a sender\n`);
      }
      if (summary.pruned > 0) process.stderr.write(`deleted ${plural(summary.pruned, 'event')} older than ${plural(keep!, 'day')} (--keep-events); their daily counts remain\n`);
      process.stderr.write(`${summaryLine(summary)}\n`);
      if (summary.sources.some((r) => r.problem || !r.recorded)) process.exitCode = 1;
    } finally {
      db.close();
    }
  },
};
