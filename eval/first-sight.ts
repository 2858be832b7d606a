// A corpus batch's accuracy on its own, per labelled cause: the figure taken
// with the current build before the batch changes any rule.
//   node dist/eval/first-sight.js families-2026-12.jsonl        the whole file
//   node dist/eval/first-sight.js families-2026-12.jsonl 48     a batch appended from line 48
//   node dist/eval/first-sight.js families-2026-12.jsonl 1 47   lines 1 to 47

import { loadCorpus } from './corpus.js';
import { classifyCorpus } from './metrics.js';

const [file, from = '1', to = 'Infinity'] = process.argv.slice(2);
if (!file) throw new Error('usage: first-sight.js <batch file in test/corpus> [first line] [last line]');
const lineOf = (at: string) => Number(at.slice(file.length + 1));
const inBatch = (at: string) => at.startsWith(`${file}:`) && lineOf(at) >= Number(from) && lineOf(at) <= Number(to);
const verdicts = classifyCorpus(loadCorpus().filter((e) => inBatch(e.at)));
if (verdicts.length === 0) throw new Error(`${file}: no entries`);
const right = (vs: typeof verdicts) => vs.filter((v) => v.got === v.entry.cause).length;
const pct = (n: number, d: number) => `${((n / d) * 100).toFixed(1)}%`;
const out = [`${file} lines ${from} to ${Math.min(Number(to), Math.max(...verdicts.map((v) => lineOf(v.entry.at))))}: ${right(verdicts)} of ${verdicts.length} right (${pct(right(verdicts), verdicts.length)})`];
for (const cause of [...new Set(verdicts.map((v) => v.entry.cause))].sort()) {
  const of = verdicts.filter((v) => v.entry.cause === cause);
  out.push(`  ${cause.padEnd(30)}${`${right(of)} of ${of.length}`.padStart(9)}`);
}
for (const v of verdicts) if (v.got !== v.entry.cause) out.push(`  miss ${v.entry.at}: labelled ${v.entry.cause}, given ${v.got} (${v.rule ?? 'no rule'}): ${v.entry.text.slice(0, 100)}`);
process.stdout.write(`${out.join('\n')}\n`);
