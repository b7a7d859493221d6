/**
 * The pipeline, the one both the API and the CLI run (`runPipeline`): read -> detect -> parse -> normalize ->
 * (enrich) every input (load.ts), the cross-document checks, the custom emitters, then one document at a time emit
 * -> format -> sink, and last the shared index.ts and the custom emitters' files. Nothing is written here: the sink
 * decides what becomes of the files (sinks.ts). The CLI's sink, its write transaction or `--check` comparison,
 * keeps nothing, and such a run keeps no model either (documents.ts), so memory stays flat however many documents
 * it has. The API's `generate` is the same run held in memory (`inMemory`): a sink that collects the files, the
 * models kept for its result, and every file formatted at once at the end.
 */
import { type Diagnostic, hasErrors } from "../model/diagnostics.js";
import { Printer } from "../emit/print.js";
import type { Emitter, OutputFile } from "../emit/emitters.js";
import { type Options, type ResolvedOptions, resolveOptions } from "../model/options.js";
import type { InputDocument } from "../read/read.js";
import type { ModelDocument } from "../model/model.js";
import {
  type DocumentReport,
  emitCustom,
  emitDocument,
  indexFile,
  indexPath,
} from "../emit/document.js";
import type { Hashed } from "../write/manifest.js";
import { markGeneratedFor } from "../write/intended-folder.js";
import { checkNames } from "./cross-document-checks.js";
import { earlierEntry, earlierNames } from "./earlier-documents.js";
import { loadDocuments, type RunDocuments } from "./documents.js";
import { FormatStage } from "./format-stage.js";
import { type GuardsImports, SharedRuntime } from "./shared-runtime.js";
import { RUNTIME_FILE } from "../emit/runtime-module.js";
import { CollectingSink, type Sink } from "./sinks.js";

export { loadModel } from "./load.js";
export { normalize, parse } from "../read/read.js";
export type { InputDocument, ParsedInput } from "../read/read.js";
export type { DocumentReport } from "../emit/document.js";
export type { Sink } from "./sinks.js";
export type { GuardsImports } from "./shared-runtime.js";
export { Printer } from "../emit/print.js";

export interface GenerateRequest {
  readonly inputs: readonly (string | InputDocument)[];
  /**
   * The folder the files are for (nothing is written): their banners name each input by its path from there, as
   * the CLI's do, so the files are byte for byte what `structgen generate --out <outDir>` writes, and the prettier
   * config that applies there formats them. Without it, the banners name each input by its file name alone (the
   * bytes then depend on neither the working folder nor the machine, but differ from the CLI's), and the prettier
   * config is the working folder's.
   */
  readonly outDir?: string;
  /**
   * Custom emitters: they see every document; their files come after the built-in ones and are formatted, written
   * and checked alike.
   */
  readonly emitters?: readonly Emitter[];
  /**
   * Called as the run advances, e.g. to draw a progress line: `done` of `total` inputs read, documents emitted,
   * or (when formatting) files formatted: once at the end for a run held in memory (`generate`), after each
   * document's emit for a run that streams.
   */
  readonly onProgress?: (progress: {
    readonly stage: "read" | "emit" | "format";
    readonly done: number;
    readonly total: number;
  }) => void;
}

export interface GenerateResult {
  /** Every output file, paths relative to the output folder. Empty when any input had an error. */
  readonly files: readonly OutputFile[];
  readonly documents: readonly DocumentReport[];
  readonly models: readonly ModelDocument[];
  readonly diagnostics: readonly Diagnostic[];
  /**
   * Files read besides the inputs (JSON Structure Core `$import` targets, the source spec), by absolute path, with
   * the bytes this run used: they decide the outputs too.
   */
  readonly sources: readonly { readonly path: string; readonly bytes: Uint8Array }[];
}

/** A run of the pipeline whose files go to a sink instead of into the result. */
export interface PipelineRequest extends GenerateRequest {
  /** Takes the formatted files, one batch at a time (see `Sink`). */
  readonly sink: Sink;
  /** Once aborted, no more documents are emitted and the result is `interrupted`. */
  readonly signal?: AbortSignal;
  /**
   * Documents that earlier runs wrote into `outDir` and that stay there (the CLI reads them from the folder's
   * manifest): `input` named as this run names its inputs, `files` those still in the folder. index.ts re-exports
   * them too, and this run's names must not collide with theirs (earlier-documents.ts).
   */
  readonly earlier?: readonly DocumentReport[];
  /**
   * Hold the whole run in memory, as `generate` does: keep every model (and return them), and format every file at
   * once when the last is emitted, handing the sink one batch (prettier's fixed cost per call is then paid once per
   * run, not once per document). Without it the run streams: it keeps no model, reads each input again when its
   * turn to be emitted comes (and fails if its bytes, or a file it imports, changed meanwhile), and hands the sink
   * each document's files as they come. @default false
   */
  readonly inMemory?: boolean;
  /**
   * What the guards files already in the output folder, other than this run's, import from its shared runtime
   * module: the module the run writes holds that too (the CLI reads the folder). Asked for once, after the last
   * document is emitted (a write holds the folder's lock by then), with this run's documents' output paths.
   * @default none
   */
  readonly folderRuntime?: (files: readonly string[]) => readonly GuardsImports[];
  /**
   * The printer (ts-morph's in-memory project) to print with: a caller that runs again in the same process (watch
   * mode) keeps one, and its first-use work, across runs. @default a new one
   */
  readonly printer?: Printer;
}

export interface PipelineResult extends Omit<GenerateResult, "files"> {
  /** The models, with `inMemory`; else empty. */
  readonly models: readonly ModelDocument[];
  /** The files `$import` and the source spec read, with their bytes, with `inMemory`; else empty. */
  readonly sources: GenerateResult["sources"];
  /**
   * Every file the run read, with the SHA-256 of the bytes it used: the inputs it read itself (paths as given;
   * none with `inMemory`), then `$import` targets and the source spec (absolute paths).
   */
  readonly hashes: readonly Hashed[];
  /** Stopped by the signal before every file reached the sink: the sink must not keep what it took. */
  readonly interrupted: boolean;
}

/**
 * Runs the whole pipeline in memory and returns every output file; touches no file (inputs given as paths are
 * read). Pass the inputs alone, or a request with the output folder (for the prettier config) and custom emitters.
 */
export async function generate(
  request: GenerateRequest | readonly (string | InputDocument)[],
  options: Options = {},
): Promise<GenerateResult> {
  const collected = new CollectingSink();
  const given = "inputs" in request ? request : { inputs: request };
  const run = await runPipeline({ ...given, sink: collected, inMemory: true }, options);
  const { documents, models, diagnostics, sources } = run;
  markGeneratedFor(collected.files, given.outDir);
  return {
    files: hasErrors(diagnostics) ? [] : collected.files,
    documents,
    models,
    diagnostics,
    sources,
  };
}

/**
 * Runs the pipeline, handing the sink each document's formatted files as they come. A run with an error in any
 * input or in a custom emitter hands the sink nothing.
 */
export async function runPipeline(
  request: PipelineRequest,
  options: Options = {},
): Promise<PipelineResult> {
  const run = openRun(request, resolveOptions(options));
  const loaded = await loadDocuments(run.inputs, run); // read -> detect -> parse -> normalize -> (enrich)
  const { documents } = loaded;
  const names = [...run.earlier.flatMap((d) => earlierNames(d, run.outDir)), ...documents.names()];
  const checked = [...loaded.diagnostics, ...checkNames(names)]; // cross-document checks
  if (hasErrors(checked)) {
    return finished(loaded, { documents: [], diagnostics: checked });
  }
  const custom = await emitCustomFiles(run, documents); // they see every document, so they run first
  const diagnostics = [...checked, ...custom.diagnostics];
  if (hasErrors(custom.diagnostics)) {
    return finished(loaded, { documents: documents.reports(), diagnostics });
  }
  documents.releaseModels();
  const format = formatStage(run, documents, custom.files.length, request.sink);
  const printer = request.printer ?? new Printer();
  const ownFiles = () => documents.reports().flatMap((r) => r.files);
  const runtime = new SharedRuntime(() => run.folderRuntime(ownFiles()), run.earlier, run.outDir);
  await emitEachDocument(run, documents, printer, format, runtime); // emit -> format -> sink, one by one
  await emitSharedFiles(run, documents, printer, [custom.files, runtime], format); // index.ts, runtime.ts, custom emitters' files
  return finished(loaded, {
    documents: documents.reports(),
    diagnostics: [...diagnostics, ...format.diagnostics],
    interrupted: run.stopped(),
  });
}

function finished(
  loaded: Awaited<ReturnType<typeof loadDocuments>>,
  outcome: Pick<PipelineResult, "documents" | "diagnostics"> & { interrupted?: boolean },
): PipelineResult {
  const { sources, hashes } = loaded;
  return { models: loaded.documents.models(), sources, hashes, interrupted: false, ...outcome };
}

type Run = ReturnType<typeof openRun>;

/** The request's parts, with defaults. */
function openRun(request: PipelineRequest, resolved: ResolvedOptions) {
  const { outDir, emitters = [], onProgress, signal, inMemory = false, earlier = [] } = request;
  const { folderRuntime = () => [] } = request;
  const progress = (stage: "read" | "emit" | "format", done: number, total: number) =>
    onProgress?.({ stage, done, total });
  return {
    inputs: request.inputs.map((input): InputDocument =>
      typeof input === "string" ? { path: input } : input,
    ),
    resolved,
    outDir,
    emitters,
    earlier,
    folderRuntime,
    keepModels: inMemory,
    holdOutputs: inMemory,
    modelsBeforeEmit: emitters.length > 0,
    progress,
    onRead: (done: number, total: number) => progress("read", done, total),
    stopped: () => signal?.aborted === true,
  };
}

/** What index.ts re-exports: this run's documents and the earlier ones the folder still holds. */
function indexEntries(run: Run, documents: RunDocuments) {
  return [...documents.entries(), ...run.earlier.flatMap((d) => earlierEntry(d, run.outDir))];
}

/** The custom emitters over every document; the built-in paths are known without emitting. */
function emitCustomFiles(
  run: Run,
  documents: RunDocuments,
): Promise<{ files: OutputFile[]; diagnostics: Diagnostic[] }> {
  if (run.emitters.length === 0) {
    return Promise.resolve({ files: [], diagnostics: [] });
  }
  const taken = [
    ...[...documents.reports(), ...run.earlier].flatMap((r) => r.files),
    ...sharedPaths(run, documents),
  ];
  return emitCustom(run.emitters, documents.placed(), run.resolved, taken, run.outDir);
}

/** The files of no one document the run may write: index.ts and the shared runtime module (always structgen's). */
function sharedPaths(run: Run, documents: RunDocuments): string[] {
  const index = indexPath(indexEntries(run, documents), run.resolved);
  return [...(index === undefined ? [] : [index]), RUNTIME_FILE];
}

/** The format stage in front of the sink; it reports each batch formatted against every file the run hands on. */
function formatStage(run: Run, documents: RunDocuments, customFiles: number, sink: Sink) {
  const index = indexPath(indexEntries(run, documents), run.resolved) === undefined ? 0 : 1;
  const shared = index + (SharedRuntime.ours(run.resolved, documents.count) ? 1 : 0);
  const total = documents.reports().reduce((sum, r) => sum + r.files.length, shared + customFiles);
  return new FormatStage(sink, {
    outDir: run.outDir ?? ".",
    prettier: run.resolved.prettier,
    holdUntilFinish: run.holdOutputs,
    onFormatted: (done) => run.progress("format", done, total),
  });
}

/** Each document in turn: its model (kept, or loaded again), its built-in files, formatted, to the sink. */
async function emitEachDocument(
  run: Run,
  documents: RunDocuments,
  printer: Printer,
  format: FormatStage,
  runtime: SharedRuntime,
): Promise<void> {
  for (let i = 0; i < documents.count && !run.stopped() && !format.failed; i++) {
    const placed = await documents.model(i);
    if ("problem" in placed) {
      format.fail(placed.problem);
    } else {
      const { model, subfolder } = placed;
      const emitted = emitDocument(model, subfolder, run.resolved, printer, run.outDir);
      runtime.add(model.file, emitted.runtime);
      run.progress("emit", i + 1, documents.count);
      await format.add(emitted.files);
    }
  }
}

/** The files of no one document: index.ts and the shared runtime module, then the custom emitters'. */
async function emitSharedFiles(
  run: Run,
  documents: RunDocuments,
  printer: Printer,
  [custom, runtime]: readonly [readonly OutputFile[], SharedRuntime],
  format: FormatStage,
): Promise<void> {
  const index = indexFile(indexEntries(run, documents), run.resolved, printer);
  const shared = [index, runtime.file(printer)].flatMap((file) =>
    file === undefined ? [] : [file],
  );
  for (const files of [shared, custom]) {
    if (!run.stopped()) {
      await format.add(files);
    }
  }
  if (!run.stopped()) {
    await format.finish();
  }
}
