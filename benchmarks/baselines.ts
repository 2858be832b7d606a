// What the table of `npm run bench` sets each figure beside: the issue's
// "today" (issue 17, measured with the benchmark of its day, each figure paired
// with its baseline in one run), the build of 05b529f and the target.
// 05b529f's figures were measured as this benchmark measures, each ingest a
// whole `maillog ingest` process into a fresh database, on the same idle
// machine as the figures of README's table, three runs alternated with that
// build's (one for 1 GB; its wall time was taken while another process ran,
// so only its CPU, memory and database are given); pflogsumm and eximstats
// are from that table's run. Text, as the sources give them; absent where
// they give none.

import type { Mta } from '../parsers/events.js';

export interface Baseline {
  today?: string;
  before?: string;
  target?: string;
}

/** A figure of one ingest case: a log of an MTA, a size, plain or gzip. */
export type CaseFigure = 'throughput' | 'cpu' | 'rss' | 'database' | 'toolWall' | 'toolCpu';

export const BEFORE_REVISION = '05b529f';

export function caseBaseline(figure: CaseFigure, mta: Mta, megabytes: number, gzip: boolean): Baseline {
  const postfix = mta === 'postfix';
  const plain200 = megabytes === 200 && !gzip;
  switch (figure) {
    case 'throughput':
      return {
        today: gzip ? undefined : postfix ? '75–89' : megabytes === 200 ? 'about 74' : undefined,
        before: plain200 ? (postfix ? '42.0–45.5' : '46.1–48.3') : !postfix && !gzip ? '53.3' : undefined,
        target: gzip ? 'as decompression allows' : '≥ 200',
      };
    case 'cpu':
      return {
        today: postfix && megabytes === 200 && !gzip ? 'about 3.4' : undefined,
        before: plain200 ? (postfix ? '6.63–7.41' : '6.76–7.07') : gzip ? undefined : postfix ? '30.58' : '31.33',
      };
    case 'rss':
      return { today: '220–236', before: plain200 ? (postfix ? '243–247' : '249–255') : gzip ? undefined : postfix ? '293' : '319', target: '≤ 150' };
    case 'database':
      // 82.7 MB and 76.8 MB after the 200 MB logs.
      return { today: postfix ? '291' : undefined, before: megabytes === 200 ? (postfix ? '413' : '384') : postfix ? '400' : '382', target: postfix ? '≤ 120' : undefined };
    case 'toolWall':
      // pflogsumm's and eximstats's times in README's run over 05b529f's wall times above.
      return { today: postfix ? '2.5×' : '1.6×', before: plain200 ? (postfix ? '1.6–1.7×' : '1.2–1.3×') : postfix ? undefined : '1.4×', target: postfix ? '≥ 6×' : '≥ 4×' };
    case 'toolCpu':
      return { today: postfix ? '0.54×' : 'about 1×' };
  }
}

/** A log whose deferred messages never complete: the issue gives its peak memory on 1 GB of Postfix. */
export function stuckBaseline(figure: CaseFigure, mta: Mta, megabytes: number): Baseline {
  if (figure !== 'rss') return {};
  return { today: mta === 'postfix' && megabytes === 1000 ? '485' : undefined, target: '≤ 150' };
}

export const STARTUP_BASELINES = {
  ingest: { today: '0.32 (100 lines)', before: '0.34 (1 line)', target: '≤ 0.1' },
  report: { before: '0.28', target: '≤ 0.1' },
  node: { today: '0.06', before: '0.068' },
} satisfies Record<string, Baseline>;
