import type { CommandModule } from 'yargs';
import { sourceList } from '../report/status.js';
import type { Row } from '../report/breakdown.js';
import { databasePath, openDatabase } from '../store/database.js';
import { DB_OPTION, formatOption, withHelpEnd } from './options.js';
import { plural, writeText } from '../output.js';

interface SourcesArgs {
  db?: string;
  format: 'text' | 'json';
}

const minute = (iso: unknown) => String(iso).slice(0, 16).replace('T', ' ');

/** What was read of a source, and when: the second line of its entry. */
function span(row: Row): string {
  const read = `read ${minute(row.last_ingest)} UTC`;
  if (row.first_time === null) return `${plural(Number(row.lines), 'line')}, no mail in them; ${read}`;
  const [first, last] = [minute(row.first_time), minute(row.last_time)];
  // The same day once: the span of a night's log fits the line.
  const until = first.slice(0, 10) === last.slice(0, 10) ? last.slice(11) : last;
  return `${plural(Number(row.lines), 'line')} from ${first} to ${until}; ${read}`;
}

/** Two lines a source: its fingerprint, format and name whole, then its lines, their span and when it was read. */
function render(rows: Row[]): string {
  if (rows.length === 0) return 'no sources yet\n';
  const indent = ' '.repeat(14);
  return rows.map((r) => `${r.fingerprint}  ${String(r.format ?? '-').padEnd(7)}  ${r.path}\n${indent}${span(r)}\n`).join('');
}

export const sourcesCommand: CommandModule<object, SourcesArgs> = {
  command: 'sources',
  describe: 'The files read, as maillog knows them: to forget one read by mistake',
  builder: (y) =>
    withHelpEnd(y.option('db', DB_OPTION).option('format', formatOption(['text', 'json'], 'text: two lines a file; json: every field')), [
      { what: 'the files read, to name one to forget', command: '$0 sources' },
    ]) as never,
  handler: (args) => {
    const db = openDatabase(databasePath(args.db), { readonly: true });
    try {
      const rows = sourceList(db);
      if (args.format === 'json') process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      else writeText(render(rows));
    } finally {
      db.close();
    }
  },
};
