/** `structgen generate`: expand inputs, run the pipeline, then write or check, and report. */
import { readdir, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import { type Diagnostic, formatDiagnostic, hasErrors } from "../diagnostics.js";
import type { Options } from "../options.js";
import { generate } from "../pipeline.js";
import { checkOutputs, writeOutputs } from "../write/write.js";

export interface GenerateFlags {
  readonly check: boolean;
  readonly quiet: boolean;
  readonly json: boolean;
  readonly force: boolean;
  /** Aborted on SIGINT/SIGTERM: the write stage then leaves the previous outputs as they were. */
  readonly signal: AbortSignal;
}

/** Folders expand to the *.json files directly inside them, sorted, so the run does not depend on disk order. */
async function expandInputs(inputs: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => undefined);
    if (info?.isDirectory()) {
      const names = (await readdir(input)).filter((name) => name.endsWith(".json")).sort();
      files.push(...names.map((name) => join(input, name)));
    } else {
      files.push(input);
    }
  }
  return [...new Set(files.map((file) => relative(process.cwd(), file) || file))];
}

export async function runGenerate(inputs: readonly string[], outDir: string, options: Options, flags: GenerateFlags): Promise<number> {
  const started = performance.now();
  const files = await expandInputs(inputs);
  const result = await generate({ inputs: files, outDir }, options);
  if (hasErrors(result.diagnostics)) {
    printDiagnostics(result.diagnostics, flags);
    report(flags, { ok: false, documents: result.documents, diagnostics: result.diagnostics });
    return 1;
  }
  if (flags.check) {
    const { diagnostics, ...check } = await checkOutputs(outDir, result.files);
    const all = [...result.diagnostics, ...diagnostics];
    printDiagnostics(all, flags);
    const problems = [...check.stale.map((f) => `stale: ${join(outDir, f)}`), ...check.missing.map((f) => `missing: ${join(outDir, f)}`)];
    if (!flags.json) {
      problems.forEach((line) => process.stderr.write(`${line}\n`));
    }
    const ok = problems.length === 0 && !hasErrors(all);
    const summary = ok
      ? `structgen: ${check.upToDate.length} files up to date in ${outDir}`
      : `structgen: ${problems.length} of ${result.files.length} files need regenerating; run structgen generate without --check`;
    report(flags, { ok, documents: result.documents, diagnostics: all, ...check }, summary, !ok);
    return ok ? 0 : 1;
  }
  const { diagnostics, ...written } = await writeOutputs(outDir, result.files, { force: flags.force, signal: flags.signal });
  const all = [...result.diagnostics, ...diagnostics];
  printDiagnostics(all, flags);
  if (hasErrors(diagnostics)) {
    report(flags, { ok: false, documents: result.documents, diagnostics: all });
    return 1;
  }
  const ms = Math.round(performance.now() - started);
  const summary = `structgen: ${result.documents.length} documents, ${written.written.length} files written, ${written.unchanged.length} unchanged in ${outDir} (${ms} ms)`;
  report(flags, { ok: true, documents: result.documents, diagnostics: all, ...written }, summary);
  return 0;
}

function printDiagnostics(diagnostics: readonly Diagnostic[], flags: GenerateFlags): void {
  if (flags.json) {
    return;
  }
  for (const diagnostic of diagnostics) {
    process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
  }
}

function report(flags: GenerateFlags, data: Record<string, unknown>, summary?: string, toStderr = false): void {
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
  } else if (summary !== undefined && (!flags.quiet || toStderr)) {
    (toStderr ? process.stderr : process.stdout).write(`${summary}\n`);
  }
}
