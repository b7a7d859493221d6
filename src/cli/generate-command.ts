/**
 * `structgen generate`: expand inputs, then either answer from the manifest (nothing changed since the run that
 * wrote it: write/manifest.ts) or run the pipeline and write or check, and report. The pipeline, and with it the
 * compiler and prettier's parsers, is loaded only on the full path.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { type Diagnostic, hasErrors } from "../diagnostics.js";
import { resolveInputs } from "../inputs.js";
import type { DocumentReport, GenerateResult, InputDocument } from "../pipeline.js";
import { acquireLock } from "../write/lock.js";
import {
  type Manifest,
  MANIFEST_FILE,
  renderManifest,
  verifiedManifest,
} from "../write/manifest.js";
import { checkOutputs, writeOutputs } from "../write/write.js";
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
  const expanded = await resolveInputs(settings.patterns);
  const key = expanded.unmatched.length === 0 ? await runKey(settings, expanded.inputs) : undefined;
  const manifest = key === undefined ? undefined : await unchangedSince(out, key, flags);
  if (manifest !== undefined) {
    const answered = answerFromManifest(manifest, expanded.inputs, out, flags, reporter, started);
    if (answered !== undefined) {
      return answered;
    }
  }
  // The inputs' bytes are read here so that the manifest records exactly what the pipeline was given.
  const inputs =
    key === undefined ? expanded.inputs : await Promise.all(expanded.inputs.map(withContents));
  const { generate } = await import("../pipeline.js");
  const progress = reporter.progress();
  const result = await generate(
    {
      inputs,
      outDir: out,
      emitters: settings.emitters,
      onProgress: ({ stage, done, total }) =>
        progress.update(
          stage === "format"
            ? `structgen: formatting ${total} files`
            : `structgen: ${stage === "read" ? "reading" : "generating"} ${done}/${total} documents`,
        ),
    },
    settings.options,
  );
  progress.clear();
  const unmatched = expanded.unmatched.map((pattern) => unmatchedError(pattern));
  const diagnostics = [...unmatched, ...result.diagnostics];
  if (hasErrors(diagnostics)) {
    reporter.diagnostics(diagnostics);
    reporter.finish({ ok: false, documents: result.documents, diagnostics }, undefined);
    return 1;
  }
  if (flags.check) {
    return check(out, result, reporter);
  }
  // Only a run with nothing to say is recorded: a manifest answer repeats no diagnostics.
  const sources = [
    ...inputs.flatMap((input) =>
      input.contents instanceof Uint8Array ? [{ path: input.path, bytes: input.contents }] : [],
    ),
    ...result.sources,
  ];
  const record =
    key !== undefined && diagnostics.length === 0 && sources.length >= inputs.length
      ? renderManifest(out, key, sources, result.files, result.documents)
      : undefined;
  return write(out, result, flags, reporter, started, record);
}

async function withContents(input: InputDocument): Promise<InputDocument> {
  const contents = await readFile(input.path).catch(() => undefined);
  return contents === undefined ? input : { ...input, contents };
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
  const byInput = new Map(manifest.documents.map((d) => [d.input, d]));
  const documents = inputs.map((input) => byInput.get(input.path));
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
      { ok: true, documents: reports, diagnostics: [], stale: [], missing: [], upToDate: files },
      `structgen: ${files.length} files up to date in ${out}`,
    );
    return 0;
  }
  const ms = Math.round(performance.now() - started);
  const summary = `structgen: ${counted(reports.length, "document")}, 0 files written, ${files.length} unchanged in ${out} (${ms} ms)`;
  reporter.finish(
    { ok: true, documents: reports, diagnostics: [], written: [], unchanged: files },
    summary,
  );
  return 0;
}

async function check(out: string, result: GenerateResult, reporter: Reporter): Promise<number> {
  const { diagnostics, ...check } = await checkOutputs(out, result.files);
  const all = [...result.diagnostics, ...diagnostics];
  reporter.diagnostics(all);
  const problems = [
    ...check.stale.map((f) => `stale: ${join(out, f)}`),
    ...check.missing.map((f) => `missing: ${join(out, f)}`),
  ];
  reporter.problems(problems);
  const ok = problems.length === 0 && !hasErrors(all);
  const summary = ok
    ? `structgen: ${check.upToDate.length} files up to date in ${out}`
    : `structgen: ${problems.length} of ${result.files.length} files need regenerating; run structgen generate without --check`;
  reporter.finish({ ok, documents: result.documents, diagnostics: all, ...check }, summary, !ok);
  return ok ? 0 : 1;
}

async function write(
  out: string,
  result: GenerateResult,
  flags: GenerateFlags,
  reporter: Reporter,
  started: number,
  manifest: ReturnType<typeof renderManifest> | undefined,
): Promise<number> {
  const options = {
    force: flags.force,
    signal: flags.signal,
    ...(manifest === undefined ? {} : { manifest }),
  };
  const { diagnostics, ...written } = await writeOutputs(out, result.files, options);
  const all = [...result.diagnostics, ...diagnostics];
  reporter.diagnostics(all);
  if (hasErrors(diagnostics)) {
    reporter.finish({ ok: false, documents: result.documents, diagnostics: all }, undefined);
    return 1;
  }
  const ms = Math.round(performance.now() - started);
  const summary = `structgen: ${counted(result.documents.length, "document")}, ${counted(written.written.length, "file")} written, ${written.unchanged.length} unchanged in ${out} (${ms} ms)`;
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

function unmatchedError(pattern: string): Diagnostic {
  return {
    code: "SG_READ_FAILED",
    severity: "error",
    message: `no file matches the glob ${JSON.stringify(pattern)}`,
    file: pattern,
    pointer: "",
  };
}

/** "1 document", "2 documents". */
function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
