import type { CommandModule } from 'yargs';
import { renderTable } from '../report/render.js';
import { SOURCE_COLUMNS, status, type Status } from '../report/status.js';
import { databasePath, openDatabase } from '../store/database.js';
import { DB_OPTION, formatOption, withHelpEnd } from './options.js';
import { plural, writeText } from '../output.js';

interface StatusArgs {
  db?: string;
  format: 'text' | 'json';
}

function render(s: Status): string {
  const run = s.last_run;
  const field = (name: string, value: string) => `${`${name}:`.padEnd(14)}${value}`;
  const lines = [
    field('database', `${s.database.path} (${(s.database.bytes / 1e6).toFixed(1)} MB, schema version ${s.database.schema_version ?? '-'})`),
    field('events', `${s.events.count}${s.events.first ? ` from ${s.events.first} to ${s.events.last}` : ''}`),
    field('daily counts', s.aggregates.first_day ? `${s.aggregates.first_day} to ${s.aggregates.last_day}` : 'none'),
    field(
      'last run',
      run
        ? `${run.started} to ${run.finished}: ${plural(Number(run.files), 'file')}, ${plural(Number(run.lines), 'line')}, ${plural(Number(run.failures), 'failure')}, ${plural(Number(run.deliveries), 'delivery', 'deliveries')}, ${run.skipped} skipped, ${Number(run.seconds).toFixed(1)} s`
        : 'none yet',
    ),
    '',
    s.sources.length ? renderTable(SOURCE_COLUMNS, s.sources).trimEnd() : 'no sources yet',
  ];
  return `${lines.join('\n')}\n`;
}

export const statusCommand: CommandModule<object, StatusArgs> = {
  command: 'status',
  describe: 'The database, its sources and how the last run went',
  builder: (y) =>
    withHelpEnd(y.option('db', DB_OPTION).option('format', formatOption(['text', 'json'], 'text for a person, json for monitoring')), [
      { what: 'how the last run went, for a monitoring system', command: '$0 status --format json' },
    ]) as never,
  handler: (args) => {
    const path = databasePath(args.db);
    const db = openDatabase(path, { readonly: true });
    try {
      const s = status(db, path);
      if (args.format === 'json') process.stdout.write(`${JSON.stringify(s, null, 2)}\n`);
      else writeText(render(s));
    } finally {
      db.close();
    }
  },
};
