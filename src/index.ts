/** structgen's programmatic API. The CLI is a thin layer over these functions. */
export { generate, loadModel } from "./pipeline.js";
export type { DocumentReport, GenerateRequest, GenerateResult, InputDocument } from "./pipeline.js";
export { writeOutputs, checkOutputs } from "./write/write.js";
export type { WriteResult, CheckResult } from "./write/write.js";
export type { OutputFile } from "./format.js";
export { resolveOptions, DEFAULT_OPTIONS, OPTION_TABLE } from "./options.js";
export type { Options, ResolvedOptions, EmitTarget, ObjectFieldsMode, FormatsMode } from "./options.js";
export { formatDiagnostic, DIAGNOSTIC_CODES } from "./diagnostics.js";
export type { Diagnostic, DiagnosticCode, Severity } from "./diagnostics.js";
export type * from "./model.js";
