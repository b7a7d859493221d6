/**
 * Stages read -> detect -> parse -> normalize, for one input (`parse`, `normalize`, `loadModel`) and for a whole
 * run (`loadRun`: every input, then the cross-document name checks). Nothing here emits or writes.
 */
import { readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { type ImportedFile, preloadImports } from "./core/imports.js";
import { readCore } from "./core/read.js";
import { type Diagnostic, DiagnosticSink, hasErrors, type Locator } from "./diagnostics.js";
import { enrichParsed } from "./enrich/stage.js";
import { SpecCache } from "./enrich/spec.js";
import type { ModelDocument } from "./model.js";
import { checkNames } from "./names-check.js";
import { normalizeFlat } from "./normalize-flat.js";
import { compareCodeUnits } from "./order.js";
import { type Options, type ResolvedOptions, resolveOptions } from "./options.js";
import { type Dialect, detectDialect } from "./parse/detect.js";
import { parseFlat } from "./parse/flat.js";
import { type JsonObject, readSource } from "./parse/source.js";
import { type Hashed, sha256 } from "./write/manifest.js";

export interface InputDocument {
  /** The path shown in diagnostics and banners (keep it relative for reproducible output). */
  readonly path: string;
  /** The bytes; read from `path` when absent. */
  readonly contents?: Uint8Array | string;
  /** Subfolder of the output folder for this document's files, with forward slashes. @default "" (the output folder itself) */
  readonly outputSubfolder?: string;
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
  // The parse tree and its locator live only in this frame: the model is all that is kept.
  const parsed = await parse(input);
  const normalized = normalize(parsed, options);
  const model =
    options.sourceSpec === undefined
      ? normalized
      : enrichParsed(parsed, normalized, options, await specs.load(options.sourceSpec));
  return parsed.imports === undefined ? model : { ...model, imports: parsed.imports };
}

/** A normalized document and the output subfolder its files go to. */
export interface Placed {
  readonly model: ModelDocument;
  readonly subfolder: string;
}

export interface LoadedRun {
  /** The documents without errors, in input order. */
  readonly placed: Placed[];
  /** Every input's diagnostics, then the cross-document checks'. */
  readonly diagnostics: readonly Diagnostic[];
  /** Files read besides the inputs (`$import` targets, the source spec), by absolute path in code-unit order. */
  readonly sources: readonly { readonly path: string; readonly bytes: Uint8Array }[];
  /** With `hashInputs`: each input this run read, as given, with the SHA-256 of the bytes it parsed. */
  readonly inputs: readonly Hashed[];
}

/**
 * Loads every input (read, normalize, enrich), then checks names across documents. With `hashInputs`, reads each
 * input's bytes itself and records their hash, so that a manifest can name exactly what was parsed without the
 * bytes being kept for the rest of the run.
 */
export async function loadRun(
  given: readonly InputDocument[],
  resolved: ResolvedOptions,
  onRead: (done: number, total: number) => void,
  hashInputs = false,
): Promise<LoadedRun> {
  // One spec for every input, read once however many inputs there are.
  const specs = new SpecCache();
  const hashes: (Hashed | undefined)[] = [];
  let read = 0;
  const loaded = await Promise.all(
    given.map(async (input, index) => {
      const contents = hashInputs ? (input.contents ?? (await readFile(input.path).catch(() => undefined))) : undefined;
      hashes[index] = contents === undefined ? undefined : [input.path, sha256(contents)];
      const result = await loadModel(contents === undefined ? input : { ...input, contents }, resolved, specs);
      onRead(++read, given.length);
      return { ...result, subfolder: input.outputSubfolder ?? "" };
    }),
  );
  const sources = importedSources(
    loaded.map((l) => l.imports),
    await specs.sources(),
  );
  const placed = loaded.flatMap((l) => (l.model === undefined ? [] : [{ model: l.model, subfolder: l.subfolder }]));
  const all = loaded.flatMap((l) => l.diagnostics);
  // Every input reports the spec's own problems; a run shows each once.
  const diagnostics = [
    ...(resolved.sourceSpec === undefined ? all : uniqueDiagnostics(all)),
    ...checkNames(placed.map((p) => p.model)),
  ];
  return { placed, diagnostics, sources, inputs: hashes.filter((h): h is Hashed => h !== undefined) };
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

function uniqueDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = JSON.stringify([d.file, d.pointer, d.code, d.message]);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
