// The progress of a long ingest on a terminal: bytes read of all there is,
// MB/s and the time left. cli-progress draws and clears it on stderr.

import { SingleBar } from 'cli-progress';
import type { Progress } from '../ingest.js';

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

export function progressBar(stream: NodeJS.WriteStream = process.stderr): Progress {
  let bar: SingleBar | null = null;
  let startedAt = 0;
  return {
    start(total) {
      if (!total) return; // stdin has no size to measure against
      startedAt = Date.now();
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
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}
