/**
 * The pipeline, top to bottom: read -> detect -> parse -> normalize -> (cross-document checks) -> emit types,
 * guards, schema, then custom emitters -> format. No file is written here; writing and checking are separate
 * steps (write/write.ts). `generate` keeps every output in memory and returns them; the CLI runs the same stages
 * one document at a time through stream.ts, writing each document's files as they come.
 */
import type { Diagnostic } from "../model/diagnostics.js";
import { hasErrors } from "../model/diagnostics.js";
import { Printer } from "../emit/print.js";
import type { Emitter } from "../emit/emitters.js";
import type { OutputFile } from "../emit/emitters.js";
import { formatOutputs } from "../format/format.js";
import { loadRun } from "./load.js";
import type { InputDocument } from "../read/read.js";
import type { ModelDocument } from "../model/model.js";
import { type Options, resolveOptions } from "../model/options.js";
import {
  type DocumentReport,
  documentReport,
  emitCustom,
  emitDocument,
  indexEntry,
  indexFile,
  type Placed,
} from "../emit/document.js";

export { loadModel } from "./load.js";
export { normalize, parse } from "../read/read.js";
export type { InputDocument, ParsedInput } from "../read/read.js";
export type { DocumentReport } from "../emit/document.js";

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

/** The request's parts, with defaults: the one place both pipelines read a request. */
export function readRequest(request: GenerateRequest | readonly (string | InputDocument)[]) {
  const {
    inputs,
    outDir = ".",
    emitters = [],
    onProgress,
  } = "inputs" in request ? request : { inputs: request };
  return {
    inputs: inputs.map((input): InputDocument =>
      typeof input === "string" ? { path: input } : input,
    ),
    outDir,
    emitters,
    onProgress,
  };
}

/**
 * Runs the whole pipeline in memory and returns every output file; touches no file (inputs given as paths are
 * read). Pass the inputs alone, or a request with the output folder (for the prettier config) and custom emitters.
 */
export async function generate(
  request: GenerateRequest | readonly (string | InputDocument)[],
  options: Options = {},
): Promise<GenerateResult> {
  const { inputs, outDir, emitters, onProgress } = readRequest(request);
  const resolved = resolveOptions(options);
  const {
    documents: loaded,
    diagnostics,
    sources,
  } = await loadRun(inputs, resolved, (model, subfolder): Placed => ({ model, subfolder }), {
    onRead: (done, total) => onProgress?.({ stage: "read", done, total }),
  });
  const placed = loaded.map((d) => d.kept);
  const models = placed.map((p) => p.model);
  if (hasErrors(diagnostics)) {
    return { files: [], documents: [], models, diagnostics, sources };
  }
  const printer = new Printer();
  const emitted = placed.map((p, index) => {
    const files = emitDocument(p.model, p.subfolder, resolved, printer, outDir);
    onProgress?.({ stage: "emit", done: index + 1, total: placed.length });
    return files;
  });
  const builtIn = [
    ...emitted.flat(),
    indexFile(
      placed.map((p) => indexEntry(p, outDir)),
      resolved,
      printer,
    ),
  ].filter((file): file is OutputFile => file !== undefined);
  const custom = await emitCustom(
    emitters,
    placed,
    resolved,
    builtIn.map((f) => f.path),
    outDir,
  );
  const files = [...builtIn, ...custom.files];
  const documents = placed.map((p) => documentReport(p.model, p.subfolder, resolved));
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
