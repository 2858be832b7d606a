// The progress of a long ingest on a terminal: bytes read of all there is,
// MB/s and the time left. cli-progress draws and clears it on stderr.

import { constants } from 'node:os';
import { SingleBar } from 'cli-progress';
import type { Progress } from '../ingest.js';

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

export function progressBar(stream: NodeJS.WriteStream = process.stderr): Progress {
  let bar: SingleBar | null = null;
  let startedAt = 0;
  // The bar hides the cursor; a run stopped by Ctrl-C must show it again before
  // it ends. Exiting at once is safe: the run's transaction is never committed.
  const stop = () => {
    bar?.stop();
    bar = null;
    for (const signal of STOP_SIGNALS) process.off(signal, interrupted);
  };
  function interrupted(signal: (typeof STOP_SIGNALS)[number]): void {
    stop();
    process.exit(128 + constants.signals[signal]);
  }
  return {
    start(total) {
      if (!total) return; // stdin has no size to measure against
      startedAt = Date.now();
      // Listen before the bar is drawn: a Ctrl-C pressed as soon as it shows
      // would otherwise end the process before the cursor is given back.
      for (const signal of STOP_SIGNALS) process.once(signal, interrupted);
      bar = new SingleBar({
        stream,
        format: '{bar} {percentage}% | {done} of {all} MB | {speed} MB/s | {eta_formatted} left',
        barsize: 30,
        hideCursor: true,
        clearOnComplete: true,
        etaBuffer: 40,
      });
      bar.start(total, 0, { done: mb(0), all: mb(total), speed: '0.0' });
    },
    update(done) {
      const seconds = (Date.now() - startedAt) / 1000;
      bar?.update(done, { done: mb(done), speed: seconds > 0 ? mb(done / seconds) : '0.0' });
    },
    stop,
  };
}
