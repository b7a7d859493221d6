/**
 * The writer's temp files, beside the outputs they stand for: named by the writer, not the target
 * (`.structgen-<pid>-<8 hex>.tmp`), so that a long target name leaves room for them; created exclusively, under
 * another name when one is taken; the clean-up after a run; and file identity (one file under two paths).
 * Synchronous, as the whole writer is (write/transaction.ts says why).
 */
import { randomBytes } from "node:crypto";
import {
  constants,
  copyFileSync,
  linkSync,
  readdirSync,
  rmdirSync,
  rmSync,
  statSync,
} from "node:fs";
import { dirname, join } from "node:path";

const TEMP_FILE = /^\.structgen-\d+-[0-9a-f]{8}\.tmp$/;
/** This run's temp files: another run's pid, or a dead run's, is in every temp file to clean up. */
const OWN_TEMP_PREFIX = `.structgen-${process.pid}-`;
/** How many names a temp file may draw before a clash is an error (one clash is rare, four are a broken disk). */
const MAX_ATTEMPTS = 4;

/** The temp file of this run named by `id` in `folder`. */
export function tempFile(folder: string, id: string): string {
  return join(folder, `${OWN_TEMP_PREFIX}${id}.tmp`);
}

/**
 * Creates a temp file in `folder` with `create`, which must refuse an existing file (EEXIST), and returns the
 * random part of its name. Names are 32 random bits, so thousands of temp files in one folder can draw a name
 * twice (about one run in 40 at 15,000 files): a clash just draws another. A file `create` made before failing
 * otherwise is removed.
 */
export function createTemp(folder: string, create: (file: string) => void): string {
  for (let attempt = 1; ; attempt++) {
    const id = randomBytes(4).toString("hex");
    const file = tempFile(folder, id);
    try {
      create(file);
      return id;
    } catch (error) {
      const clash = (error as NodeJS.ErrnoException).code === "EEXIST";
      // After a clash the file is not ours to remove.
      if (!clash) {
        rmSync(file, { force: true });
      }
      if (!clash || attempt === MAX_ATTEMPTS) {
        throw error;
      }
    }
  }
}

/**
 * Keeps the file at `target` under the name `aside` without reading it into memory: a hard link, or a copy where
 * the file system has no links. False when there is no file any more (nothing to put back).
 */
export function keepAside(target: string, aside: string): boolean {
  const gone = (error: unknown): boolean => (error as NodeJS.ErrnoException).code === "ENOENT";
  try {
    linkSync(target, aside);
    return true;
  } catch (error) {
    if (gone(error)) {
      return false;
    }
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      throw error;
    }
  }
  try {
    copyFileSync(target, aside, constants.COPYFILE_EXCL);
    return true;
  } catch (error) {
    if (gone(error)) {
      return false;
    }
    throw error;
  }
}

/**
 * Temp files of a run that was killed before it could clean up. Every writer holds the folder's lock while its
 * temp files exist, so under the lock any temp file found that is not this run's own is such a leftover. (A
 * folder reached through a link inside the output folder can be seen twice, after this run staged files in it.)
 */
export function removeLeftoverTemps(folder: string): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names.filter(
    (name) => TEMP_FILE.test(name) && !name.startsWith(OWN_TEMP_PREFIX),
  )) {
    rmSync(join(folder, name), { force: true });
  }
}

/** Removes `folder` and its parents up to `firstCreated` (a folder this run created) while they are empty. */
export function removeEmptyFolders(firstCreated: string, folder: string): void {
  for (let current = folder; ; current = dirname(current)) {
    try {
      rmdirSync(current);
    } catch {
      return;
    }
    if (current === firstCreated || dirname(current) === current) {
      return;
    }
  }
}

/** A file's device and inode ("" when there is no file): two paths with one identity are one file. */
export function fileIdentity(path: string): string {
  const info = statSync(path, { throwIfNoEntry: false, bigint: true });
  return info === undefined ? "" : `${info.dev}:${info.ino}`;
}

/** The identities of the files at `paths` that exist. */
export function identities(paths: readonly string[]): Set<string> {
  return new Set(paths.map(fileIdentity).filter((identity) => identity !== ""));
}
