/**
 * Stage 7, write: only after every input has passed, only files whose bytes changed, and atomically: every
 * changed file is first written to a temp file beside its target, and only when all of them are staged are they
 * renamed into place, so a failure leaves the previous outputs intact and no temp file behind.
 * structgen overwrites only files that carry its banner, unless `force`. One run writes into a folder at a time
 * (write/lock.ts): two runs into the same folder end with each file whole and the later run's files in place.
 * `checkOutputs` writes nothing.
 */
import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, rmdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { Diagnostic, DiagnosticCode } from "../diagnostics.js";
import { BANNER_PREFIX } from "../emit/banner.js";
import type { OutputFile } from "../format.js";
import { acquireLock } from "./lock.js";
import { caseCollisions, outputPathProblem, resolveSafeTarget } from "./paths.js";

export interface WriteOptions {
  /** Overwrite files that structgen did not generate. @default false */
  readonly force?: boolean;
  /** When aborted (e.g. on Ctrl-C) before the final renames, nothing is written and temp files are removed. */
  readonly signal?: AbortSignal;
  /** How long to wait for another structgen run writing into the same folder. @default 60000 */
  readonly lockTimeoutMs?: number;
  /**
   * One more file written in the same transaction (the CLI's manifest, write/manifest.ts): staged, banner-checked
   * and renamed with the outputs, but not listed as written or unchanged.
   */
  readonly manifest?: OutputFile;
}

export interface WriteResult {
  readonly written: readonly string[];
  readonly unchanged: readonly string[];
  /** Errors that stopped the write; when there are any, nothing was written. */
  readonly diagnostics: readonly Diagnostic[];
}

export interface CheckResult {
  readonly stale: readonly string[];
  readonly missing: readonly string[];
  readonly upToDate: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

interface PlannedFile {
  readonly file: OutputFile;
  readonly target: string;
  /** The bytes at the target now, or undefined when there is no file. */
  readonly current: Buffer | undefined;
  /** The new bytes. */
  readonly bytes: Buffer;
}

/** Temp files are named by the writer, not the target, so that a long target name leaves room for them. */
const TEMP_FILE = /^\.structgen-\d+-[0-9a-f]{8}\.tmp$/;
/** How far into a file the banner may sit (after a shebang or a custom emitter's own header). */
const BANNER_WINDOW = 500;

async function readIfExists(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") {
      return undefined;
    }
    throw error;
  }
}

function writeError(outDir: string, file: string, message: string, code: DiagnosticCode = "SG_OUTPUT_PATH"): Diagnostic {
  return { code, severity: "error", message, file: join(outDir, file), pointer: "" };
}

/** Checks that need no file system: every path portable, no two the same file on macOS or Windows. */
function checkPaths(outDir: string, files: readonly OutputFile[]): Diagnostic[] {
  const diagnostics = files.flatMap((file) => {
    const problem = outputPathProblem(file.path);
    return problem === undefined ? [] : [writeError(outDir, file.path, problem)];
  });
  for (const [first, second] of caseCollisions(files.map((file) => file.path))) {
    const message = `output paths ${JSON.stringify(first)} and ${JSON.stringify(second)} differ only in case or Unicode normalization; they are one file on macOS and Windows`;
    diagnostics.push(writeError(outDir, second, message));
  }
  return diagnostics;
}

/**
 * Resolves and reads every target first, so that any refusal happens before anything is written. `foreign` are
 * existing files in the way that do not carry structgen's banner.
 */
async function plan(
  outDir: string,
  files: readonly OutputFile[],
): Promise<{ planned: PlannedFile[]; foreign: PlannedFile[]; diagnostics: Diagnostic[] }> {
  const planned: PlannedFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const resolved = await resolveSafeTarget(outDir, file.path);
    if ("problem" in resolved) {
      diagnostics.push(writeError(outDir, file.path, resolved.problem));
      continue;
    }
    try {
      planned.push({ file, target: resolved.target, current: await readIfExists(resolved.target), bytes: Buffer.from(file.contents, "utf8") });
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === "EISDIR" ? "a folder is in the way" : (error as Error).message;
      diagnostics.push(writeError(outDir, file.path, `cannot use this output path: ${reason}`));
    }
  }
  const foreign = planned.filter((entry) => entry.current !== undefined && !hasBanner(entry.current));
  return { planned, foreign, diagnostics };
}

/** Whether a file's first BANNER_WINDOW characters hold structgen's banner. */
function hasBanner(bytes: Buffer): boolean {
  // Four bytes per character at most: decode no more than the window needs.
  return bytes
    .subarray(0, 4 * BANNER_WINDOW)
    .toString("utf8")
    .slice(0, BANNER_WINDOW)
    .includes(BANNER_PREFIX);
}

/**
 * Writes the outputs into `outDir` (created if need be): all of them, or, on any problem, none, leaving the
 * previous outputs byte for byte as they were. Waits while another structgen run writes into the same folder.
 */
export async function writeOutputs(outDir: string, outputs: readonly OutputFile[], options: WriteOptions = {}): Promise<WriteResult> {
  const files = outputs.length === 0 || options.manifest === undefined ? outputs : [...outputs, options.manifest];
  const refused = checkPaths(outDir, files);
  if (refused.length > 0 || files.length === 0) {
    return { written: [], unchanged: [], diagnostics: refused };
  }
  let created: string | undefined;
  try {
    created = await mkdir(outDir, { recursive: true });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "EEXIST" ? "a file is in the way" : (error as NodeJS.ErrnoException).code;
    return { written: [], unchanged: [], diagnostics: [writeError(outDir, "", `cannot create the output folder (${reason})`, "SG_WRITE_FAILED")] };
  }
  const failed = (message: string): WriteResult => ({
    written: [],
    unchanged: [],
    diagnostics: [writeError(outDir, "", message, "SG_WRITE_FAILED")],
  });
  let result: WriteResult;
  try {
    const locked = await acquireLock(outDir, {
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.lockTimeoutMs === undefined ? {} : { timeoutMs: options.lockTimeoutMs }),
    });
    if ("problem" in locked) {
      result = failed(locked.problem);
    } else {
      try {
        result = await writeLocked(outDir, files, options);
      } finally {
        await locked.lock.release();
      }
    }
  } catch (error) {
    // An abort while waiting for the lock, or an error before any rename (the renames catch their own).
    result = failed(
      options.signal?.aborted ? "interrupted; previous outputs are unchanged" : `cannot write the outputs (${(error as Error).message})`,
    );
  }
  if (created !== undefined && result.written.length === 0) {
    await removeEmptyFolders(resolve(created), resolve(outDir));
  }
  return result;
}

async function writeLocked(outDir: string, files: readonly OutputFile[], options: WriteOptions): Promise<WriteResult> {
  const { planned, foreign, diagnostics } = await plan(outDir, files);
  if (!options.force) {
    const message = "this file was not generated by structgen (no banner); refusing to overwrite it (use --force)";
    diagnostics.push(...foreign.map((entry) => writeError(outDir, entry.file.path, message)));
  }
  if (diagnostics.length > 0) {
    return { written: [], unchanged: [], diagnostics };
  }
  await removeLeftoverTemps(planned.map((entry) => dirname(entry.target)));
  const same = (entry: PlannedFile) => entry.current !== undefined && entry.current.equals(entry.bytes);
  const changed = planned.filter((entry) => !same(entry));
  const unchanged = planned.filter(same).map((entry) => entry.file.path);
  const staged: { temp: string; entry: PlannedFile }[] = [];
  const renamed: PlannedFile[] = [];
  try {
    for (const entry of changed) {
      options.signal?.throwIfAborted();
      await mkdir(dirname(entry.target), { recursive: true });
      const temp = tempBeside(entry.target);
      staged.push({ temp, entry });
      await writeFile(temp, entry.bytes, { flag: "wx" });
    }
    options.signal?.throwIfAborted();
    // From here on the renames run to the end even if interrupted: each is atomic and they take microseconds.
    for (const { temp, entry } of staged) {
      await rename(temp, entry.target);
      renamed.push(entry);
    }
    staged.length = 0;
  } catch (error) {
    const reason = options.signal?.aborted ? "interrupted" : ((error as NodeJS.ErrnoException).code ?? (error as Error).message);
    const unrestored = await restore(renamed);
    const outcome = unrestored.length === 0 ? "previous outputs are unchanged" : `could not restore the previous ${unrestored.join(", ")}`;
    return { written: [], unchanged: unchanged.filter((path) => path !== options.manifest?.path), diagnostics: [writeError(outDir, "", `cannot write the outputs (${reason}); ${outcome}`, "SG_WRITE_FAILED")] };
  } finally {
    await Promise.all(staged.map(({ temp }) => rm(temp, { force: true })));
  }
  const listed = (path: string) => path !== options.manifest?.path;
  return { written: changed.map((entry) => entry.file.path).filter(listed), unchanged: unchanged.filter(listed), diagnostics: [] };
}

function tempBeside(target: string): string {
  return join(dirname(target), `.structgen-${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
}

/**
 * When a rename fails after others succeeded (a file held open on Windows, a folder put in the way), puts the
 * files already renamed back as they were: the previous bytes through a temp file and a rename, or no file.
 * Returns the output paths it could not restore.
 */
async function restore(renamed: readonly PlannedFile[]): Promise<string[]> {
  const failed: string[] = [];
  for (const entry of [...renamed].reverse()) {
    const temp = tempBeside(entry.target);
    try {
      if (entry.current === undefined) {
        await rm(entry.target, { force: true });
      } else {
        await writeFile(temp, entry.current, { flag: "wx" });
        await rename(temp, entry.target);
      }
    } catch {
      failed.push(entry.file.path);
      await rm(temp, { force: true }).catch(() => undefined);
    }
  }
  return failed;
}

/**
 * Temp files of a run that was killed before it could clean up. Every writer holds the folder's lock while its
 * temp files exist, so under the lock any temp file found is such a leftover.
 */
async function removeLeftoverTemps(folders: readonly string[]): Promise<void> {
  for (const folder of new Set(folders)) {
    const names = await readdir(folder).catch(() => [] as string[]);
    await Promise.all(names.filter((name) => TEMP_FILE.test(name)).map((name) => rm(join(folder, name), { force: true })));
  }
}

/** Removes the folders this run created on the way to `outDir` when it wrote nothing into them. */
async function removeEmptyFolders(firstCreated: string, outDir: string): Promise<void> {
  for (let folder = outDir; ; folder = dirname(folder)) {
    if (
      (await rmdir(folder).then(
        () => true,
        () => false,
      )) === false ||
      folder === firstCreated ||
      dirname(folder) === folder
    ) {
      return;
    }
  }
}

/** Compares the outputs with what `outDir` holds, writing nothing: each file is up to date, stale or missing. */
export async function checkOutputs(outDir: string, files: readonly OutputFile[]): Promise<CheckResult> {
  const refused = checkPaths(outDir, files);
  if (refused.length > 0) {
    return { stale: [], missing: [], upToDate: [], diagnostics: refused };
  }
  // A hand-written file where an output goes is stale under --check, not an error.
  const { planned, diagnostics } = await plan(outDir, files);
  const stale: string[] = [];
  const missing: string[] = [];
  const upToDate: string[] = [];
  for (const { file, current, bytes } of planned) {
    if (current === undefined) {
      missing.push(file.path);
    } else if (!current.equals(bytes)) {
      stale.push(file.path);
    } else {
      upToDate.push(file.path);
    }
  }
  return { stale, missing, upToDate, diagnostics };
}
