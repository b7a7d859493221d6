/** `structgen generate`: expand inputs, run the pipeline, then write or check, and report. */
import { join } from "node:path";
import { type Diagnostic, hasErrors } from "../diagnostics.js";
import { resolveInputs } from "../inputs.js";
import { type DocumentReport, generate, type GenerateResult } from "../pipeline.js";
import { checkOutputs, writeOutputs } from "../write/write.js";
import type { Reporter } from "./report.js";
import type { RunSettings } from "./settings.js";

export interface GenerateFlags {
  readonly check: boolean;
  readonly force: boolean;
  /** Aborted on SIGINT/SIGTERM: the write stage then leaves the previous outputs as they were. */
  readonly signal: AbortSignal;
}

/** One run: 0 when everything was written (or is up to date under --check), 1 otherwise. */
export async function runGenerate(settings: RunSettings, flags: GenerateFlags, reporter: Reporter): Promise<number> {
  const started = performance.now();
  const { out } = settings;
  const progress = reporter.progress();
  const expanded = await resolveInputs(settings.patterns);
  const result = await generate(
    {
      inputs: expanded.inputs,
      outDir: out,
      emitters: settings.emitters,
      onProgress: ({ stage, done, total }) =>
        progress.update(stage === "format" ? `structgen: formatting ${total} files` : `structgen: ${stage === "read" ? "reading" : "generating"} ${done}/${total} documents`),
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
  return flags.check ? check(out, result, reporter) : write(out, result, flags, reporter, started);
}

async function check(out: string, result: GenerateResult, reporter: Reporter): Promise<number> {
  const { diagnostics, ...check } = await checkOutputs(out, result.files);
  const all = [...result.diagnostics, ...diagnostics];
  reporter.diagnostics(all);
  const problems = [...check.stale.map((f) => `stale: ${join(out, f)}`), ...check.missing.map((f) => `missing: ${join(out, f)}`)];
  reporter.problems(problems);
  const ok = problems.length === 0 && !hasErrors(all);
  const summary = ok
    ? `structgen: ${check.upToDate.length} files up to date in ${out}`
    : `structgen: ${problems.length} of ${result.files.length} files need regenerating; run structgen generate without --check`;
  reporter.finish({ ok, documents: result.documents, diagnostics: all, ...check }, summary, !ok);
  return ok ? 0 : 1;
}

async function write(out: string, result: GenerateResult, flags: GenerateFlags, reporter: Reporter, started: number): Promise<number> {
  const { diagnostics, ...written } = await writeOutputs(out, result.files, { force: flags.force, signal: flags.signal });
  const all = [...result.diagnostics, ...diagnostics];
  reporter.diagnostics(all);
  if (hasErrors(diagnostics)) {
    reporter.finish({ ok: false, documents: result.documents, diagnostics: all }, undefined);
    return 1;
  }
  const ms = Math.round(performance.now() - started);
  const summary = `structgen: ${result.documents.length} documents, ${written.written.length} files written, ${written.unchanged.length} unchanged in ${out} (${ms} ms)`;
  reporter.finish({ ok: true, documents: result.documents satisfies readonly DocumentReport[], diagnostics: all, ...written }, summary);
  return 0;
}

function unmatchedError(pattern: string): Diagnostic {
  return { code: "SG_READ_FAILED", severity: "error", message: `no file matches the glob ${JSON.stringify(pattern)}`, file: pattern, pointer: "" };
}
