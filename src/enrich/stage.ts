/**
 * The enrich stage as the pipeline calls it: after normalize, for every input, when a source spec is given.
 * A spec that failed to load fails every input (its errors are reported once per run by the pipeline); a JSON
 * Structure Core document is left as it is, with a warning, since it already says what a spec would add.
 */
import { type Diagnostic, DiagnosticSink, hasErrors } from "../model/diagnostics.js";
import type { ModelDocument } from "../model/model.js";
import type { ResolvedOptions } from "../model/options.js";
import type { ParsedInput } from "../read/read.js";
import { enrich } from "./enrich.js";
import type { LoadedSpec } from "./spec.js";

type Normalized = { readonly model?: ModelDocument; readonly diagnostics: readonly Diagnostic[] };

export function enrichParsed(
  parsed: ParsedInput,
  normalized: Normalized,
  options: ResolvedOptions,
  loaded: LoadedSpec,
): Normalized {
  const diagnostics = [...normalized.diagnostics, ...loaded.diagnostics];
  const { model } = normalized;
  if (loaded.spec === undefined || hasErrors(loaded.diagnostics)) {
    return { diagnostics };
  }
  if (model === undefined) {
    return { diagnostics };
  }
  const sink = new DiagnosticSink(parsed.file, parsed.locate);
  const entity = parsed.document?.["entity"];
  if (model.dialect !== "flat" || typeof entity !== "string") {
    sink.warning(
      "SG_SPEC_MISMATCH",
      "",
      `only flat summaries are enriched from --source-spec; this ${model.dialect === "catalog" ? "catalog file" : "JSON Structure Core document"} is generated as it is`,
    );
    return { model, diagnostics: [...diagnostics, ...sink.items] };
  }
  const specDiagnostics: Diagnostic[] = [];
  const enriched = enrich({ model, entity, spec: loaded.spec, options, sink, specDiagnostics });
  const all = [...diagnostics, ...sink.items, ...specDiagnostics];
  return enriched === undefined || hasErrors(all)
    ? { diagnostics: all }
    : { model: enriched, diagnostics: all };
}
