/**
 * The load stage: read -> detect -> parse -> normalize (read/read.ts) -> enrich, for one input (`loadModel`) and for
 * every input of a run (`loadInputs`), and `reloadModel` to load one again when a run that does not keep every
 * model comes to emit it. Nothing here emits or writes.
 */
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { enrichParsed } from "../enrich/stage.js";
import { SpecCache } from "../enrich/spec.js";
import type { Diagnostic } from "../model/diagnostics.js";
import type { ModelDocument } from "../model/model.js";
import type { ResolvedOptions } from "../model/options.js";
import { compareCodeUnits } from "../model/order.js";
import type { ImportedFile } from "../read/core/imports.js";
import { type InputDocument, normalize, parse } from "../read/read.js";
import { indexRun, RunIndex } from "../read/run-index.js";
import { type Hashed, sha256 } from "../write/manifest.js";
import { type DocumentNames, namesOf } from "./cross-document-checks.js";

/**
 * Read, detect, parse and normalize one input; with `options.sourceSpec`, enrich a flat summary from that spec
 * (read through `specs`, so that a run with many inputs reads it once). `index`: the run's documents, which
 * catalog files may reference.
 */
export async function loadModel(
  input: InputDocument,
  options: ResolvedOptions,
  specs: SpecCache = new SpecCache(),
  index: RunIndex = RunIndex.EMPTY,
): Promise<{
  model?: ModelDocument;
  diagnostics: readonly Diagnostic[];
  imports?: ReadonlyMap<string, ImportedFile>;
}> {
  // The parse tree and its locator live only in this frame: the model is all that is kept.
  const parsed = await parse(input, options); // read, detect, parse
  const normalized = normalize(parsed, options, index);
  const model =
    options.sourceSpec === undefined
      ? normalized
      : enrichParsed(parsed, normalized, options, await specs.load(options.sourceSpec));
  return parsed.imports === undefined ? model : { ...model, imports: parsed.imports };
}

/** One input without errors, as a run keeps it after loading. */
export interface LoadedDocument<T> {
  /** The input as given (bytes this run read itself are not kept). */
  readonly input: InputDocument;
  readonly subfolder: string;
  readonly names: DocumentNames;
  /** The SHA-256 of the bytes parsed, when the run read them itself (`hashInputs`). */
  readonly sha256: string | undefined;
  /** What `keep` took from the model: what the run needs of it later (with the model itself, or not). */
  readonly kept: T;
}

export interface LoadOptions {
  readonly onRead?: (done: number, total: number) => void;
  /** Read each input here and record the hash of the bytes parsed (for a manifest, or to load them again). */
  readonly hashInputs?: boolean;
  /** The run's source specs, to share them with a later `reloadModel`. */
  readonly specs?: SpecCache;
}

export interface LoadedInputs<T> {
  /** The documents without errors, in input order. */
  readonly documents: LoadedDocument<T>[];
  /** Every input's diagnostics, in input order (the source spec's own problems once). */
  readonly diagnostics: readonly Diagnostic[];
  /** Files read besides the inputs (`$import` targets, the source spec), by absolute path in code-unit order. */
  readonly sources: readonly { readonly path: string; readonly bytes: Uint8Array }[];
  /** With `hashInputs`: each input this run read, as given, with the SHA-256 of the bytes it parsed. */
  readonly inputs: readonly Hashed[];
  /** The run's documents, for references between catalog files: loading one again needs the same index. */
  readonly index: RunIndex;
}

/**
 * Loads every input (read, detect, parse, normalize, enrich), keeping of each model what `keep` returns and the
 * names the cross-document checks need. A run that keeps less than the models holds less than all of them at once.
 */
export async function loadInputs<T>(
  given: readonly InputDocument[],
  resolved: ResolvedOptions,
  keep: (model: ModelDocument, subfolder: string) => T,
  options: LoadOptions = {},
): Promise<LoadedInputs<T>> {
  // One spec for every input, read once however many inputs there are.
  const specs = options.specs ?? new SpecCache();
  // References between documents need two of them: a one-input run reads its input once.
  const index = given.length > 1 ? await indexRun(given, resolved.dialect) : RunIndex.EMPTY;
  let read = 0;
  const loaded = await mapLimited(given, LOAD_CONCURRENCY, async (input) => {
    const contents = options.hashInputs
      ? (input.contents ?? (await readFile(input.path).catch(() => undefined)))
      : input.contents;
    const { model, diagnostics, imports } = await loadModel(
      contents === undefined ? input : { ...input, contents },
      resolved,
      specs,
      index,
    );
    options.onRead?.(++read, given.length);
    const subfolder = input.outputSubfolder ?? "";
    const hash = options.hashInputs && contents !== undefined ? sha256(contents) : undefined;
    const document =
      model === undefined
        ? undefined
        : {
            input,
            subfolder,
            names: namesOf(model, subfolder, resolved.emit),
            sha256: hash,
            kept: keep(model, subfolder),
          };
    return {
      document,
      diagnostics,
      imports,
      hashed: hash === undefined ? undefined : ([input.path, hash] as const),
    };
  });
  const sources = importedSources(
    loaded.map((l) => l.imports),
    await specs.sources(),
  );
  const documents = loaded.flatMap((l) => (l.document === undefined ? [] : [l.document]));
  const all = loaded.flatMap((l) => l.diagnostics);
  return {
    documents,
    // Every input reports the spec's own problems; a run shows each once.
    diagnostics: resolved.sourceSpec === undefined ? all : uniqueDiagnostics(all),
    sources,
    inputs: loaded.flatMap((l) => (l.hashed === undefined ? [] : [l.hashed])),
    index,
  };
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
  index: RunIndex = RunIndex.EMPTY,
): Promise<{ model: ModelDocument } | { problem: Diagnostic }> {
  const { input } = document;
  // Synchronously: the run is between two documents' formatting here, when a read through the thread pool waits
  // for a core (see write/transaction.ts), and the file is small and was just read.
  const contents = input.contents ?? readIfPresent(input.path);
  const changed = {
    problem: {
      code: "SG_READ_FAILED",
      severity: "error",
      message:
        "the file, or a file it imports, changed while structgen was running; run structgen again",
      file: input.path,
      pointer: "",
    } satisfies Diagnostic,
  };
  if (
    contents === undefined ||
    (document.sha256 !== undefined && sha256(contents) !== document.sha256)
  ) {
    return changed;
  }
  const { model, imports: read } = await loadModel({ ...input, contents }, resolved, specs, index);
  const same = [...(read ?? new Map<string, ImportedFile>())].every(
    ([path, file]) => imports.get(path) === ("bytes" in file ? sha256(file.bytes) : undefined),
  );
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
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
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
