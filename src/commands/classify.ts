import { createInterface } from 'node:readline';
import type { CommandModule } from 'yargs';
import { CAUSES } from '../classify/causes.js';
import { Classifier, type Classification } from '../classify/classifier.js';
import { CLASSIFIER_OPTIONS, classifierOptions, formatOption, restoreStdinArg, withHelpEnd, type ClassifierArgs } from './options.js';
import { writeText } from '../output.js';

interface ClassifyArgs extends ClassifierArgs {
  text: string;
  format: 'text' | 'json';
  /** The earlier spelling of --format json, still taken. */
  json?: boolean;
}

function asJson(text: string, c: Classification): string {
  return JSON.stringify({
    text,
    cause: c.cause,
    rule: c.rule,
    reply_code: c.replyCode,
    enhanced_status: c.enhancedStatus,
    stage: c.stage,
    exit_code: c.exitCode,
    permanent: c.permanent,
    fingerprint: c.fingerprint,
    confidence: c.confidence,
    guess: c.guess,
  });
}

function asText(c: Classification): string {
  const yesNo = c.permanent === null ? 'unknown' : c.permanent ? 'yes (5xx)' : 'no (4xx, temporary)';
  return [
    `cause:            ${c.cause} — ${CAUSES[c.cause].title}`,
    `advice:           ${CAUSES[c.cause].advice}`,
    `rule:             ${c.rule ?? '(none matched)'}`,
    `reply code:       ${c.replyCode ?? '-'}`,
    `enhanced status:  ${c.enhancedStatus ?? '-'}`,
    `stage:            ${c.stage ?? '-'}`,
    // Only a failed delivery command has one: a line of '-' under every SMTP reply would say nothing.
    ...(c.exitCode !== null ? [`exit code:        ${c.exitCode}`] : []),
    `permanent:        ${yesNo}`,
    `confidence:       ${c.confidence.toFixed(2)}`,
    ...(c.guess ? [`model's guess:    ${c.guess.cause} (right ${Math.round(c.guess.confidence * 100)}% of the time at this certainty on wording it had not seen)`] : []),
    `reason pattern:   ${c.masked}`,
  ].join('\n');
}

/** One result per input line, tab-separated. */
function asLine(text: string, c: Classification): string {
  return [c.cause, c.replyCode ?? '', c.enhancedStatus ?? '', c.stage ?? '', c.rule ?? '', text].join('\t');
}

export const classifyCommand: CommandModule<object, ClassifyArgs> = {
  command: 'classify <text>',
  describe: 'Classify a bounce or reject text; - reads one text per line from stdin',
  builder: (y) =>
    withHelpEnd(
      y
        .positional('text', { type: 'string', demandOption: true, describe: 'the diagnostic text, or - for stdin' })
        .option('format', formatOption(['text', 'json'], 'text: the cause and its evidence (with -, one tab-separated line per text); json: one JSON object (with -, one per line)'))
        .option('json', { type: 'boolean', hidden: true })
        .option('rules', CLASSIFIER_OPTIONS.rules),
      [
        { what: 'what a reply that names no such user means', command: '$0 classify "550 5.1.1 <bob@b.example>: User unknown"' },
        { what: 'one text per line, one JSON result per line', command: '$0 classify - --format json < bounces.txt' },
      ],
    ) as never,
  handler: async (args) => {
    const classifier = new Classifier(classifierOptions(args));
    const text = restoreStdinArg(args.text);
    const json = args.format === 'json' || args.json === true;
    if (text !== '-') {
      const c = classifier.classify({ text });
      if (json) process.stdout.write(`${asJson(text, c)}\n`);
      else writeText(`${asText(c)}\n`);
      return;
    }
    for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
      if (line.trim() === '') continue;
      const c = classifier.classify({ text: line });
      if (json) process.stdout.write(`${asJson(line, c)}\n`);
      else writeText(`${asLine(line, c)}\n`);
    }
  },
};
