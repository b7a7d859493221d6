/**
 * One atomic write, fed a few outputs at a time (the CLI feeds each document's files as soon as they are
 * formatted). Each output is checked, compared with what its target holds and, when its bytes changed, staged
 * to a temp file beside the target, keeping nothing but paths; `commit` then renames every staged file into
 * place, or, if anything went wrong with any output, removes them all and leaves the previous outputs byte for
 * byte as they were. The folder's lock (write/lock.ts) is taken before the first temp file is written and held
 * until the end, since other runs remove any temp file they find under the lock.
 */
import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { copyFile, link, mkdir, readdir, rename, rm, rmdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { Diagnostic } from "../diagnostics.js";
import type { OutputFile } from "../format.js";
import { acquireLock, type HeldLock } from "./lock.js";
import { hasBanner, PathChecks, planTarget, writeError } from "./plan.js";
import type { WriteResult } from "./write.js";

export interface TransactionOptions {
  /** Overwrite files that structgen did not generate. @default false */
  readonly force?: boolean;
  /** When aborted before the final renames, nothing is written and temp files are removed. */
  readonly signal?: AbortSignal;
  /** How long to wait for another structgen run writing into the same folder. @default 60000 */
  readonly lockTimeoutMs?: number;
}

/**
 * A staged output. Only its path and the random parts of its temp names are kept (the folder follows from the
 * path), since a run keeps one of these for every output it writes.
 */
interface Staged {
  readonly path: string;
  /** The temp file holding the new bytes. */
  readonly temp: string;
  /** The previous file under a temp name (a hard link, else a copy), so that a failed rename can put it back. */
  backup: string | undefined;
  /** False for a file written with the outputs but not reported (the CLI's manifest). */
  readonly listed: boolean;
}

/** Temp files are named by the writer, not the target, so that a long target name leaves room for them. */
const TEMP_FILE = /^\.structgen-\d+-[0-9a-f]{8}\.tmp$/;
/** How often a run touches its lock while it stages files. */
const LOCK_TOUCH_MS = 1000;
/** How many names a temp file may draw before a clash is an error (one clash is rare, four are a broken disk). */
const MAX_TEMP_ATTEMPTS = 4;
/** This run's temp files: another run's pid, or a dead run's, is in every temp file to clean up. */
const OWN_TEMP_PREFIX = `.structgen-${process.pid}-`;

export class WriteTransaction {
  private readonly paths: PathChecks;
  /** The output folder, resolved as resolveSafeTarget resolves it. */
  private readonly root: string;
  private lock: HeldLock | undefined;
  /** When the lock was last touched (write/lock.ts: a waiting run gives up only after a minute without progress). */
  private touchedAt = Date.now();
  /** The first folder this run created on the way to the output folder, if it created any. */
  private created: string | undefined;
  /** Why the output folder could not be created or locked. */
  private openFailure: Diagnostic | undefined;
  /** Outputs that cannot be written where they go, and hand-written files in the way. */
  private readonly problems: Diagnostic[] = [];
  private readonly foreign: Diagnostic[] = [];
  /** Why staging stopped (a write refused, an interruption). */
  private stageFailure: string | undefined;
  private readonly staged: Staged[] = [];
  private readonly unchanged: { readonly path: string; readonly listed: boolean }[] = [];
  /** Folders already rid of leftover temp files. */
  private readonly cleaned = new Set<string>();
  /** Folders made for staged files: removed again, when empty, if nothing is written. */
  private readonly madeFolders: { readonly first: string; readonly folder: string }[] = [];

  constructor(
    private readonly outDir: string,
    private readonly options: TransactionOptions = {},
  ) {
    this.paths = new PathChecks(outDir);
    this.root = resolve(outDir);
  }

  /** Checks, compares and (when changed) stages `files`; never throws: every problem is reported by `commit`. */
  async add(files: readonly OutputFile[], listed = true): Promise<void> {
    for (const file of files) {
      // A refused path makes the whole write a refusal, as before anything is written: nothing more to look at.
      if (!this.paths.check(file.path) || !(await this.open())) {
        continue;
      }
      await this.plan(file, listed);
    }
    // The lock is held from the first staged file to the end: show the runs waiting for it that this one advances.
    if (this.lock !== undefined && Date.now() - this.touchedAt >= LOCK_TOUCH_MS) {
      this.touchedAt = Date.now();
      await this.lock.touch();
    }
  }

  /** Renames every staged file into place, or, on any problem, none; then removes what is left and unlocks. */
  async commit(): Promise<WriteResult> {
    let result: WriteResult | undefined;
    try {
      result = await this.renameAll();
      return result;
    } finally {
      await this.close(result !== undefined && result.diagnostics.length === 0);
    }
  }

  /** Gives up: removes every staged file and writes nothing (the pipeline failed after staging began). */
  async abort(): Promise<void> {
    await this.close(false);
  }

  /** Creates the output folder and takes its lock, once; false when that failed (see `openFailure`). */
  private async open(): Promise<boolean> {
    if (this.lock !== undefined || this.openFailure !== undefined) {
      return this.lock !== undefined;
    }
    try {
      this.created = await mkdir(this.outDir, { recursive: true });
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === "EEXIST" ? "a file is in the way" : (error as NodeJS.ErrnoException).code;
      this.openFailure = writeError(this.outDir, "", `cannot create the output folder (${reason})`, "SG_WRITE_FAILED");
      return false;
    }
    let problem: string;
    try {
      const locked = await acquireLock(this.outDir, {
        ...(this.options.signal === undefined ? {} : { signal: this.options.signal }),
        ...(this.options.lockTimeoutMs === undefined ? {} : { timeoutMs: this.options.lockTimeoutMs }),
      });
      if ("lock" in locked) {
        this.lock = locked.lock;
        return true;
      }
      problem = locked.problem;
    } catch (error) {
      // An abort while waiting for the lock.
      problem = this.options.signal?.aborted ? "interrupted; previous outputs are unchanged" : `cannot write the outputs (${(error as Error).message})`;
    }
    this.openFailure = writeError(this.outDir, "", problem, "SG_WRITE_FAILED");
    return false;
  }

  /** Whether anything already stops the write, so that nothing more is staged. */
  private get failed(): boolean {
    return this.problems.length > 0 || this.foreign.length > 0 || this.stageFailure !== undefined;
  }

  private async plan(file: OutputFile, listed: boolean): Promise<void> {
    const planned = await planTarget(this.outDir, file.path);
    if ("problem" in planned) {
      this.problems.push(planned.problem);
      return this.discard();
    }
    const { target, current } = planned;
    if (current !== undefined && !this.options.force && !hasBanner(current)) {
      const message = "this file was not generated by structgen (no banner); refusing to overwrite it (use --force)";
      this.foreign.push(writeError(this.outDir, file.path, message));
      return this.discard();
    }
    const bytes = Buffer.from(file.contents, "utf8");
    if (current !== undefined && current.equals(bytes)) {
      this.unchanged.push({ path: file.path, listed });
      return;
    }
    // Later outputs are still planned after a failure: a refusal among them is what the run must report.
    if (this.failed) {
      return;
    }
    try {
      this.options.signal?.throwIfAborted();
      await this.stage(file.path, target, bytes, current !== undefined, listed);
    } catch (error) {
      this.stageFailure = this.options.signal?.aborted ? "interrupted" : ((error as NodeJS.ErrnoException).code ?? (error as Error).message);
      await this.discard();
    }
  }

  private async stage(path: string, target: string, bytes: Buffer, replaces: boolean, listed: boolean): Promise<void> {
    const folder = dirname(target);
    await this.removeLeftoverTemps(folder);
    const first = await mkdir(folder, { recursive: true });
    if (first !== undefined) {
      this.madeFolders.push({ first: resolve(first), folder: resolve(folder) });
    }
    const entry: Staged = { path, temp: await this.newTemp(path, (file) => writeFile(file, bytes, { flag: "wx" })), backup: undefined, listed };
    this.staged.push(entry);
    if (replaces) {
      let kept = false;
      const backup = await this.newTemp(path, async (file) => {
        kept = await keepAside(target, file);
      });
      entry.backup = kept ? backup : undefined;
    }
  }

  /**
   * Creates a temp file beside an output's target with `create`, which must refuse an existing file (EEXIST), and
   * returns the random part of its name. Names are 32 random bits, so thousands of temp files in one folder can
   * draw a name twice (about one run in 40 at 15,000 files): a clash just draws another. A file `create` made
   * before failing otherwise is removed.
   */
  private async newTemp(path: string, create: (file: string) => Promise<void>): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      const id = randomBytes(4).toString("hex");
      const file = this.beside(path, id);
      try {
        await create(file);
        return id;
      } catch (error) {
        const clash = (error as NodeJS.ErrnoException).code === "EEXIST";
        if (!clash) {
          await rm(file, { force: true });
        }
        // After a clash the file is not ours to remove.
        if (!clash || attempt === MAX_TEMP_ATTEMPTS) {
          throw error;
        }
      }
    }
  }

  /** Where an output goes: as resolveSafeTarget resolved it when it was planned. */
  private target(path: string): string {
    return resolve(this.root, path);
  }

  /** A temp file beside an output's target; temp files are named by the writer, not the target. */
  private beside(path: string, id: string): string {
    return join(dirname(this.target(path)), `${OWN_TEMP_PREFIX}${id}.tmp`);
  }

  private async renameAll(): Promise<WriteResult> {
    const refused = this.paths.refused;
    const planned = [...this.problems, ...this.foreign];
    const stopped = refused.length > 0 ? refused : this.openFailure !== undefined ? [this.openFailure] : planned;
    if (stopped.length > 0) {
      return { written: [], unchanged: [], diagnostics: stopped };
    }
    const unchanged = this.unchanged.filter((entry) => entry.listed).map((entry) => entry.path);
    const failed = (reason: string, outcome: string): WriteResult => ({
      written: [],
      unchanged,
      diagnostics: [writeError(this.outDir, "", `cannot write the outputs (${reason}); ${outcome}`, "SG_WRITE_FAILED")],
    });
    if (this.stageFailure !== undefined) {
      return failed(this.stageFailure, "previous outputs are unchanged");
    }
    const renamed: Staged[] = [];
    try {
      this.options.signal?.throwIfAborted();
      // From here on the renames run to the end even if interrupted: each is atomic and they take microseconds.
      for (const entry of this.staged) {
        await rename(this.beside(entry.path, entry.temp), this.target(entry.path));
        renamed.push(entry);
      }
    } catch (error) {
      const reason = this.options.signal?.aborted ? "interrupted" : ((error as NodeJS.ErrnoException).code ?? (error as Error).message);
      const unrestored = await this.restore(renamed);
      return failed(reason, unrestored.length === 0 ? "previous outputs are unchanged" : `could not restore the previous ${unrestored.join(", ")}`);
    }
    return { written: this.staged.filter((entry) => entry.listed).map((entry) => entry.path), unchanged, diagnostics: [] };
  }

  /** Removes every temp file of this run (staged outputs not renamed, and the previous files kept aside). */
  private async discard(): Promise<void> {
    const entries = this.staged.splice(0);
    const temps = entries.flatMap((entry) => [entry.temp, ...(entry.backup === undefined ? [] : [entry.backup])].map((id) => this.beside(entry.path, id)));
    await Promise.all(temps.map((temp) => rm(temp, { force: true })));
  }

  /** Removes what is left of this run (every temp file, or after a commit the previous files kept aside), unlocks. */
  private async close(committed: boolean): Promise<void> {
    if (committed) {
      await Promise.all(this.staged.flatMap((entry) => (entry.backup === undefined ? [] : [rm(this.beside(entry.path, entry.backup), { force: true })])));
    } else {
      await this.discard();
    }
    await this.lock?.release();
    this.lock = undefined;
    // Only empty folders go: after a commit, every folder made for a staged file holds it.
    for (const { first, folder } of [...this.madeFolders].reverse()) {
      await removeEmptyFolders(first, folder);
    }
    if (this.created !== undefined) {
      await removeEmptyFolders(resolve(this.created), resolve(this.outDir));
    }
  }

  /**
   * When a rename fails after others succeeded (a file held open on Windows, a folder put in the way), puts the
   * files already renamed back as they were: the previous file renamed back from where it was kept, or no file.
   * Returns the output paths it could not restore.
   */
  private async restore(renamed: readonly Staged[]): Promise<string[]> {
    const failed: string[] = [];
    for (const entry of [...renamed].reverse()) {
      try {
        if (entry.backup === undefined) {
          await rm(this.target(entry.path), { force: true });
        } else {
          await rename(this.beside(entry.path, entry.backup), this.target(entry.path));
        }
      } catch {
        failed.push(entry.path);
      }
    }
    return failed;
  }

  /**
   * Temp files of a run that was killed before it could clean up. Every writer holds the folder's lock while its
   * temp files exist, so under the lock any temp file found that is not this run's own is such a leftover. (A
   * folder reached through a link inside the output folder can be seen twice, after this run staged files in it.)
   */
  private async removeLeftoverTemps(folder: string): Promise<void> {
    if (this.cleaned.has(folder)) {
      return;
    }
    this.cleaned.add(folder);
    const names = await readdir(folder).catch(() => [] as string[]);
    const leftovers = names.filter((name) => TEMP_FILE.test(name) && !name.startsWith(OWN_TEMP_PREFIX));
    await Promise.all(leftovers.map((name) => rm(join(folder, name), { force: true })));
  }
}

/**
 * Keeps the file at `target` under the name `aside` without reading it into memory: a hard link, or a copy where
 * the file system has no links. False when there is no file any more (nothing to put back).
 */
async function keepAside(target: string, aside: string): Promise<boolean> {
  const gone = (error: unknown): boolean => (error as NodeJS.ErrnoException).code === "ENOENT";
  try {
    await link(target, aside);
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
    await copyFile(target, aside, constants.COPYFILE_EXCL);
    return true;
  } catch (error) {
    if (gone(error)) {
      return false;
    }
    throw error;
  }
}

/** Removes `folder` and its parents up to `firstCreated` (a folder this run created) while they are empty. */
async function removeEmptyFolders(firstCreated: string, folder: string): Promise<void> {
  for (let current = folder; ; current = dirname(current)) {
    const removed = await rmdir(current).then(
      () => true,
      () => false,
    );
    if (!removed || current === firstCreated || dirname(current) === current) {
      return;
    }
  }
}
