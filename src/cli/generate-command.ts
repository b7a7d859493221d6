/**
 * `structgen generate`: expand inputs, then either answer from the manifest (nothing changed since the run that
 * wrote it: write/manifest.ts) or run the pipeline and write or check, and report. The pipeline, and with it the
 * compiler and prettier's parsers, is loaded only on the full path.
 */
import { join } from "node:path";
import { hasErrors } from "../model/diagnostics.js";
import type { OutputFile } from "../emit/emitters.js";
import { inputsThatNamedNothing, resolveInputs } from "../pipeline/inputs.js";
import type {
  DocumentReport,
  InputDocument,
  PipelineRequest,
  PipelineResult,
} from "../pipeline/generate.js";
import { RecordingSink } from "../pipeline/sinks.js";
import {
  type Hashed,
  type Manifest,
  renderManifest,
  UNKEYED,
  sourcePath,
} from "../write/manifest.js";
import { writeError } from "../write/plan.js";
import { WriteTransaction } from "../write/transaction.js";
import { type CheckResult, OutputComparison, type WriteResult } from "../write/write.js";
import { earlierDocuments, earlierStillWhole } from "./earlier-documents.js";
import { obsoleteOutputs, stillObsolete, unchangedSince } from "./previous-run.js";
import type { Reporter } from "./report.js";
import { runKey } from "./run-key.js";
import { Toolchain } from "./toolchain.js";
import type { RunSettings } from "./settings.js";

export interface GenerateFlags {
  readonly check: boolean;
  readonly force: boolean;
  /** --check reads git's index (cli/staged.ts): the summary says so, and how to mend it. */
  readonly staged?: boolean;
  /** Aborted on SIGINT/SIGTERM: the write stage then leaves the previous outputs as they were. */
  readonly signal: AbortSignal;
}

/**
 * One run: expand the inputs, answer from the manifest when it holds, else run the pipeline with the write
 * transaction (or the --check comparison) as its sink, and report. 0 when everything was written (or is up to date
 * under --check), 1 otherwise.
 */
export async function runGenerate(
  settings: RunSettings,
  flags: GenerateFlags,
  reporter: Reporter,
  toolchain: Toolchain = new Toolchain(),
): Promise<number> {
  const started = performance.now();
  const { out } = settings;
  const expanded = await resolveInputs(settings.patterns, { cwd: settings.cwd });
  const unmatched = inputsThatNamedNothing(expanded);
  const key = unmatched.length === 0 ? await runKey(settings, expanded.inputs) : undefined;
  const manifest = key === undefined ? undefined : await unchangedSince(out, key, flags);
  // Documents of earlier runs it lists decide index.ts (and runtime.ts) too: they must all still be there, whole.
  if (manifest !== undefined && earlierStillWhole(settings.cwd, out, expanded.inputs, manifest)) {
    const answered = answerFromManifest(manifest, expanded.inputs, out, flags, reporter, started);
    if (answered !== undefined) {
      return answered;
    }
  }
  // Each document's outputs go straight to the check or to the write transaction, then are dropped: the run keeps
  // only their paths and hashes (the manifest needs the hashes).
  const destination = flags.check
    ? new OutputComparison(out)
    : new WriteTransaction(out, { force: flags.force, signal: flags.signal });
  const sink = new RecordingSink(destination, !flags.check);
  const earlier = earlierDocuments(settings.cwd, out, expanded.inputs);
  // Loaded here, on the full path only: it reads the template library, which needs the compiler.
  const { folderGuardsImports } = await import("./folder-runtime.js");
  const request = {
    inputs: expanded.inputs,
    earlier: earlier.forPipeline,
    // What the folder's other guards files import, which the runtime module this run writes must hold too.
    folderRuntime: (files: readonly string[]) =>
      folderGuardsImports(settings.cwd, out, expanded.inputs, files),
  };
  const piped = await runPipelineInto(sink, destination, settings, flags, request, {
    reporter,
    toolchain,
  });
  const result = { ...piped, diagnostics: [...earlier.warnings, ...piped.diagnostics] };
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
  const outputs = sink.outputs;
  const obsolete = obsoleteOutputs(settings.cwd, out, expanded.inputs, outputs);
  if (destination instanceof OutputComparison) {
    return check(
      out,
      result,
      destination.result(),
      stillObsolete(settings.cwd, out, obsolete, outputs),
      { files: outputs.length, staged: flags.staged === true },
      reporter,
    );
  }
  // Every run records what it wrote (the next run removes what it no longer makes), but only a run with nothing to
  // say, and a key, may be answered from: a manifest answer repeats no diagnostics. The others get a key that
  // matches none.
  const recordKey = key !== undefined && diagnostics.length === 0 ? key : UNKEYED;
  const documents = [...result.documents, ...earlier.recorded]; // the documents the folder holds
  const run = { key: recordKey, inputs: expanded.inputs.length, outputs, obsolete, documents };
  await recordAndRemove(destination, result, run, settings);
  const outcome = await destination.commit();
  return write(out, result, { ...outcome, removed: destination.removedPaths }, reporter, started);
}

/** Stages the manifest of this run (when every input was hashed) and the removal of its obsolete files. */
async function recordAndRemove(
  transaction: WriteTransaction,
  result: PipelineResult,
  run: {
    readonly key: string;
    readonly inputs: number;
    readonly outputs: readonly Hashed[];
    readonly obsolete: readonly string[];
    readonly documents: readonly DocumentReport[];
  },
  settings: RunSettings,
): Promise<void> {
  const { out } = settings;
  if (result.hashes.length >= run.inputs && run.outputs.length > 0) {
    const manifest = renderManifest(out, run.key, result.hashes, run.outputs, run.documents);
    await transaction.add([await formattedLikeOutputs(manifest, out, settings)], false);
  }
  await transaction.removeObsolete(run.obsolete);
}

/**
 * The pipeline, with `sink` in front of `destination`. The pipeline, and with it the compiler and prettier's
 * parsers, is loaded only here, on the full path.
 */
async function runPipelineInto(
  sink: RecordingSink,
  destination: OutputComparison | WriteTransaction,
  settings: RunSettings,
  flags: GenerateFlags,
  request: Pick<PipelineRequest, "inputs" | "earlier" | "folderRuntime">,
  { reporter, toolchain }: { readonly reporter: Reporter; readonly toolchain: Toolchain },
): Promise<PipelineResult> {
  const { runPipeline, printer } = await toolchain.forRun();
  const progress = reporter.progress();
  try {
    return await runPipeline(
      {
        ...request,
        outDir: settings.out,
        emitters: settings.emitters,
        signal: flags.signal,
        sink,
        printer,
        onProgress: ({ stage, done, total }) => {
          // The line counts documents; files formatted are not documents.
          if (stage !== "format") {
            progress.update(
              `structgen: ${stage === "read" ? "reading" : "generating"} ${done}/${total} documents`,
            );
          }
        },
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
  if (documents.some((d) => d === undefined)) {
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
      upToDate(files.length, out, flags.staged === true),
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

function check(
  out: string,
  result: PipelineResult,
  outcome: CheckResult,
  obsolete: readonly string[],
  run: { readonly files: number; readonly staged: boolean },
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
  const mend = run.staged
    ? ` in what is staged; run structgen generate, then stage the outputs with their documents (git add ${out})`
    : "; run structgen generate without --check";
  const summary = ok
    ? upToDate(compared.upToDate.length, out, run.staged)
    : `structgen: ${problems.length} of ${run.files} files need regenerating${mend}`;
  reporter.finish(
    { ok, documents: result.documents, diagnostics: all, ...compared, obsolete },
    summary,
    !ok,
  );
  return ok ? 0 : 1;
}

/** A passing check's summary; one that read git's index says so. */
function upToDate(files: number, out: string, staged: boolean): string {
  return `structgen: ${files} files up to date in ${out}${staged ? " (as staged)" : ""}`;
}

function write(
  out: string,
  result: PipelineResult,
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
