// The ingest progress bar, drawn on a terminal stream.

import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { progressBar } from '../src/commands/progress-bar.js';

function terminal(): { stream: NodeJS.WriteStream; output: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream: Object.assign(stream, { isTTY: true, columns: 120 }) as unknown as NodeJS.WriteStream, output: () => chunks.join('') };
}

describe('progressBar', () => {
  it('shows the bytes read of the total, MB/s and the time left, and clears itself at the end', () => {
    const { stream, output } = terminal();
    const bar = progressBar(stream);
    bar.start(200e6);
    bar.update(50e6);
    bar.stop();
    expect(output()).toMatch(/25% \| 50\.0 of 200\.0 MB \| [\d.]+ MB\/s \| \S+ left/);
  });

  it('draws nothing when there is no total to measure against (stdin)', () => {
    const { stream, output } = terminal();
    const bar = progressBar(stream);
    bar.start(null);
    bar.update(1e6);
    bar.stop();
    expect(output()).toBe('');
  });
});
