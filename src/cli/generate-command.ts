/**
 * `structgen generate`: expand inputs, then either answer from the manifest (nothing changed since the run that
 * wrote it: write/manifest.ts) or run the pipeline and write or check, and report. The pipeline, and with it the
 * compiler and prettier's parsers, is loaded only on the full path.
 */
import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { hasErrors } from "../model/diagnostics.js";
import type { OutputFile } from "../emit/emitters.js";
import { inputsThatNamedNothing, resolveInputs } from "../pipeline/inputs.js";
import type { DocumentReport, InputDocument } from "../pipeline/generate.js";
import type { StreamResult } from "../pipeline/stream.js";
import { acquireLock } from "../write/lock.js";
import {
  type Hashed,
  type Manifest,
  MANIFEST_FILE,
  renderManifest,
  sha256,
  recordedRun,
  UNKEYED,
  sourcePath,
  verifiedManifest,
} from "../write/manifest.js";
import { obsoleteFiles, writeError } from "../write/plan.js";
import { fileIdentity, identities } from "../write/temp-files.js";
import { WriteTransaction } from "../write/transaction.js";
import { type CheckResult, OutputComparison, type WriteResult } from "../write/write.js";
import type { Reporter } from "./report.js";
import { runKey } from "./run-key.js";
import type { RunSettings } from "./settings.js";

export interface GenerateFlags {
  readonly check: boolean;
  readonly force: boolean;
  /** Aborted on SIGINT/SIGTERM: the write stage then leaves the previous outputs as they were. */
  readonly signal: AbortSignal;
}

/** One run: 0 when everything was written (or is up to date under --check), 1 otherwise. */
export async function runGenerate(
  settings: RunSettings,
  flags: GenerateFlags,
  reporter: Reporter,
): Promise<number> {
  const started = performance.now();
  const { out } = settings;
  const expanded = await resolveInputs(settings.patterns, { cwd: settings.cwd });
  const unmatched = inputsThatNamedNothing(expanded);
  const key = unmatched.length === 0 ? await runKey(settings, expanded.inputs) : undefined;
  const manifest = key === undefined ? undefined : await unchangedSince(out, key, flags);
  if (manifest !== undefined) {
    const answered = answerFromManifest(manifest, expanded.inputs, out, flags, reporter, started);
    if (answered !== undefined) {
      return answered;
    }
  }
  const { generateStream } = await import("../pipeline/stream.js");
  const progress = reporter.progress();
  // Each document's outputs go straight to the check or to the write transaction, then are dropped: the run keeps
  // only their paths and hashes (the manifest needs the hashes).
  const destination = flags.check
    ? new OutputComparison(out)
    : new WriteTransaction(out, { force: flags.force, signal: flags.signal });
  const outputs: Hashed[] = [];
  let result: StreamResult;
  try {
    result = await generateStream(
      {
        inputs: expanded.inputs,
        outDir: out,
        emitters: settings.emitters,
        signal: flags.signal,
        sink: async (files) => {
          outputs.push(
            ...files.map((file): Hashed => [file.path, flags.check ? "" : sha256(file.contents)]),
          );
          await destination.add(files);
        },
        onProgress: ({ stage, done, total }) =>
          progress.update(
            `structgen: ${stage === "read" ? "reading" : "generating"} ${done}/${total} documents`,
          ),
      },
      settings.options,
    );
  } catch (error) {
    // An emitter that throws (a bug): nothing staged so far may stay behind.
    await abort(destination);
    throw error;
  } finally {
    progress.clear();
  }
  const interrupted = result.interrupted
    ? [writeError(out, "", "interrupted; previous outputs are unchanged", "SG_WRITE_FAILED")]
    : [];
  const diagnostics = [...unmatched, ...result.diagnostics, ...interrupted];
  if (hasErrors(diagnostics)) {
    await abort(destination);
    reporter.diagnostics(diagnostics);
    reporter.finish({ ok: false, documents: result.documents, diagnostics }, undefined);
    return 1;
  }
  const obsolete = obsoleteOutputs(settings.cwd, out, expanded.inputs, outputs);
  if (destination instanceof OutputComparison) {
    return check(
      out,
      result,
      destination.result(),
      stillObsolete(settings.cwd, out, obsolete, outputs),
      outputs.length,
      reporter,
    );
  }
  // Every run records what it wrote (the next run removes what it no longer makes), but only a run with nothing to
  // say, and a key, may be answered from: a manifest answer repeats no diagnostics. The others get a key that
  // matches none.
  const answerable = key !== undefined && diagnostics.length === 0;
  const record =
    result.sources.length >= expanded.inputs.length
      ? await formattedLikeOutputs(
          renderManifest(
            out,
            answerable ? key : UNKEYED,
            result.sources,
            outputs,
            result.documents,
          ),
          out,
          settings,
        )
      : undefined;
  if (record !== undefined && outputs.length > 0) {
    await destination.add([record], false);
  }
  await destination.removeObsolete(obsolete);
  const outcome = await destination.commit();
  return write(out, result, { ...outcome, removed: destination.removedPaths }, reporter, started);
}

/**
 * The manifest as prettier formats it, like every other file in the folder, so that `prettier --check` over a
 * project passes on it too. The format stage is loaded here only: the pipeline has loaded it already.
 */
async function formattedLikeOutputs(
  manifest: OutputFile,
  out: string,
  settings: RunSettings,
): Promise<OutputFile> {
  if (settings.options.prettier === false) {
    return manifest;
  }
  const { formatOutputs } = await import("../format/format.js");
  return (await formatOutputs([manifest], out)).files[0] ?? manifest;
}

async function abort(destination: OutputComparison | WriteTransaction): Promise<void> {
  if (destination instanceof WriteTransaction) {
    await destination.abort();
  }
}

/**
 * The manifest in `out` if it still holds for this run. A regenerate reads it under the folder's lock, as a write
 * would, so that it cannot answer in the middle of another run's renames.
 */
async function unchangedSince(
  out: string,
  key: string,
  flags: GenerateFlags,
): Promise<Manifest | undefined> {
  const present = await readFile(join(out, MANIFEST_FILE)).then(
    () => true,
    () => false,
  );
  if (!present) {
    return undefined;
  }
  if (flags.check) {
    return verifiedManifest(out, key);
  }
  const locked = await acquireLock(out, { signal: flags.signal }).catch(() => undefined);
  if (locked === undefined || "problem" in locked) {
    return undefined;
  }
  try {
    return verifiedManifest(out, key);
  } finally {
    await locked.lock.release();
  }
}

/** The full path's report for outputs that are all up to date, from the manifest; undefined if it does not cover these inputs. */
function answerFromManifest(
  manifest: Manifest,
  inputs: readonly InputDocument[],
  out: string,
  flags: GenerateFlags,
  reporter: Reporter,
  started: number,
): number | undefined {
  // The manifest names inputs from the output folder; the report names them as this run did.
  const byInput = new Map(manifest.documents.map((d) => [d.input, d]));
  const documents = inputs.map((input) => {
    const recorded = byInput.get(sourcePath(out, input.path));
    return recorded === undefined ? undefined : { ...recorded, input: input.path };
  });
  if (documents.some((d) => d === undefined) || documents.length !== manifest.documents.length) {
    return undefined;
  }
  const reports = documents as DocumentReport[];
  // The pipeline's order: each document's files in input order, then the shared files (index.ts).
  const perDocument = reports.flatMap((d) => d.files);
  const files = [
    ...perDocument,
    ...manifest.outputs.map(([path]) => path).filter((path) => !perDocument.includes(path)),
  ];
  if (flags.check) {
    reporter.finish(
      {
        ok: true,
        documents: reports,
        diagnostics: [],
        stale: [],
        missing: [],
        upToDate: files,
        obsolete: [],
      },
      `structgen: ${files.length} files up to date in ${out}`,
    );
    return 0;
  }
  const ms = Math.round(performance.now() - started);
  const summary = `structgen: ${counted(reports.length, "document")}, 0 files written, ${files.length} unchanged in ${out} (${ms} ms)`;
  reporter.finish(
    { ok: true, documents: reports, diagnostics: [], written: [], unchanged: files, removed: [] },
    summary,
  );
  return 0;
}

/**
 * Files the folder's manifest lists that this run does not generate, of the documents this run answers for: those
 * it generates (a name or `--emit` changed) and those whose input is gone (deleted or renamed). A document whose
 * input is still there but not among this run's (a one-off run on one file, another project sharing the folder)
 * keeps its files, and so do the shared files (index.ts) unless every earlier document is answered for. Whether a
 * path still names one of this run's outputs under another spelling (case, a linked folder) the writer decides, by
 * file identity (WriteTransaction.removeObsolete).
 */
function obsoleteOutputs(
  cwd: string,
  out: string,
  inputs: readonly InputDocument[],
  outputs: readonly Hashed[],
): string[] {
  const previous = recordedRun(out);
  const ours = new Set(inputs.map((input) => sourcePath(out, input.path)));
  const answered = previous.documents.filter(
    (d) => ours.has(d.input) || !existsSync(resolve(cwd, out, d.input)),
  );
  const current = new Set(outputs.map(([path]) => path));
  const perDocument = new Set(previous.documents.flatMap((d) => d.files));
  const candidates = [
    ...answered.flatMap((d) => d.files),
    ...(answered.length === previous.documents.length
      ? previous.outputs.filter((path) => !perDocument.has(path))
      : []),
  ];
  return [...new Set(candidates)].filter((path) => path !== MANIFEST_FILE && !current.has(path));
}

/**
 * What `--check` reports as obsolete: what a regenerate would remove, i.e. the files still there with the banner,
 * except one that is one of this run's outputs under another path (as the writer decides at its commit).
 */
function stillObsolete(
  cwd: string,
  out: string,
  obsolete: readonly string[],
  outputs: readonly Hashed[],
): string[] {
  const there = obsoleteFiles(out, obsolete);
  const live =
    there.length === 0
      ? new Set<string>()
      : identities(outputs.map(([path]) => resolve(cwd, out, path)));
  return there.filter((path) => !live.has(fileIdentity(resolve(cwd, out, path))));
}

function check(
  out: string,
  result: StreamResult,
  outcome: CheckResult,
  obsolete: readonly string[],
  files: number,
  reporter: Reporter,
): number {
  const { diagnostics, ...compared } = outcome;
  const all = [...result.diagnostics, ...diagnostics];
  reporter.diagnostics(all);
  const problems = [
    ...compared.stale.map((f) => `stale: ${join(out, f)}`),
    ...compared.missing.map((f) => `missing: ${join(out, f)}`),
    ...obsolete.map(
      (f) => `obsolete: ${join(out, f)} (no longer generated; a regenerate removes it)`,
    ),
  ];
  reporter.problems(problems);
  const ok = problems.length === 0 && !hasErrors(all);
  const summary = ok
    ? `structgen: ${compared.upToDate.length} files up to date in ${out}`
    : `structgen: ${problems.length} of ${files} files need regenerating; run structgen generate without --check`;
  reporter.finish(
    { ok, documents: result.documents, diagnostics: all, ...compared, obsolete },
    summary,
    !ok,
  );
  return ok ? 0 : 1;
}

function write(
  out: string,
  result: StreamResult,
  outcome: WriteResult & { readonly removed: readonly string[] },
  reporter: Reporter,
  started: number,
): number {
  const { diagnostics, ...written } = outcome;
  const all = [...result.diagnostics, ...diagnostics];
  reporter.diagnostics(all);
  if (hasErrors(diagnostics)) {
    reporter.finish({ ok: false, documents: result.documents, diagnostics: all }, undefined);
    return 1;
  }
  const ms = Math.round(performance.now() - started);
  const removed = written.removed.length === 0 ? "" : `, ${written.removed.length} removed`;
  const summary = `structgen: ${counted(result.documents.length, "document")}, ${counted(written.written.length, "file")} written, ${written.unchanged.length} unchanged${removed} in ${out} (${ms} ms)`;
  reporter.finish(
    {
      ok: true,
      documents: result.documents satisfies readonly DocumentReport[],
      diagnostics: all,
      ...written,
    },
    summary,
  );
  return 0;
}

/** "1 document", "2 documents". */
function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
