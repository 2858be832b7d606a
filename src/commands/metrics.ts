import type { CommandModule } from 'yargs';
import { refuseDatabaseAsOut, writeTextOut } from '../out-file.js';
import { databasePath, openDatabase } from '../store/database.js';
import { DB_OPTION, withHelpEnd } from './options.js';

interface MetricsArgs {
  db?: string;
  out?: string;
}

export const metricsCommand: CommandModule<object, MetricsArgs> = {
  command: 'metrics',
  describe: "Totals of the whole database as Prometheus metrics, for node_exporter's textfile collector",
  builder: (y) =>
    withHelpEnd(
      y
        .option('db', DB_OPTION)
        .option('out', { type: 'string', describe: 'file to write (default: stdout), replaced whole: a reader sees the old file or the new one' }),
      [{ what: "for node_exporter's textfile collector, from cron", command: '$0 metrics --out /var/lib/prometheus/node-exporter/maillog.prom' }],
    ) as never,
  handler: async (args) => {
    const path = databasePath(args.db);
    const out = args.out || undefined;
    if (out !== undefined) refuseDatabaseAsOut(out, path);
    const db = openDatabase(path, { readonly: true });
    let text: string;
    try {
      // prom-client is loaded by this command alone: the others would pay for it at start-up.
      const { metricsText } = await import('../metrics.js');
      text = await metricsText(db);
    } finally {
      db.close();
    }
    await writeTextOut(text, out);
  },
};
