/**
 * One atomic write, fed a few outputs at a time (the CLI feeds each document's files as soon as they are
 * formatted). Each output is checked, compared with what its target holds and, when its bytes changed, staged
 * to a temp file beside the target, keeping nothing but paths; `commit` then renames every staged file into
 * place, or, if anything went wrong with any output, removes them all and leaves the previous outputs byte for
 * byte as they were. The folder's lock (write/lock.ts) is taken before the first temp file is written and held
 * until the end, since other runs remove any temp file they find under the lock.
 *
 * File system calls are synchronous, on purpose: a promise-based call is a round trip through the thread pool,
 * and while a run formats, the pool's threads wait for a core behind V8's and the formatter's; staged between
 * documents, the seven or so round trips per output cost about a fifth of the run's time. Each call here takes
 * microseconds; the lock, which waits, stays asynchronous.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Diagnostic } from "../model/diagnostics.js";
import type { OutputFile } from "../emit/emitters.js";
import type { HeldLock } from "./lock.js";
import {
  hasBanner,
  obsoleteFiles,
  openOutputFolder,
  PathChecks,
  planTarget,
  writeError,
} from "./plan.js";
import {
  createTemp,
  fileIdentity,
  identities,
  keepAside,
  removeEmptyFolders,
  removeLeftoverTemps,
  tempFile,
} from "./temp-files.js";
import { fileErrorReason } from "../model/file-errors.js";

/** What a commit did: the files it wrote and those it left as they were. */
export interface WriteResult {
  readonly written: readonly string[];
  readonly unchanged: readonly string[];
  /** Errors that stopped the write; when there are any, nothing was written. */
  readonly diagnostics: readonly Diagnostic[];
}

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

/** How often a run touches its lock while it stages files. */
const LOCK_TOUCH_MS = 1000;

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
  /** Files of an earlier run to remove with the commit, each kept aside under a temp name until then. */
  private readonly obsolete: { readonly path: string; readonly backup: string }[] = [];
  private removed: readonly string[] = [];
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
      this.plan(file, listed);
    }
    // The lock is held from the first staged file to the end: show the runs waiting for it that this one advances.
    if (this.lock !== undefined && Date.now() - this.touchedAt >= LOCK_TOUCH_MS) {
      this.touchedAt = Date.now();
      await this.lock.touch();
    }
  }

  /** What a successful commit removed (see removeObsolete); empty until then, and after a failed one. */
  get removedPaths(): readonly string[] {
    return this.removed;
  }

  /**
   * Removes, with the commit, files an earlier run wrote that this run no longer generates (`paths`, relative to the
   * output folder: the manifest's list less this run's outputs). A file that is gone, lies outside the folder or no
   * longer carries structgen's banner is left alone, and so is one that turns out, at the commit, to be one of this
   * run's outputs reached under another path. Call it after the last `add`.
   */
  async removeObsolete(paths: readonly string[]): Promise<void> {
    if (this.failed || !(await this.open())) {
      return;
    }
    for (const path of obsoleteFiles(this.outDir, paths)) {
      const target = this.target(path);
      this.cleanOnce(dirname(target));
      try {
        this.options.signal?.throwIfAborted();
        let kept = false;
        const backup = createTemp(dirname(target), (file) => {
          kept = keepAside(target, file);
        });
        if (kept) {
          this.obsolete.push({ path, backup });
        }
      } catch (error) {
        this.stageFailure = this.options.signal?.aborted ? "interrupted" : fileErrorReason(error);
        return this.discard();
      }
    }
  }

  /** Renames every staged file into place, or, on any problem, none; then removes what is left and unlocks. */
  async commit(): Promise<WriteResult> {
    let result: WriteResult | undefined;
    try {
      result = this.renameAll();
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
    const opened = await openOutputFolder(this.outDir, this.options);
    if ("problem" in opened) {
      this.openFailure = opened.problem;
      return false;
    }
    this.lock = opened.lock;
    this.created = opened.created;
    return true;
  }

  /** Whether anything already stops the write, so that nothing more is staged. */
  private get failed(): boolean {
    return this.problems.length > 0 || this.foreign.length > 0 || this.stageFailure !== undefined;
  }

  private plan(file: OutputFile, listed: boolean): void {
    const planned = planTarget(this.outDir, file.path);
    if ("problem" in planned) {
      this.problems.push(planned.problem);
      return this.discard();
    }
    const { target, current } = planned;
    if (current !== undefined && !this.options.force && !hasBanner(current)) {
      const message =
        "this file was not generated by structgen (no banner); refusing to overwrite it (use --force)";
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
      this.stage(file.path, target, bytes, current !== undefined, listed);
    } catch (error) {
      this.stageFailure = this.options.signal?.aborted ? "interrupted" : fileErrorReason(error);
      this.discard();
    }
  }

  /** Removes a killed run's temp files from `folder`, once per run (see removeLeftoverTemps). */
  private cleanOnce(folder: string): void {
    if (!this.cleaned.has(folder)) {
      this.cleaned.add(folder);
      removeLeftoverTemps(folder);
    }
  }

  private stage(
    path: string,
    target: string,
    bytes: Buffer,
    replaces: boolean,
    listed: boolean,
  ): void {
    const folder = dirname(target);
    this.cleanOnce(folder);
    const first = mkdirSync(folder, { recursive: true });
    if (first !== undefined) {
      this.madeFolders.push({ first: resolve(first), folder: resolve(folder) });
    }
    const entry: Staged = {
      path,
      temp: createTemp(folder, (file) => writeFileSync(file, bytes, { flag: "wx" })),
      backup: undefined,
      listed,
    };
    this.staged.push(entry);
    if (replaces) {
      let kept = false;
      const backup = createTemp(folder, (file) => {
        kept = keepAside(target, file);
      });
      entry.backup = kept ? backup : undefined;
    }
  }

  /** Where an output goes: as resolveSafeTarget resolved it when it was planned. */
  private target(path: string): string {
    return resolve(this.root, path);
  }

  /** One of an output's temp files, by the random part of its name. */
  private beside(path: string, id: string): string {
    return tempFile(dirname(this.target(path)), id);
  }

  private renameAll(): WriteResult {
    const refused = this.paths.refused;
    const planned = [...this.problems, ...this.foreign];
    const stopped =
      refused.length > 0 ? refused : this.openFailure !== undefined ? [this.openFailure] : planned;
    if (stopped.length > 0) {
      return { written: [], unchanged: [], diagnostics: stopped };
    }
    const unchanged = this.unchanged.filter((entry) => entry.listed).map((entry) => entry.path);
    const failed = (reason: string, outcome: string): WriteResult => ({
      written: [],
      unchanged,
      diagnostics: [
        writeError(
          this.outDir,
          "",
          `cannot write the outputs (${reason}); ${outcome}`,
          "SG_WRITE_FAILED",
        ),
      ],
    });
    if (this.stageFailure !== undefined) {
      return failed(this.stageFailure, "previous outputs are unchanged");
    }
    const renamed: Staged[] = [];
    const removed: { readonly path: string; readonly backup: string }[] = [];
    try {
      this.options.signal?.throwIfAborted();
      // From here on the renames run to the end even if interrupted: each is atomic and they take microseconds.
      for (const entry of this.staged) {
        renameSync(this.beside(entry.path, entry.temp), this.target(entry.path));
        renamed.push(entry);
      }
      // An obsolete path may name one of this run's outputs under another spelling (a folder renamed in case on a
      // file system that folds case, a link to a folder): the file's identity, not its path, decides. Only looked at
      // when there is something to remove: a stat per output is not for every commit.
      const live =
        this.obsolete.length === 0
          ? new Set<string>()
          : identities([...this.staged, ...this.unchanged].map((entry) => this.target(entry.path)));
      for (const entry of this.obsolete) {
        if (!live.has(fileIdentity(this.target(entry.path)))) {
          rmSync(this.target(entry.path));
          removed.push(entry);
        }
      }
    } catch (error) {
      const reason = this.options.signal?.aborted ? "interrupted" : fileErrorReason(error);
      const unrestored = this.restore([...renamed, ...removed]);
      return failed(
        reason,
        unrestored.length === 0
          ? "previous outputs are unchanged"
          : `could not restore the previous ${unrestored.join(", ")}`,
      );
    }
    this.removed = removed.map((entry) => entry.path);
    return {
      written: this.staged.filter((entry) => entry.listed).map((entry) => entry.path),
      unchanged,
      diagnostics: [],
    };
  }

  /**
   * When a rename or removal fails after others succeeded (a file held open on Windows, a folder put in the way),
   * puts the files already renamed or removed back as they were: the previous file renamed back from where it was
   * kept, or no file. Returns the output paths it could not restore.
   */
  private restore(
    renamed: readonly { readonly path: string; readonly backup: string | undefined }[],
  ): string[] {
    const failed: string[] = [];
    for (const entry of [...renamed].reverse()) {
      try {
        if (entry.backup === undefined) {
          rmSync(this.target(entry.path), { force: true });
        } else {
          renameSync(this.beside(entry.path, entry.backup), this.target(entry.path));
        }
      } catch {
        failed.push(entry.path);
      }
    }
    return failed;
  }

  /** Removes every temp file of this run (staged outputs not renamed, and the previous files kept aside). */
  private discard(): void {
    for (const entry of this.obsolete.splice(0)) {
      rmSync(this.beside(entry.path, entry.backup), { force: true });
    }
    for (const entry of this.staged.splice(0)) {
      for (const id of entry.backup === undefined ? [entry.temp] : [entry.temp, entry.backup]) {
        rmSync(this.beside(entry.path, id), { force: true });
      }
    }
  }

  /** Removes what is left of this run (every temp file, or after a commit the previous files kept aside), unlocks. */
  private async close(committed: boolean): Promise<void> {
    if (committed) {
      for (const entry of this.staged) {
        if (entry.backup !== undefined) {
          rmSync(this.beside(entry.path, entry.backup), { force: true });
        }
      }
      for (const entry of this.obsolete) {
        rmSync(this.beside(entry.path, entry.backup), { force: true });
        // A subfolder the removed file leaves empty goes too (never the output folder itself).
        const folder = dirname(this.target(entry.path));
        if (folder !== this.root) {
          removeEmptyFolders(resolve(this.root, entry.path.split("/")[0] ?? ""), folder);
        }
      }
    } else {
      this.discard();
    }
    await this.lock?.release();
    this.lock = undefined;
    // Only empty folders go: after a commit, every folder made for a staged file holds it.
    for (const { first, folder } of [...this.madeFolders].reverse()) {
      removeEmptyFolders(first, folder);
    }
    if (this.created !== undefined) {
      removeEmptyFolders(resolve(this.created), resolve(this.outDir));
    }
  }
}
