/**
 * The read stages for one input: read (bytes -> strict JSON with positions) -> detect (which dialect) -> parse and
 * normalize (the dialect's reader, into the model every emitter reads). Each dialect has its own folder here.
 * Nothing here emits or writes. The other inputs of a run are known only through the run's index (run-index.ts),
 * which the catalog reading uses to resolve references between documents.
 */
import { readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { type Diagnostic, DiagnosticSink, hasErrors, type Locator } from "../model/diagnostics.js";
import type { ModelDocument } from "../model/model.js";
import { type Options, resolveOptions } from "../model/options.js";
import { readCatalog, strictly } from "./catalog/read.js";
import { type ImportedFile, preloadImports } from "./core/imports.js";
import { readCore } from "./core/read.js";
import { type Dialect, detectDialect } from "./detect.js";
import { normalizeFlat } from "./flat/normalize.js";
import { parseFlat } from "./flat/parse.js";
import { RunIndex } from "./run-index.js";
import { type JsonObject, readSource } from "./source.js";

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

/**
 * Stages read and detect: bytes -> strict JSON (UTF-8, no duplicate keys) -> flat summary, JSON Structure Core or
 * catalog file (`options.dialect` forces one).
 */
export async function parse(input: InputDocument, options: Options = {}): Promise<ParsedInput> {
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
  const detected =
    source === undefined
      ? undefined
      : detectDialect(source.value, sink, resolveOptions(options).dialect);
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

/**
 * Stages parse and normalize: a recognized document -> the model every emitter reads. `index` holds the run's
 * documents, for the catalog reading's references between them (without it, a reference to another document is
 * any value, with a warning).
 */
export function normalize(
  parsed: ParsedInput,
  options: Options = {},
  index: RunIndex = RunIndex.EMPTY,
): { model?: ModelDocument; diagnostics: readonly Diagnostic[] } {
  const sink = new DiagnosticSink(parsed.file, parsed.locate);
  const done = () => [...parsed.diagnostics, ...sink.items];
  if (parsed.document === undefined || parsed.dialect === undefined) {
    return { diagnostics: done() };
  }
  const detected = { dialect: parsed.dialect, document: parsed.document };
  if (detected.dialect === "core") {
    const core = readCore(detected.document, parsed.file, sink, parsed.imports ?? new Map(), {
      enabled: resolveOptions(options).redosCheck,
    });
    const diagnostics = [...done(), ...core.imported];
    return core.model === undefined || hasErrors(diagnostics)
      ? { diagnostics }
      : { model: core.model, diagnostics };
  }
  if (detected.dialect === "catalog") {
    const resolved = resolveOptions(options);
    const model = readCatalog(detected.document, parsed.file, sink, resolved, index);
    const diagnostics = resolved.strict ? strictly(done()) : done();
    return model === undefined || hasErrors(diagnostics) ? { diagnostics } : { model, diagnostics };
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
