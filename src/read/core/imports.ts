/**
 * Loading `$import` / `$importdefs` targets (Imp §`$import` Keyword). The draft wants absolute URIs, but the
 * official samples import relative paths (`../02-namespace-import/person-library/schema.struct.json`), so a
 * target is a local file resolved from the importing document's folder; network URIs are refused (structgen
 * never fetches). A document that imports a document already being imported is a cycle, reported with the chain.
 * Files are read in the read stage (`preloadImports`), so normalizing stays synchronous and does no I/O.
 */
import { readFile } from "node:fs/promises";
import { dirname, posix, resolve } from "node:path";
import { DiagnosticSink } from "../../model/diagnostics.js";
import { describeJson, isObject, type JsonObject, type JsonValue, readSource } from "../source.js";
import type { PatternCheck } from "../pattern-safety.js";
import type { Source } from "./context.js";
import { featuresOf } from "./document.js";

/** A document ready to be collected: its JSON and its source (mount filled in by the caller). */
export interface LoadedDocument {
  readonly value: JsonObject;
  readonly file: string;
  readonly sink: DiagnosticSink;
  readonly features: Source["features"];
}

/** An imported file as the read stage found it: its bytes, or why it could not be read. */
export type ImportedFile = { readonly bytes: Uint8Array } | { readonly error: string };

/** Shared by one run: every sink created for an imported file (their diagnostics join the input's). */
export interface ImportState {
  /** Files read ahead by `preloadImports`, by absolute path. */
  readonly files: ReadonlyMap<string, ImportedFile>;
  readonly sinks: DiagnosticSink[];
  /** Absolute paths of the documents being collected, outermost first. */
  readonly stack: readonly string[];
  /** Already loaded documents by absolute path (a library imported twice is read once). */
  readonly cache: Map<string, LoadedDocument | undefined>;
  /** Whether the run checks patterns for catastrophic backtracking, in every document it reads. */
  readonly patterns: PatternCheck;
}

const NETWORK_URI = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;

/** Reads the target of an import written in `from` at `at`; undefined when it cannot be used (reported). */
export function loadImport(
  target: JsonValue | undefined,
  from: Source,
  at: string,
  state: ImportState,
): { document: LoadedDocument; absolute: string } | undefined {
  if (typeof target !== "string" || target === "") {
    from.sink.error(
      "SG_WRONG_SHAPE",
      at,
      `an import target must be a file path, not ${describeJson(target)}`,
    );
    return undefined;
  }
  if (NETWORK_URI.test(target)) {
    from.sink.error(
      "SG_IMPORT_FAILED",
      at,
      `cannot import ${JSON.stringify(target)}: structgen imports local files only (a path relative to this document)`,
    );
    return undefined;
  }
  const file = posix.normalize(posix.join(posix.dirname(from.file.replace(/\\/g, "/")), target));
  const absolute = resolve(from.dir, target);
  if (state.stack.includes(absolute)) {
    const chain = [...state.stack.slice(state.stack.indexOf(absolute)), absolute].join(" -> ");
    from.sink.error("SG_IMPORT_CYCLE", at, `import cycle: ${chain}`);
    return undefined;
  }
  if (!state.cache.has(absolute)) {
    state.cache.set(absolute, readDocument(file, absolute, from, at, state));
  }
  const document = state.cache.get(absolute);
  return document === undefined ? undefined : { document, absolute };
}

function readDocument(
  file: string,
  absolute: string,
  from: Source,
  at: string,
  state: ImportState,
): LoadedDocument | undefined {
  const loaded = state.files.get(absolute) ?? { error: "not found" };
  if ("error" in loaded) {
    from.sink.error(
      "SG_IMPORT_FAILED",
      at,
      `cannot read the imported file ${file}: ${loaded.error}`,
    );
    return undefined;
  }
  const bytes = loaded.bytes;
  const sink = new DiagnosticSink(file);
  state.sinks.push(sink);
  const source = readSource(file, bytes, sink);
  if (source === undefined) {
    from.sink.error("SG_IMPORT_FAILED", at, `the imported file ${file} is not valid JSON`);
    return undefined;
  }
  if (!isObject(source.value)) {
    sink.error("SG_WRONG_SHAPE", "", "an imported JSON Structure document must be an object");
    return undefined;
  }
  return { value: source.value, file, sink, features: featuresOf(source.value, sink) };
}

/** Most files one input may pull in through imports: a guard against runaway or hostile import graphs. */
const MAX_IMPORTED_FILES = 256;

/**
 * The read stage for imports: every local file named by an `$import` or `$importdefs` anywhere in the document,
 * transitively, read ahead by absolute path. Problems are recorded, not reported: the reader reports them at the
 * import that names the file.
 */
export async function preloadImports(
  document: JsonValue,
  dir: string,
): Promise<Map<string, ImportedFile>> {
  const files = new Map<string, ImportedFile>();
  const pending: { value: JsonValue; dir: string }[] = [{ value: document, dir }];
  while (pending.length > 0 && files.size < MAX_IMPORTED_FILES) {
    const next = pending.pop();
    for (const target of next === undefined ? [] : importTargets(next.value)) {
      const absolute = resolve(next?.dir ?? dir, target);
      if (files.has(absolute)) {
        continue;
      }
      try {
        const bytes = await readFile(absolute);
        files.set(absolute, { bytes });
        pending.push({ value: parsedOrNull(bytes), dir: dirname(absolute) });
      } catch (error) {
        files.set(absolute, {
          error: (error as NodeJS.ErrnoException).code ?? (error as Error).message,
        });
      }
    }
  }
  return files;
}

function parsedOrNull(bytes: Uint8Array): JsonValue {
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as JsonValue;
  } catch {
    return null;
  }
}

/** Local import targets named anywhere in a JSON value. */
function importTargets(value: JsonValue): string[] {
  if (Array.isArray(value)) {
    return value.flatMap(importTargets);
  }
  if (!isObject(value)) {
    return [];
  }
  return Object.entries(value).flatMap(([key, child]) =>
    (key === "$import" || key === "$importdefs") &&
    typeof child === "string" &&
    child !== "" &&
    !NETWORK_URI.test(child)
      ? [child]
      : importTargets(child),
  );
}
