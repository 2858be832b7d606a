import type { CommandModule } from 'yargs';
import { databasePath, openDatabase } from '../store/database.js';
import { ingest, skippedTotal, type FormatOption, type IngestSummary, type SourceReport } from '../ingest.js';
import { CLASSIFIER_OPTIONS, classifierOptions, DB_OPTION, restoreStdinArg, type ClassifierArgs } from './options.js';
import { UserError } from '../errors.js';

interface IngestArgs extends ClassifierArgs {
  files: string[];
  db?: string;
  format: FormatOption;
  year?: number;
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
  return `skipped ${total} unparseable line${total === 1 ? '' : 's'} in ${r.name} (${kinds.join(', ')})`;
}

function sourceNotes(r: SourceReport): string[] {
  const notes: string[] = [];
  if (r.problem) notes.push(`${r.name}: ${r.problem}${r.lines > 0 ? `; the ${r.lines} lines before it were ingested` : ''}`);
  const skipped = skippedNote(r);
  if (skipped) notes.push(skipped);
  if (r.heldBackBytes > 0) notes.push(`${r.name}: last line has no newline yet; it is left for the next run`);
  if (!r.problem && r.resumedAt > 0 && r.newBytes === 0) notes.push(`${r.name}: nothing new since the last run`);
  return notes;
}

export function summaryLine(s: IngestSummary): string {
  const t = (f: (r: SourceReport) => number) => s.sources.reduce((a, r) => a + f(r), 0);
  const mb = t((r) => r.newBytes) / 1e6;
  const rate = s.seconds > 0 ? `, ${(mb / s.seconds).toFixed(1)} MB/s` : '';
  return (
    `ingested ${s.sources.length} file${s.sources.length === 1 ? '' : 's'}: ${t((r) => r.lines)} lines ` +
    `(${t((r) => r.recognised)} recognised, ${t((r) => r.foreign)} other programs, ${t((r) => skippedTotal(r.skipped))} skipped), ` +
    `${t((r) => r.failures)} failures, ${t((r) => r.deliveries)} deliveries in ${s.seconds.toFixed(1)} s${rate}`
  );
}

export const ingestCommand: CommandModule<object, IngestArgs> = {
  command: 'ingest <files..>',
  describe: 'Read MTA logs (plain or gzip, - for stdin) and store their failures',
  builder: (y) =>
    y
      .positional('files', { type: 'string', array: true, demandOption: true, describe: 'log files; - reads stdin' })
      .option('db', DB_OPTION)
      .option('format', { choices: ['auto', 'postfix', 'exim', 'qmail'] as const, default: 'auto' as const, describe: 'log format; auto detects it per file' })
      .option('year', { type: 'number', describe: 'year of RFC 3164 stamps (default: from each file’s modification time)' })
      .options(CLASSIFIER_OPTIONS)
      .example('$0 ingest /var/log/mail.log /var/log/mail.log.1 /var/log/mail.log.2.gz', 'a night’s logs, rotated ones included')
      .example('journalctl -u postfix -o short-iso | $0 ingest -', 'from journald') as never,
  handler: async (args) => {
    if (args.year !== undefined && !(Number.isInteger(args.year) && args.year >= 1970 && args.year <= 9999)) {
      throw new UserError('--year takes a year such as 2026');
    }
    const classifier = classifierOptions(args);
    const db = openDatabase(databasePath(args.db));
    try {
      const summary = await ingest(db, args.files.map(restoreStdinArg), { format: args.format, year: args.year, classifier });
      for (const r of summary.sources) for (const note of sourceNotes(r)) process.stderr.write(`${note}\n`);
      if (summary.evictedIds > 0) {
        process.stderr.write(`${summary.evictedIds} message ids were still open when the correlation limit was reached and were forgotten; their later lines lack a sender\n`);
      }
      process.stderr.write(`${summaryLine(summary)}\n`);
      if (summary.sources.some((r) => r.problem)) process.exitCode = 1;
    } finally {
      db.close();
    }
  },
};
