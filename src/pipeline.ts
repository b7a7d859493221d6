/**
 * The pipeline, top to bottom: read -> detect -> parse -> normalize -> (cross-document checks) -> emit types,
 * guards, schema, then custom emitters -> format. No file is written here; writing and checking are separate
 * steps (write/write.ts).
 */
import { readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { type ImportedFile, preloadImports } from "./core/imports.js";
import { readCore } from "./core/read.js";
import { type Diagnostic, DiagnosticSink, hasErrors, type Locator } from "./diagnostics.js";
import { bannerComment } from "./emit/banner.js";
import { guardExportNames, guardStatements } from "./emit/guards.js";
import { Printer } from "./emit/print.js";
import { emitSchema, schemaFileName } from "./emit/schema.js";
import { stringLiteral } from "./emit/ts-text.js";
import { typeExportNames, typeStatements } from "./emit/types.js";
import { bannerFor, type Emitter, runEmitters } from "./emitters.js";
import { enrichParsed } from "./enrich/stage.js";
import { SpecCache } from "./enrich/spec.js";
import { formatOutputs, type OutputFile } from "./format.js";
import type { ModelDocument } from "./model.js";
import { checkNames } from "./names-check.js";
import { normalizeFlat } from "./normalize-flat.js";
import { compareCodeUnits } from "./order.js";
import { type Options, type ResolvedOptions, resolveOptions } from "./options.js";
import { type Dialect, detectDialect } from "./parse/detect.js";
import { parseFlat } from "./parse/flat.js";
import { type JsonObject, readSource } from "./parse/source.js";

export interface InputDocument {
  /** The path shown in diagnostics and banners (keep it relative for reproducible output). */
  readonly path: string;
  /** The bytes; read from `path` when absent. */
  readonly contents?: Uint8Array | string;
  /** Subfolder of the output folder for this document's files, with forward slashes. @default "" (the output folder itself) */
  readonly outputSubfolder?: string;
}

export interface GenerateRequest {
  readonly inputs: readonly (string | InputDocument)[];
  /** The output folder: used to find the prettier config; nothing is written. @default "." */
  readonly outDir?: string;
  /** Custom emitters, run after the built-in ones; their files are formatted, written and checked alike. */
  readonly emitters?: readonly Emitter[];
  /** Called as the run advances, e.g. to draw a progress line; `done` of `total` items of `stage`. */
  readonly onProgress?: (progress: {
    readonly stage: "read" | "emit" | "format";
    readonly done: number;
    readonly total: number;
  }) => void;
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
  /**
   * Files read besides the inputs (JSON Structure Core `$import` targets), by absolute path, with the bytes this
   * run used: the CLI's manifest records their hashes, since they decide the outputs too.
   */
  readonly sources: readonly { readonly path: string; readonly bytes: Uint8Array }[];
}

/**
 * Runs the whole pipeline in memory and returns every output file; touches no file (inputs given as paths are
 * read). Pass the inputs alone, or a request with the output folder (for the prettier config) and custom emitters.
 */
export async function generate(
  request: GenerateRequest | readonly (string | InputDocument)[],
  options: Options = {},
): Promise<GenerateResult> {
  const {
    inputs: given,
    outDir = ".",
    emitters = [],
    onProgress,
  } = "inputs" in request ? request : { inputs: request };
  const resolved = resolveOptions(options);
  const inputs = given.map((input) => (typeof input === "string" ? { path: input } : input));
  // One spec for every input, read once however many inputs there are.
  const specs = new SpecCache();
  let read = 0;
  const loaded = await Promise.all(
    inputs.map(async (input) => {
      const result = await loadModel(input, resolved, specs);
      onProgress?.({ stage: "read", done: ++read, total: inputs.length });
      return { ...result, subfolder: input.outputSubfolder ?? "" };
    }),
  );
  const sources = importedSources(
    loaded.map((l) => l.imports),
    await specs.sources(),
  );
  const placed = loaded.flatMap((l) =>
    l.model === undefined ? [] : [{ model: l.model, subfolder: l.subfolder }],
  );
  const models = placed.map((p) => p.model);
  const all = loaded.flatMap((l) => l.diagnostics);
  // Every input reports the spec's own problems; a run shows each once.
  const diagnostics = [
    ...(resolved.sourceSpec === undefined ? all : uniqueDiagnostics(all)),
    ...checkNames(models),
  ];
  if (hasErrors(diagnostics)) {
    return { files: [], documents: [], models, diagnostics, sources };
  }
  const printer = new Printer();
  const emitted = placed.map((p, index) => {
    const document = emitDocument(p.model, p.subfolder, resolved, printer);
    onProgress?.({ stage: "emit", done: index + 1, total: placed.length });
    return document;
  });
  const builtIn = [...emitted.flatMap((e) => e.files), indexFile(placed, resolved, printer)].filter(
    (file): file is OutputFile => file !== undefined,
  );
  const subfolders = new Map(placed.map((p) => [p.model, p.subfolder]));
  const context = {
    documents: models,
    options: resolved,
    outputSubfolder: (doc: ModelDocument) => subfolders.get(doc) ?? "",
    banner: bannerFor(models),
  };
  const custom = await runEmitters(
    emitters,
    context,
    builtIn.map((f) => f.path),
  );
  const files = [...builtIn, ...custom.files];
  const documents = emitted.map((e) => e.report);
  if (hasErrors(custom.diagnostics)) {
    return {
      files: [],
      documents,
      models,
      diagnostics: [...diagnostics, ...custom.diagnostics],
      sources,
    };
  }
  if (!resolved.prettier) {
    return { files, documents, models, diagnostics, sources };
  }
  onProgress?.({ stage: "format", done: 0, total: files.length });
  const formatted = await formatOutputs(files, outDir);
  return {
    files: formatted.files,
    documents,
    models,
    diagnostics: [...diagnostics, ...formatted.diagnostics],
    sources,
  };
}

/** Every imported file read, once, by absolute path in code-unit order (the same for any input order). */
function importedSources(
  imports: readonly (ReadonlyMap<string, ImportedFile> | undefined)[],
  specs: readonly { path: string; bytes: Uint8Array }[],
): { path: string; bytes: Uint8Array }[] {
  // The source spec (--source-spec) is an input too: a change to it must make --check take the full path.
  const byPath = new Map<string, Uint8Array>(specs.map((spec) => [spec.path, spec.bytes]));
  for (const [path, file] of imports.flatMap((map) => [
    ...(map ?? new Map<string, ImportedFile>()),
  ])) {
    if ("bytes" in file) {
      byPath.set(path, file.bytes);
    }
  }
  return [...byPath.keys()]
    .sort(compareCodeUnits)
    .map((path) => ({ path, bytes: byPath.get(path)! }));
}

/** A document read and recognized: strict JSON with a position for every JSON pointer, and its dialect. */
export interface ParsedInput {
  /** The input path, as given. */
  readonly file: string;
  /** Absent when the input could not be read, parsed or recognized (see `diagnostics`). */
  readonly dialect?: Dialect;
  readonly document?: JsonObject;
  /** JSON pointer -> line and column in the input. */
  readonly locate: Locator;
  readonly diagnostics: readonly Diagnostic[];
  /** JSON Structure Core: the local files its `$import`/`$importdefs` name, read ahead (by absolute path). */
  readonly imports?: ReadonlyMap<string, ImportedFile>;
}

/** Stages read and detect: bytes -> strict JSON (UTF-8, no duplicate keys) -> flat summary or JSON Structure Core. */
export async function parse(input: InputDocument): Promise<ParsedInput> {
  const sink = new DiagnosticSink(input.path);
  const nowhere: Locator = () => undefined;
  let bytes: Uint8Array;
  try {
    const raw = input.contents ?? (await readFile(input.path));
    bytes = typeof raw === "string" ? new TextEncoder().encode(raw) : raw;
  } catch (error) {
    sink.error(
      "SG_READ_FAILED",
      "",
      `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
    return { file: input.path, locate: nowhere, diagnostics: sink.items };
  }
  const source = readSource(input.path, bytes, sink);
  const detected = source === undefined ? undefined : detectDialect(source.value, sink);
  const locate = source?.locate ?? nowhere;
  if (detected === undefined) {
    return { file: input.path, locate, diagnostics: sink.items };
  }
  const imports =
    detected.dialect === "core"
      ? { imports: await preloadImports(detected.document, dirname(input.path)) }
      : {};
  return {
    file: input.path,
    dialect: detected.dialect,
    document: detected.document,
    locate,
    diagnostics: sink.items,
    ...imports,
  };
}

/** Stages parse and normalize: a recognized document -> the model every emitter reads. */
export function normalize(
  parsed: ParsedInput,
  options: Options = {},
): { model?: ModelDocument; diagnostics: readonly Diagnostic[] } {
  const sink = new DiagnosticSink(parsed.file, parsed.locate);
  const done = () => [...parsed.diagnostics, ...sink.items];
  if (parsed.document === undefined || parsed.dialect === undefined) {
    return { diagnostics: done() };
  }
  const detected = { dialect: parsed.dialect, document: parsed.document };
  if (detected.dialect === "core") {
    const core = readCore(detected.document, parsed.file, sink, parsed.imports ?? new Map());
    const diagnostics = [...done(), ...core.imported];
    return core.model === undefined || hasErrors(diagnostics)
      ? { diagnostics }
      : { model: core.model, diagnostics };
  }
  const flat = parseFlat(detected.document, sink);
  const model =
    flat === undefined
      ? undefined
      : normalizeFlat(flat, parsed.file, resolveOptions(options), sink);
  // Errors from reading (a duplicate key) count too: a document with any error gives no model.
  return hasErrors(done()) || model === undefined
    ? { diagnostics: done() }
    : { model, diagnostics: done() };
}

/**
 * Read, detect, parse and normalize one input; with `options.sourceSpec`, enrich a flat summary from that spec
 * (read through `specs`, so that a run with many inputs reads it once).
 */
export async function loadModel(
  input: InputDocument,
  options: ResolvedOptions,
  specs: SpecCache = new SpecCache(),
): Promise<{
  model?: ModelDocument;
  diagnostics: readonly Diagnostic[];
  imports?: ReadonlyMap<string, ImportedFile>;
}> {
  const parsed = await parse(input);
  const normalized = normalize(parsed, options);
  const model =
    options.sourceSpec === undefined
      ? normalized
      : enrichParsed(parsed, normalized, options, await specs.load(options.sourceSpec));
  return parsed.imports === undefined ? model : { ...model, imports: parsed.imports };
}

function uniqueDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = JSON.stringify([d.file, d.pointer, d.code, d.message]);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

function emitDocument(
  doc: ModelDocument,
  subfolder: string,
  options: ResolvedOptions,
  printer: Printer,
): { files: OutputFile[]; report: DocumentReport } {
  const files: OutputFile[] = [];
  const exports: string[] = [];
  const prefix = subfolder === "" ? "" : `${subfolder}/`;
  if (options.emit.includes("types")) {
    const path = `${prefix}${doc.baseName}.types.ts`;
    files.push({
      path,
      contents: printer.print(path, [bannerComment([doc.file]), ...typeStatements(doc)]),
    });
    exports.push(...typeExportNames(doc));
  }
  if (options.emit.includes("guards")) {
    const path = `${prefix}${doc.baseName}.guards.ts`;
    files.push({ path, contents: printer.print(path, guardStatements(doc, options)) });
    exports.push(...guardExportNames(doc));
  }
  if (options.emit.includes("schema")) {
    files.push({
      path: `${prefix}${schemaFileName(doc)}`,
      contents: `${JSON.stringify(emitSchema(doc, options), null, 2)}\n`,
    });
  }
  return { files, report: { input: doc.file, files: files.map((f) => f.path), exports } };
}

/** `index.ts` re-exports every document's TypeScript outputs; `.js` specifiers work under bundlers and nodenext. */
function indexFile(
  placed: readonly { readonly model: ModelDocument; readonly subfolder: string }[],
  options: ResolvedOptions,
  printer: Printer,
): OutputFile | undefined {
  const kinds = (["types", "guards"] as const).filter((kind) => options.emit.includes(kind));
  if (kinds.length === 0 || placed.length === 0) {
    return undefined;
  }
  const stem = (p: (typeof placed)[number]) =>
    p.subfolder === "" ? p.model.baseName : `${p.subfolder}/${p.model.baseName}`;
  const sorted = [...placed].sort((a, b) => (stem(a) < stem(b) ? -1 : stem(a) > stem(b) ? 1 : 0));
  const lines = sorted.flatMap((p) =>
    kinds.map((kind) => `export * from ${stringLiteral(`./${stem(p)}.${kind}.js`)};`),
  );
  const banner = bannerComment(sorted.map((p) => p.model.file));
  return { path: "index.ts", contents: printer.print("index.ts", [banner, ...lines]) };
}
