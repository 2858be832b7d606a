import { defineConfig } from 'vitest/config';

// Many tests run the CLI several times over, each a process that starts Node
// and opens a database: seconds on a busy machine. The limit only stops a
// test that hangs; no test asserts how fast anything runs (benchmarks do).
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ['test/global-setup.ts'],
  },
});
