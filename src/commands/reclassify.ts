import type { CommandModule } from 'yargs';
import { Classifier } from '../classify/classifier.js';
import { reclassify } from '../store/reclassify.js';
import { databasePath, openDatabase } from '../store/database.js';
import { rulesChangeWarning, rulesFile, rulesUsed } from '../store/rules-used.js';
import { plural, writeText } from '../output.js';
import { CLASSIFIER_OPTIONS, classifierOptions, DB_OPTION, withHelpEnd, type ClassifierArgs } from './options.js';

interface ReclassifyArgs extends ClassifierArgs {
  db?: string;
}

export const reclassifyCommand: CommandModule<object, ReclassifyArgs> = {
  command: 'reclassify',
  describe: 'Classify the stored failures again, with the current and the site rules',
  builder: (y) =>
    withHelpEnd(y.option('db', DB_OPTION).options(CLASSIFIER_OPTIONS), [
      { what: 'after adding a site rule', command: '$0 reclassify --rules /etc/maillog/rules.yaml' },
    ]) as never,
  handler: (args) => {
    const classifier = new Classifier(classifierOptions(args));
    const rules = args.rules === undefined ? null : rulesFile(args.rules);
    const db = openDatabase(databasePath(args.db), { existing: true });
    try {
      const warning = rulesChangeWarning(rulesUsed(db), rules);
      if (warning) writeText(`maillog: ${warning}\n`, process.stderr);
      const result = reclassify(db, classifier, rules);
      for (const m of result.moves) process.stdout.write(`${String(m.count).padStart(8)}  ${m.from} → ${m.to}\n`);
      process.stdout.write(`${plural(result.events, 'failure')} classified again; ${result.changed} changed cause\n`);
    } finally {
      db.close();
    }
  },
};
