// maillog's own package files, found from the code: the working directory
// says nothing about where maillog is installed.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A file at the package root (schema.sql, package.json), above both the sources (src/) and the build (dist/src/). */
export function packageFile(name: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error(`${name} not found beside the program`);
}

/**
 * The version for --version. yargs would take it from the first package.json
 * above its own directory: when maillog is another project's dependency that
 * is the other project's, and under npx npx's, which has none.
 */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string }).version;
}
