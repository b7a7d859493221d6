/**
 * Stages read -> detect -> parse -> normalize, for one input (`parse`, `normalize`, `loadModel`) and for a whole
 * run (`loadRun`: every input, then the cross-document name checks; `reloadModel` to load one again for a run
 * that does not keep every model). Nothing here emits or writes.
 */
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { type ImportedFile, preloadImports } from "./core/imports.js";
import { readCore } from "./core/read.js";
import { type Diagnostic, DiagnosticSink, hasErrors, type Locator } from "./diagnostics.js";
import { enrichParsed } from "./enrich/stage.js";
import { SpecCache } from "./enrich/spec.js";
import type { ModelDocument } from "./model.js";
import { checkNames, type DocumentNames, namesOf } from "./names-check.js";
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

/** One input without errors, as a run keeps it after loading. */
export interface LoadedDocument<T> {
  /** The input as given (bytes this run read itself are not kept). */
  readonly input: InputDocument;
  readonly subfolder: string;
  readonly names: DocumentNames;
  /** The SHA-256 of the bytes parsed, when the run was given them or read them itself (`hashInputs`). */
  readonly sha256: string | undefined;
  /** What `keep` took from the model: the model itself, or (a streaming run) only what it needs later. */
  readonly kept: T;
}

export interface LoadOptions {
  readonly onRead?: (done: number, total: number) => void;
  /** Read each input here and record the hash of the bytes parsed (for a manifest, or to load them again). */
  readonly hashInputs?: boolean;
  /** The run's source specs, to share them with a later `reloadModel`. */
  readonly specs?: SpecCache;
}

export interface LoadedRun<T> {
  /** The documents without errors, in input order. */
  readonly documents: LoadedDocument<T>[];
  /** Every input's diagnostics, then the cross-document checks'. */
  readonly diagnostics: readonly Diagnostic[];
  /** Files read besides the inputs (`$import` targets, the source spec), by absolute path in code-unit order. */
  readonly sources: readonly { readonly path: string; readonly bytes: Uint8Array }[];
  /** With `hashInputs`: each input this run read, as given, with the SHA-256 of the bytes it parsed. */
  readonly inputs: readonly Hashed[];
}

/**
 * Loads every input (read, normalize, enrich), keeping of each model what `keep` returns and its names, then
 * checks names across documents. A run that keeps less than the models holds less than all of them at once.
 */
export async function loadRun<T>(
  given: readonly InputDocument[],
  resolved: ResolvedOptions,
  keep: (model: ModelDocument, subfolder: string) => T,
  options: LoadOptions = {},
): Promise<LoadedRun<T>> {
  // One spec for every input, read once however many inputs there are.
  const specs = options.specs ?? new SpecCache();
  let read = 0;
  const loaded = await mapLimited(given, LOAD_CONCURRENCY, async (input) => {
    const contents = options.hashInputs ? (input.contents ?? (await readFile(input.path).catch(() => undefined))) : input.contents;
    const { model, diagnostics, imports } = await loadModel(contents === undefined ? input : { ...input, contents }, resolved, specs);
    options.onRead?.(++read, given.length);
    const subfolder = input.outputSubfolder ?? "";
    const hash = options.hashInputs && contents !== undefined ? sha256(contents) : undefined;
    const document = model === undefined ? undefined : { input, subfolder, names: namesOf(model, subfolder), sha256: hash, kept: keep(model, subfolder) };
    return { document, diagnostics, imports, hashed: hash === undefined ? undefined : ([input.path, hash] as const) };
  });
  const sources = importedSources(
    loaded.map((l) => l.imports),
    await specs.sources(),
  );
  const documents = loaded.flatMap((l) => (l.document === undefined ? [] : [l.document]));
  const all = loaded.flatMap((l) => l.diagnostics);
  // Every input reports the spec's own problems; a run shows each once.
  const diagnostics = [
    ...(resolved.sourceSpec === undefined ? all : uniqueDiagnostics(all)),
    ...checkNames(documents.map((d) => d.names)),
  ];
  return { documents, diagnostics, sources, inputs: loaded.flatMap((l) => (l.hashed === undefined ? [] : [l.hashed])) };
}

/**
 * Loads a document of the run again, to emit it: the same bytes must give the same model. When the input (or a
 * file it imports) is no longer what the run checked, the answer is a diagnostic, and the run must not write.
 */
export async function reloadModel(
  document: { readonly input: InputDocument; readonly sha256: string | undefined },
  resolved: ResolvedOptions,
  specs: SpecCache,
  imports: ReadonlyMap<string, string>,
): Promise<{ model: ModelDocument } | { problem: Diagnostic }> {
  const { input } = document;
  // Synchronously: the run is between two documents' formatting here, when a read through the thread pool waits
  // for a core (see write/transaction.ts), and the file is small and was just read.
  const contents = input.contents ?? readIfPresent(input.path);
  const changed = {
    problem: {
      code: "SG_READ_FAILED",
      severity: "error",
      message: "the file, or a file it imports, changed while structgen was running; run structgen again",
      file: input.path,
      pointer: "",
    } satisfies Diagnostic,
  };
  if (contents === undefined || (document.sha256 !== undefined && sha256(contents) !== document.sha256)) {
    return changed;
  }
  const { model, imports: read } = await loadModel({ ...input, contents }, resolved, specs);
  const same = [...(read ?? new Map<string, ImportedFile>())].every(([path, file]) => imports.get(path) === ("bytes" in file ? sha256(file.bytes) : undefined));
  return model === undefined || !same ? changed : { model };
}

function readIfPresent(path: string): Uint8Array | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/**
 * How many inputs are loaded at once: enough to keep the file system busy while one is parsed, few enough that a
 * run of thousands of inputs does not hold thousands of pending reads and their bytes at once.
 */
const LOAD_CONCURRENCY = 8;

/** `items.map(fn)` with at most `limit` calls in flight; results in the order of `items`. */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
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
