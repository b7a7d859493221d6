/**
 * What the writer and the checker do for each output before writing anything, one output at a time: the checks
 * that need no file system (a portable path, no two outputs that are one file on macOS or Windows), then the
 * target the path resolves to and the bytes there now. One output at a time, so that a run never needs every
 * output's bytes, or every target's, in memory at once. Also what comes before the first output (the folder and
 * its lock) and after the last (the earlier run's files this one no longer makes).
 */
import { mkdirSync, readFileSync, type Stats, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileErrorReason } from "../model/file-errors.js";
import type { Diagnostic, DiagnosticCode } from "../model/diagnostics.js";
import { BANNER_PREFIX } from "../emit/banner.js";
import { acquireLock, type HeldLock } from "./lock.js";
import { outputPathProblem, portableKey, resolveSafeTarget } from "./paths.js";

/** How far into a file the banner may sit (after a shebang or a custom emitter's own header). */
const BANNER_WINDOW = 500;

export function writeError(
  outDir: string,
  file: string,
  message: string,
  code: DiagnosticCode = "SG_OUTPUT_PATH",
): Diagnostic {
  return { code, severity: "error", message, file: join(outDir, file), pointer: "" };
}

/**
 * The checks that need no file system, fed one path at a time. `refused` lists every path problem in the order
 * the paths came, then every collision at its second path: the same list, in the same order, as checking all
 * the paths at once.
 */
export class PathChecks {
  private readonly firstByKey = new Map<string, string>();
  private readonly problems: Diagnostic[] = [];
  private readonly collisions: Diagnostic[] = [];

  constructor(private readonly outDir: string) {}

  /** Records `path`; false when it, or any path before it, was refused. */
  check(path: string): boolean {
    const problem = outputPathProblem(path);
    if (problem !== undefined) {
      this.problems.push(writeError(this.outDir, path, problem));
    }
    const key = portableKey(path);
    const earlier = this.firstByKey.get(key);
    if (earlier === undefined) {
      this.firstByKey.set(key, path);
    } else {
      const message = `output paths ${JSON.stringify(earlier)} and ${JSON.stringify(path)} differ only in case or Unicode normalization; they are one file on macOS and Windows`;
      this.collisions.push(writeError(this.outDir, path, message));
    }
    return this.problems.length === 0 && this.collisions.length === 0;
  }

  get refused(): Diagnostic[] {
    return [...this.problems, ...this.collisions];
  }
}

function readIfExists(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") {
      return undefined;
    }
    throw error;
  }
}

/**
 * Where an output goes and what is there now (undefined: no file), or why it cannot go there. Synchronous: see
 * write/transaction.ts.
 */
export function planTarget(
  outDir: string,
  path: string,
): { target: string; current: Buffer | undefined } | { problem: Diagnostic } {
  const resolved = resolveSafeTarget(outDir, path);
  if ("problem" in resolved) {
    return { problem: writeError(outDir, path, resolved.problem) };
  }
  try {
    return { target: resolved.target, current: readIfExists(resolved.target) };
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === "EISDIR"
        ? "a folder is in the way"
        : fileErrorReason(error);
    return { problem: writeError(outDir, path, `cannot use this output path: ${reason}`) };
  }
}

/**
 * Of `paths` (an earlier run's outputs that this run does not generate), the files still there and still carrying
 * structgen's banner: what a write removes and what `--check` reports as obsolete.
 */
export function obsoleteFiles(outDir: string, paths: readonly string[]): string[] {
  return paths.filter((path) => {
    const planned = planTarget(outDir, path);
    return !("problem" in planned) && planned.current !== undefined && hasBanner(planned.current);
  });
}

/**
 * Creates the output folder (returning the first folder it made, if any) and takes its lock; the problem as a
 * diagnostic when either fails, an abort while waiting for the lock included.
 */
export async function openOutputFolder(
  outDir: string,
  options: { readonly signal?: AbortSignal; readonly lockTimeoutMs?: number },
): Promise<{ lock: HeldLock; created: string | undefined } | { problem: Diagnostic }> {
  let created: string | undefined;
  try {
    created = mkdirSync(outDir, { recursive: true });
  } catch (error) {
    return {
      problem: writeError(
        outDir,
        "",
        `cannot create the output folder: ${fileInTheWay(outDir) ?? fileErrorReason(error)}`,
        "SG_WRITE_FAILED",
      ),
    };
  }
  let problem: string;
  try {
    const locked = await acquireLock(outDir, {
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.lockTimeoutMs === undefined ? {} : { timeoutMs: options.lockTimeoutMs }),
    });
    if ("lock" in locked) {
      return { lock: locked.lock, created };
    }
    problem = locked.problem;
  } catch (error) {
    problem = options.signal?.aborted
      ? "interrupted; previous outputs are unchanged"
      : `cannot write the outputs (${fileErrorReason(error)})`;
  }
  return { problem: writeError(outDir, "", problem, "SG_WRITE_FAILED") };
}

/** "<path> is a file, not a folder" when the output folder or a folder above it is a file (--out under a file). */
function fileInTheWay(outDir: string): string | undefined {
  for (let dir = outDir; dir !== dirname(dir); dir = dirname(dir)) {
    let found: Stats | undefined;
    try {
      found = statSync(dir);
    } catch {
      continue; // not there (or under a file): look one folder up
    }
    return found.isDirectory() ? undefined : `${dir} is a file, not a folder`;
  }
  return undefined;
}

/** Whether a file's first BANNER_WINDOW characters hold structgen's banner. */
export function hasBanner(bytes: Buffer): boolean {
  // Four bytes per character at most: decode no more than the window needs.
  return bytes
    .subarray(0, 4 * BANNER_WINDOW)
    .toString("utf8")
    .slice(0, BANNER_WINDOW)
    .includes(BANNER_PREFIX);
}
