// What an administrator installs: the packed package, its license, its
// version, and the quick start's samples.

import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, SAMPLES, tempDir } from './helpers.js';

const ROOT = join(import.meta.dirname, '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  license: string;
  bin: Record<string, string>;
  engines: Record<string, string>;
  dependencies: Record<string, string>;
  scripts: Record<string, string>;
};

function npm(args: string[], cwd: string): string {
  const result = spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' } });
  expect(result.status, `npm ${args.join(' ')}: ${result.stderr}`).toBe(0);
  return result.stdout;
}

/** `npm pack` of the built tree (npm test builds it first): the tarball's path and the files in it. */
function pack(): { tarball: string; files: string[] } {
  const dir = tempDir();
  const [report] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir], ROOT)) as { filename: string; files: { path: string }[] }[];
  return { tarball: join(dir, report.filename), files: report.files.map((file) => file.path) };
}

describe('the packed package', () => {
  it('holds the program, its man page, the docs and the license, and no tests', () => {
    const { files } = pack();
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'schema.sql', 'dist/src/cli.js', 'dist/man/maillog.1', 'docs/operations.md', 'docs/json.md']));
    expect(files.filter((file) => /^(test|samples|src\/.*\.ts$|man\/)/.test(file))).toEqual([]);
  });

  // A project's lock file names the tarball and maillog's own locked
  // dependencies, so `npm ci --offline` installs from the npm cache that
  // installing maillog filled. The native build of better-sqlite3 is not
  // needed to print the version.
  it("prints its own version from another project's node_modules, not that project's", () => {
    const { tarball } = pack();
    const project = tempDir();
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
    const spec = `file:${tarball}`;
    const own = { name: 'another-project', version: '9.9.9', private: true, dependencies: { maillog: spec } };
    const packages: Record<string, unknown> = {
      '': own,
      'node_modules/maillog': { version: manifest.version, resolved: spec, license: manifest.license, dependencies: manifest.dependencies, bin: manifest.bin, engines: manifest.engines },
    };
    for (const [path, entry] of Object.entries(lock.packages)) if (path && !entry.dev) packages[path] = entry;
    writeFileSync(join(project, 'package.json'), JSON.stringify(own));
    writeFileSync(join(project, 'package-lock.json'), JSON.stringify({ name: own.name, version: own.version, lockfileVersion: 3, requires: true, packages }));
    npm(['ci', '--offline', '--ignore-scripts'], project);

    const run = spawnSync(join(project, 'node_modules', '.bin', 'maillog'), ['--version'], { cwd: project, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(`${manifest.version}\n`);
  });
});

describe('--version', () => {
  it("prints maillog's version whatever package.json the working directory has", () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'another-project', version: '9.9.9' }));
    const run = spawnSync(process.execPath, [join(ROOT, 'dist', 'src', 'cli.js'), '--version'], { cwd: dir, encoding: 'utf8' });
    expect(run.stdout).toBe(`${manifest.version}\n`);
  });
});

describe('LICENSE', () => {
  it("is the license package.json names, the maillog authors' of 2026", () => {
    const text = readFileSync(join(ROOT, 'LICENSE'), 'utf8');
    expect(manifest.license).toBe('MIT');
    expect(text.split('\n')[0]).toBe('MIT License');
    expect(text).toContain('Copyright (c) 2026 the maillog authors\n');
    expect(text).toContain('THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND');
  });
});

describe('npm start', () => {
  interface Expected {
    failures: Record<string, Record<string, number>>;
  }
  const files = manifest.scripts.start.split('&&')[0].trim().split(/\s+/).slice(3);

  it('ingests one log of each MTA run: each failure of the samples once', () => {
    expect(manifest.scripts.start).toMatch(/^node dist\/src\/cli\.js ingest samples\//);
    const dir = tempDir();
    const db = join(dir, 'start.db');
    expect(cli(['ingest', '--db', db, ...files.map((file) => join(ROOT, file))]).status).toBe(0);

    // The Exim reject log's refusals are the main log's too, and count once.
    const runs = files.filter((file) => !file.endsWith('/rejectlog'));
    const expected: Record<string, number> = {};
    for (const file of runs) {
      const name = file.split('/').pop()!.replace(/\.log$/, '');
      const { failures } = JSON.parse(readFileSync(join(SAMPLES, 'expected', `${name}.json`), 'utf8')) as Expected;
      for (const outcomes of Object.values(failures)) for (const [outcome, n] of Object.entries(outcomes)) expected[outcome] = (expected[outcome] ?? 0) + n;
    }
    const exported = cli(['export', '--db', db, '--format', 'ndjson']).stdout.trim().split('\n').map((line) => JSON.parse(line) as { outcome: string });
    const actual: Record<string, number> = {};
    for (const { outcome } of exported) actual[outcome] = (actual[outcome] ?? 0) + 1;
    expect(actual).toEqual(expected);
    expect(new Set(runs.map((file) => file.split('/')[1]))).toEqual(new Set(['postfix', 'exim', 'qmail']));
  });
});
