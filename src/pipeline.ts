/**
 * The pipeline, top to bottom: read -> detect -> parse -> normalize -> (cross-document checks) -> emit types,
 * guards, schema -> format. No file is written here; writing and checking are separate steps (write/write.ts).
 */
import { readFile } from "node:fs/promises";
import { type Diagnostic, DiagnosticSink, hasErrors } from "./diagnostics.js";
import { bannerComment } from "./emit/banner.js";
import { guardExportNames, guardStatements } from "./emit/guards.js";
import { Printer } from "./emit/print.js";
import { emitSchema, schemaFileName } from "./emit/schema.js";
import { stringLiteral } from "./emit/ts-text.js";
import { typeExportNames, typeStatements } from "./emit/types.js";
import { formatOutputs, type OutputFile } from "./format.js";
import type { ModelDocument } from "./model.js";
import { checkNames } from "./names-check.js";
import { normalizeFlat } from "./normalize-flat.js";
import { type Options, type ResolvedOptions, resolveOptions } from "./options.js";
import { detectDialect } from "./parse/detect.js";
import { parseFlat } from "./parse/flat.js";
import { readSource } from "./parse/source.js";

export interface InputDocument {
  /** The path shown in diagnostics and banners (keep it relative for reproducible output). */
  readonly path: string;
  /** The bytes; read from `path` when absent. */
  readonly contents?: Uint8Array | string;
}

export interface GenerateRequest {
  readonly inputs: readonly (string | InputDocument)[];
  /** The output folder: used to find the prettier config; nothing is written. @default "." */
  readonly outDir?: string;
}

export interface DocumentReport {
  readonly input: string;
  readonly files: readonly string[];
  readonly exports: readonly string[];
}

export interface GenerateResult {
  /** Every output file, paths relative to the output folder. Empty when any input had an error. */
  readonly files: readonly OutputFile[];
  readonly documents: readonly DocumentReport[];
  readonly models: readonly ModelDocument[];
  readonly diagnostics: readonly Diagnostic[];
}

export async function generate(request: GenerateRequest, options: Options = {}): Promise<GenerateResult> {
  const resolved = resolveOptions(options);
  const inputs = request.inputs.map((input) => (typeof input === "string" ? { path: input } : input));
  const loaded = await Promise.all(inputs.map((input) => loadModel(input, resolved)));
  const models = loaded.flatMap((l) => (l.model === undefined ? [] : [l.model]));
  const diagnostics = [...loaded.flatMap((l) => l.diagnostics), ...checkNames(models)];
  if (hasErrors(diagnostics)) {
    return { files: [], documents: [], models, diagnostics };
  }
  const printer = new Printer();
  const emitted = models.map((model) => emitDocument(model, resolved, printer));
  const files = [...emitted.flatMap((e) => e.files), indexFile(models, resolved, printer)].filter(
    (file): file is OutputFile => file !== undefined,
  );
  const documents = emitted.map((e) => e.report);
  if (!resolved.prettier) {
    return { files, documents, models, diagnostics };
  }
  const formatted = await formatOutputs(files, request.outDir ?? ".");
  return { files: formatted.files, documents, models, diagnostics: [...diagnostics, ...formatted.diagnostics] };
}

/** Read, detect, parse and normalize one input. */
export async function loadModel(
  input: InputDocument,
  options: ResolvedOptions,
): Promise<{ model?: ModelDocument; diagnostics: readonly Diagnostic[] }> {
  const sink = new DiagnosticSink(input.path);
  let bytes: Uint8Array;
  try {
    const raw = input.contents ?? (await readFile(input.path));
    bytes = typeof raw === "string" ? new TextEncoder().encode(raw) : raw;
  } catch (error) {
    sink.error("SG_READ_FAILED", "", `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    return { diagnostics: sink.items };
  }
  const source = readSource(input.path, bytes, sink);
  const detected = source === undefined ? undefined : detectDialect(source.value, sink);
  if (detected === undefined) {
    return { diagnostics: sink.items };
  }
  if (detected.dialect === "core") {
    sink.error("SG_UNKNOWN_DIALECT", "", "JSON Structure Core documents are not supported yet; only flat summaries are");
    return { diagnostics: sink.items };
  }
  const flat = parseFlat(detected.document, sink);
  const model = flat === undefined ? undefined : normalizeFlat(flat, input.path, options, sink);
  return sink.hasErrors || model === undefined ? { diagnostics: sink.items } : { model, diagnostics: sink.items };
}

function emitDocument(
  doc: ModelDocument,
  options: ResolvedOptions,
  printer: Printer,
): { files: OutputFile[]; report: DocumentReport } {
  const files: OutputFile[] = [];
  const exports: string[] = [];
  if (options.emit.includes("types")) {
    const path = `${doc.baseName}.types.ts`;
    files.push({ path, contents: printer.print(path, [bannerComment([doc.file]), ...typeStatements(doc)]) });
    exports.push(...typeExportNames(doc));
  }
  if (options.emit.includes("guards")) {
    const path = `${doc.baseName}.guards.ts`;
    files.push({ path, contents: printer.print(path, guardStatements(doc, options)) });
    exports.push(...guardExportNames(doc));
  }
  if (options.emit.includes("schema")) {
    files.push({ path: schemaFileName(doc), contents: `${JSON.stringify(emitSchema(doc, options), null, 2)}\n` });
  }
  return { files, report: { input: doc.file, files: files.map((f) => f.path), exports } };
}

/** `index.ts` re-exports every document's TypeScript outputs; `.js` specifiers work under bundlers and nodenext. */
function indexFile(models: readonly ModelDocument[], options: ResolvedOptions, printer: Printer): OutputFile | undefined {
  const kinds = (["types", "guards"] as const).filter((kind) => options.emit.includes(kind));
  if (kinds.length === 0 || models.length === 0) {
    return undefined;
  }
  const sorted = [...models].sort((a, b) => (a.baseName < b.baseName ? -1 : a.baseName > b.baseName ? 1 : 0));
  const lines = sorted.flatMap((m) => kinds.map((kind) => `export * from ${stringLiteral(`./${m.baseName}.${kind}.js`)};`));
  const banner = bannerComment(sorted.map((m) => m.file));
  return { path: "index.ts", contents: printer.print("index.ts", [banner, ...lines]) };
}
