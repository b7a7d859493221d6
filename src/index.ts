/**
 * structgen's programmatic API. The CLI is a thin layer over these functions; none of them logs, exits or
 * writes a file except `writeOutputs`.
 *
 * - `generate(inputs, options)` runs the whole pipeline in memory and returns `{ files, documents, diagnostics }`;
 *   `writeOutputs` and `checkOutputs` write or compare those files.
 * - `runPipeline({ inputs, sink }, options)` runs the same pipeline but hands each document's formatted files to a
 *   `Sink` as they come and keeps neither them nor the models, so memory stays flat for any number of documents.
 * - The stages, for other generators: `parse` (read + detect), `normalize` (to the model; catalog files resolve
 *   references to the other documents of a run through `indexRun` / `indexDocuments`), and the three
 *   emitters `emitTypes`, `emitGuards`, `emitJsonSchema`; the model types (`ModelDocument`, `TypeNode`, ...).
 * - Custom emitters (`Emitter`): functions from the model to files, written, checked and formatted like the
 *   built-in outputs; pass them to `generate({ inputs, emitters })` or in `structgen.config.mjs`.
 */
export { generate, loadModel, normalize, parse, runPipeline } from "./pipeline/generate.js";
export { indexDocuments, indexRun } from "./read/run-index.js";
export type { IndexedDocument, RunIndex } from "./read/run-index.js";
export type {
  DocumentReport,
  GenerateRequest,
  GenerateResult,
  InputDocument,
  ParsedInput,
  PipelineRequest,
  PipelineResult,
  Sink,
} from "./pipeline/generate.js";
export { writeOutputs, checkOutputs } from "./write/write.js";
export type { WriteOptions, WriteResult, CheckResult } from "./write/write.js";
export type { OutputFile } from "./emit/emitters.js";
export { emitGuards, emitJsonSchema, emitTypes } from "./emit/emitters.js";
export type { Emitter, EmitterContext } from "./emit/emitters.js";
export { resolveInputs } from "./pipeline/inputs.js";
export type { ResolveInputsOptions, ResolvedInputs } from "./pipeline/inputs.js";
export { defineConfig, loadConfig, RUN_SETTINGS } from "./cli/config.js";
export type { ConfigResult, SettingRow, StructgenConfig } from "./cli/config.js";
export { validateData } from "./pipeline/validate.js";
export type { DataFailure, DataResult, ValidateResult } from "./pipeline/validate.js";
export { resolveOptions, DEFAULT_OPTIONS, OPTION_TABLE } from "./model/options.js";
export type {
  Options,
  ResolvedOptions,
  EmitTarget,
  ObjectFieldsMode,
  FormatsMode,
  DialectChoice,
  OptionRow,
} from "./model/options.js";
export { formatDiagnostic, DIAGNOSTIC_CODES } from "./model/diagnostics.js";
export type { Diagnostic, DiagnosticCode, Locator, Severity } from "./model/diagnostics.js";
export type { Dialect } from "./read/detect.js";
export type { JsonObject, JsonValue } from "./read/source.js";
export type * from "./model/model.js";
