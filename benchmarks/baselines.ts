// What the table of `npm run bench` sets each figure beside: the issue's
// "today" (issue 17, measured with the benchmark of its day, each figure paired
// with its baseline in one run), the build of 05b529f on an idle machine (the
// benchmark of that build, timing the ingest inside its process, and the
// README of that build where noted) and the target. Text, as the
// sources give them; absent where they give none.

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
        before: plain200 ? (postfix ? '35.0 (ingest alone)' : '43.2 (ingest alone)') : undefined,
        target: gzip ? 'as decompression allows' : '≥ 200',
      };
    case 'cpu':
      return {
        today: postfix && megabytes === 200 && !gzip ? 'about 3.4' : undefined,
        before: plain200 ? (postfix ? '9.02' : '7.86') : undefined,
      };
    case 'rss':
      return { today: '220–236', before: plain200 ? (postfix ? '239' : '246') : undefined, target: '≤ 150' };
    case 'database':
      // 82.7 MB and 76.8 MB after the 200 MB logs.
      return { today: postfix ? '291' : undefined, before: megabytes === 200 ? (postfix ? '413' : '384') : undefined, target: postfix ? '≤ 120' : undefined };
    case 'toolWall':
      // The README of 05b529f: its benchmark's ingest time, without start-up, on an idle machine.
      return { today: postfix ? '2.5×' : '1.6×', before: plain200 ? (postfix ? '1.9× (README)' : '1.4× (README)') : undefined, target: postfix ? '≥ 6×' : '≥ 4×' };
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
  ingest: { today: '0.32 (100 lines)', before: '0.47 (20 lines, README)', target: '≤ 0.1' },
  report: { before: '0.29–0.34 (README)', target: '≤ 0.1' },
  node: { today: '0.06', before: '0.063 (README)' },
} satisfies Record<string, Baseline>;
