// `--out FILE` of the commands that write data: the file is replaced only by
// complete output, and never by output over the database being read.

import { createWriteStream, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { UserError } from './errors.js';
import { systemErrorText } from './output.js';

/** The files SQLite keeps for a database beside it. */
const DATABASE_FILES = ['', '-wal', '-shm', '-journal'];

/** The path with every symbolic link resolved, also for a file not created yet. */
function canonicalPath(path: string): string {
  const absolute = resolve(path);
  for (const [dir, name] of [[absolute, ''], [dirname(absolute), basename(absolute)]]) {
    try {
      return join(realpathSync(dir), name);
    } catch {
      // not there (yet): try its directory, then the path as written
    }
  }
  return absolute;
}

/** Output written over the database, or its journal, would destroy it. */
export function refuseDatabaseAsOut(out: string, database: string): void {
  const target = canonicalPath(out);
  const db = canonicalPath(database);
  if (DATABASE_FILES.some((suffix) => target === db + suffix)) {
    throw new UserError(`--out ${out} is the database ${database} or one of its files (-wal, -shm, -journal); name another file`);
  }
}

function isRegularOrMissing(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return true;
  }
}

async function openFile(path: string, flags: string, flush = false): Promise<Writable> {
  const out = createWriteStream(path, { flags, flush });
  await new Promise((ready, failed) => out.once('open', ready).once('error', failed));
  return out;
}

/** An error of the file system (not of the database being read) names the file it could not write. */
function asWriteError(error: unknown, path: string): unknown {
  return error instanceof Error && (error as NodeJS.ErrnoException).syscall ? new UserError(`cannot write ${path}: ${systemErrorText(error)}`) : error;
}

/**
 * Runs `write` on a temporary file beside `path`, renamed over `path` once
 * complete: a failed run leaves the previous file as it was and no half
 * file, and a reader of `path` (node_exporter's textfile collector reading
 * metrics) sees the old file or the new one, whole. The temporary file is
 * synced to disk before the rename, so a crash cannot leave `path` renamed
 * but empty. A pipe or a device (`/dev/stdout`) has no half file and cannot
 * be renamed over, so it is written directly.
 */
export async function writeFileWhole<T>(path: string, write: (out: Writable) => Promise<T>): Promise<T> {
  if (!isRegularOrMissing(path)) {
    try {
      return await write(await openFile(path, 'w'));
    } catch (error) {
      throw asWriteError(error, path);
    }
  }
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  let created = false;
  try {
    // 'wx': never through a link someone left at the temporary name. The name starts with a dot and
    // ends in .tmp: no glob for the finished files (*.csv, *.prom) matches it.
    const file = await openFile(temp, 'wx', true);
    created = true;
    const result = await write(file);
    renameSync(temp, path);
    return result;
  } catch (error) {
    // Only a file this run created: where none could be (a directory that is a file), removing fails too.
    if (created) rmSync(temp, { force: true });
    throw asWriteError(error, path);
  }
}

/** Text that is all made before it is written: to stdout, or to `--out` whole. */
export async function writeTextOut(text: string, out: string | undefined): Promise<void> {
  if (out === undefined) {
    process.stdout.write(text);
    return;
  }
  // finished() waits for the file to be closed, so synced, before writeFileWhole renames it.
  await writeFileWhole(out, (file) => {
    file.end(text);
    return finished(file);
  });
}
