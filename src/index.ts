/**
 * structgen's programmatic API. The CLI is a thin layer over these functions; none of them logs, exits or
 * writes a file except `writeOutputs`.
 *
 * - `generate(inputs, options)` runs the whole pipeline in memory and returns `{ files, documents, diagnostics }`;
 *   `writeOutputs` and `checkOutputs` write or compare those files.
 * - The stages, for other generators: `parse` (read + detect), `normalize` (to the model), and the three
 *   emitters `emitTypes`, `emitGuards`, `emitJsonSchema`; the model types (`ModelDocument`, `TypeNode`, ...).
 * - Custom emitters (`Emitter`): functions from the model to files, written, checked and formatted like the
 *   built-in outputs; pass them to `generate({ inputs, emitters })` or in `structgen.config.mjs`.
 */
export { generate, loadModel, normalize, parse } from "./pipeline.js";
export type { DocumentReport, GenerateRequest, GenerateResult, InputDocument, ParsedInput } from "./pipeline.js";
export { writeOutputs, checkOutputs } from "./write/write.js";
export type { WriteOptions, WriteResult, CheckResult } from "./write/write.js";
export type { OutputFile } from "./format.js";
export { emitGuards, emitJsonSchema, emitTypes } from "./emitters.js";
export type { Emitter, EmitterContext } from "./emitters.js";
export { resolveInputs } from "./inputs.js";
export type { ResolveInputsOptions, ResolvedInputs } from "./inputs.js";
export { defineConfig, loadConfig, RUN_SETTINGS } from "./config.js";
export type { ConfigResult, SettingRow, StructgenConfig } from "./config.js";
export { validateData } from "./validate.js";
export type { DataFailure, DataResult, ValidateResult } from "./validate.js";
export { resolveOptions, DEFAULT_OPTIONS, OPTION_TABLE } from "./options.js";
export type { Options, ResolvedOptions, EmitTarget, ObjectFieldsMode, FormatsMode, OptionRow } from "./options.js";
export { formatDiagnostic, DIAGNOSTIC_CODES } from "./diagnostics.js";
export type { Diagnostic, DiagnosticCode, Locator, Severity } from "./diagnostics.js";
export type { Dialect } from "./parse/detect.js";
export type { JsonObject, JsonValue } from "./parse/source.js";
export type * from "./model.js";
