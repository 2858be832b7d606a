// One throwaway PostgreSQL cluster for the whole run: the tests that need it
// create a database each on it (freshPostgresDatabase in helpers.ts).

import type { TestProject } from 'vitest/node';
import { findPostgresBinaries, NOT_INSTALLED, startPostgres } from './postgres-server.js';

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const binDir = findPostgresBinaries();
  if (binDir === undefined) {
    // CI installs it: there, skipping the PostgreSQL tests would pass without running them.
    if (process.env.CI) throw new Error(NOT_INSTALLED);
    project.provide('postgres', null);
    return undefined;
  }
  const server = await startPostgres(binDir);
  const { socketDir, port, password } = server;
  project.provide('postgres', { socketDir, port, password, binDir });
  return () => server.stop();
}
