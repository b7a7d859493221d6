/**
 * Stage 7, write: only after every input has passed, only files whose bytes changed, and atomically: every
 * changed file is first written to a temp file beside its target, and only when all of them are staged are they
 * renamed into place, so a failure leaves the previous outputs intact and no temp file behind (the transaction,
 * write/transaction.ts, which the CLI also feeds one document at a time). structgen overwrites only files that
 * carry its banner, unless `force`. One run writes into a folder at a time (write/lock.ts): two runs into the
 * same folder end with each file whole and the later run's files in place. `checkOutputs` writes nothing.
 */
import type { Diagnostic } from "../model/diagnostics.js";
import type { OutputFile } from "../emit/emitters.js";
import { otherFolderWarning } from "./intended-folder.js";
import { PathChecks, planTarget } from "./plan.js";
import { type TransactionOptions, WriteTransaction, type WriteResult } from "./transaction.js";

export type { WriteResult } from "./transaction.js";

export interface WriteOptions extends TransactionOptions {
  /**
   * One more file written in the same transaction (the CLI's manifest, write/manifest.ts): staged, banner-checked
   * and renamed with the outputs, but not listed as written or unchanged.
   */
  readonly manifest?: OutputFile;
}

export interface CheckResult {
  readonly stale: readonly string[];
  readonly missing: readonly string[];
  readonly upToDate: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Writes the outputs into `outDir` (created if need be): all of them, or, on any problem, none, leaving the
 * previous outputs byte for byte as they were. Waits while another structgen run writes into the same folder.
 */
export async function writeOutputs(
  outDir: string,
  outputs: readonly OutputFile[],
  options: WriteOptions = {},
): Promise<WriteResult> {
  const { manifest, ...rest } = options;
  // Paths that cannot be written are refused before the disk is touched (the transaction would find them too).
  const paths = new PathChecks(outDir);
  outputs.forEach((file) => paths.check(file.path));
  if (manifest !== undefined && outputs.length > 0) {
    paths.check(manifest.path);
  }
  if (paths.refused.length > 0 || outputs.length === 0) {
    return { written: [], unchanged: [], diagnostics: paths.refused };
  }
  const transaction = new WriteTransaction(outDir, rest);
  await transaction.add(outputs);
  if (manifest !== undefined) {
    await transaction.add([manifest], false);
  }
  const result = await transaction.commit();
  return {
    ...result,
    diagnostics: [...otherFolderWarning(outDir, outputs), ...result.diagnostics],
  };
}

/** Compares outputs with what `outDir` holds, fed a few at a time, writing nothing (synchronous reads: see write/transaction.ts). */
export class OutputComparison {
  private readonly paths: PathChecks;
  private readonly stale: string[] = [];
  private readonly missing: string[] = [];
  private readonly upToDate: string[] = [];
  private readonly problems: Diagnostic[] = [];

  constructor(private readonly outDir: string) {
    this.paths = new PathChecks(outDir);
  }

  /** Compares the files now (the comparison is synchronous); a promise, as the write transaction's `add` is. */
  add(files: readonly OutputFile[]): Promise<void> {
    for (const file of files) {
      if (!this.paths.check(file.path)) {
        continue;
      }
      // A hand-written file where an output goes is stale under --check, not an error.
      const planned = planTarget(this.outDir, file.path);
      if ("problem" in planned) {
        this.problems.push(planned.problem);
      } else if (planned.current === undefined) {
        this.missing.push(file.path);
      } else if (!planned.current.equals(Buffer.from(file.contents, "utf8"))) {
        this.stale.push(file.path);
      } else {
        this.upToDate.push(file.path);
      }
    }
    return Promise.resolve();
  }

  /** Each file up to date, stale or missing; a refused path makes the answer that refusal alone. */
  result(): CheckResult {
    const refused = this.paths.refused;
    return refused.length > 0
      ? { stale: [], missing: [], upToDate: [], diagnostics: refused }
      : {
          stale: this.stale,
          missing: this.missing,
          upToDate: this.upToDate,
          diagnostics: this.problems,
        };
  }
}

/** Compares the outputs with what `outDir` holds, writing nothing: each file is up to date, stale or missing. */
export async function checkOutputs(
  outDir: string,
  files: readonly OutputFile[],
): Promise<CheckResult> {
  const comparison = new OutputComparison(outDir);
  await comparison.add(files);
  const result = comparison.result();
  return { ...result, diagnostics: [...otherFolderWarning(outDir, files), ...result.diagnostics] };
}
