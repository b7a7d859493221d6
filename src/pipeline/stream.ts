/**
 * The pipeline as the CLI runs it: the stages of `generate` (pipeline.ts), with each document's outputs emitted,
 * formatted and handed to a sink one document at a time, then dropped. Every input is still read, normalized and
 * checked against the others first, and the custom emitters run before the first output too: a run with an error
 * in any input, or in an emitter, hands the sink nothing. Between the check and the emit, the run keeps of each
 * document only its names, report and hash, not its model: each document is loaded again when its turn comes (and
 * must hash as it did). So memory holds neither the run's outputs nor its models, whatever the number of documents.
 */
import { type Diagnostic, hasErrors } from "../model/diagnostics.js";
import { Printer } from "../emit/print.js";
import { SpecCache } from "../enrich/spec.js";
import type { OutputFile } from "../emit/emitters.js";
import { formatOutputs } from "../format/format.js";
import { loadRun, reloadModel } from "./load.js";
import type { InputDocument } from "../read/read.js";
import type { Emitter } from "../emit/emitters.js";
import { type Options, type ResolvedOptions, resolveOptions } from "../model/options.js";
import {
  type DocumentReport,
  documentReport,
  emitCustom,
  emitDocument,
  type IndexEntry,
  indexEntry,
  indexFile,
  indexPath,
} from "../emit/document.js";
import { type GenerateRequest, readRequest } from "./generate.js";
import { type Hashed, sha256 } from "../write/manifest.js";

export interface StreamRequest extends GenerateRequest {
  /**
   * Takes each document's formatted files, then index.ts, then the custom emitters' files. It should not keep
   * them. After the first error (a file prettier cannot format) it gets nothing more.
   */
  readonly sink: (files: readonly OutputFile[]) => Promise<void>;
  /** Once aborted, no more documents are emitted and the result is `interrupted`. */
  readonly signal?: AbortSignal;
}

export interface StreamResult {
  readonly documents: readonly DocumentReport[];
  readonly diagnostics: readonly Diagnostic[];
  /**
   * Every file the run read, with the SHA-256 of the bytes it used: the inputs (paths as given), then `$import`
   * targets and the source spec (absolute paths). The CLI's manifest records them.
   */
  readonly sources: readonly Hashed[];
  /** Stopped by the signal before every output reached the sink: nothing must be written. */
  readonly interrupted: boolean;
}

/** What the run keeps of a document between the checks and its turn to be emitted. */
interface Pending {
  /** The input, to load it again, and the hash its bytes must still have. */
  readonly input: InputDocument;
  readonly sha256: string | undefined;
  readonly subfolder: string;
  readonly report: DocumentReport;
  readonly entry: IndexEntry;
}

/** Runs the pipeline, handing the sink one document's outputs at a time; keeps no output and no model. */
export async function generateStream(
  request: StreamRequest,
  options: Options = {},
): Promise<StreamResult> {
  const { inputs, outDir, emitters, onProgress } = readRequest(request);
  const resolved = resolveOptions(options);
  const specs = new SpecCache();
  const run = await checkRun(inputs, emitters, resolved, specs, onProgress, outDir);
  const { documents, sources } = run;
  if (run.failed) {
    return { documents: run.reports, diagnostics: run.diagnostics, sources, interrupted: false };
  }
  const formatter = new Formatter(request.sink, outDir, resolved.prettier);
  const printer = new Printer();
  const imports = new Map(sources.slice(run.inputCount));
  const stopped = () => request.signal?.aborted === true;
  for (let i = 0; i < documents.length && !stopped() && !formatter.failed; i++) {
    const document = documents[i] as Pending;
    const loaded = await reloadModel(document, resolved, specs, imports, run.index);
    if ("problem" in loaded) {
      formatter.fail(loaded.problem);
    } else {
      await formatter.add(
        emitDocument(loaded.model, document.subfolder, resolved, printer, outDir),
      );
    }
    onProgress?.({ stage: "emit", done: i + 1, total: documents.length });
  }
  const shared = indexFile(
    documents.map((d) => d.entry),
    resolved,
    printer,
  );
  for (const files of [shared === undefined ? [] : [shared], run.custom]) {
    if (!stopped()) {
      await formatter.add(files);
    }
  }
  if (!stopped()) {
    await formatter.finish();
  }
  return {
    documents: run.reports,
    diagnostics: [...run.diagnostics, ...formatter.diagnostics],
    sources,
    interrupted: stopped(),
  };
}

/**
 * Every input read, normalized and checked, then the custom emitters run: the only time models are kept (and
 * only when there are custom emitters, which see every document at once). Returns no model.
 */
async function checkRun(
  inputs: readonly InputDocument[],
  emitters: readonly Emitter[],
  resolved: ResolvedOptions,
  specs: SpecCache,
  onProgress: GenerateRequest["onProgress"],
  outDir: string,
) {
  const keepModels = emitters.length > 0;
  const run = await loadRun(
    inputs,
    resolved,
    (model, subfolder) => ({
      report: documentReport(model, subfolder, resolved),
      entry: indexEntry({ model, subfolder }, outDir),
      model: keepModels ? model : undefined,
    }),
    {
      onRead: (done, total) => onProgress?.({ stage: "read", done, total }),
      hashInputs: true,
      specs,
    },
  );
  const sources = [...run.inputs, ...run.sources.map((s): Hashed => [s.path, sha256(s.bytes)])];
  const documents = run.documents.map(({ input, sha256: hash, subfolder, kept }): Pending => ({
    input,
    sha256: hash,
    subfolder,
    report: kept.report,
    entry: kept.entry,
  }));
  const common = { documents, sources, inputCount: run.inputs.length, index: run.index };
  if (hasErrors(run.diagnostics)) {
    return { ...common, failed: true, reports: [], diagnostics: run.diagnostics, custom: [] };
  }
  const reports = documents.map((d) => d.report);
  // Custom emitters see every document, so they run first; the built-in paths are known without emitting.
  const index = indexPath(documents.length, resolved);
  const taken = [...reports.flatMap((r) => r.files), ...(index === undefined ? [] : [index])];
  const placed = run.documents.flatMap((d) =>
    d.kept.model === undefined ? [] : [{ model: d.kept.model, subfolder: d.subfolder }],
  );
  const custom = keepModels
    ? await emitCustom(emitters, placed, resolved, taken, outDir)
    : { files: [], diagnostics: [] };
  const diagnostics = [...run.diagnostics, ...custom.diagnostics];
  return {
    ...common,
    failed: hasErrors(custom.diagnostics),
    reports,
    diagnostics,
    custom: custom.files,
  };
}

/** Formats each batch of outputs and hands it on; after an error, formats the rest only to report their errors too. */
class Formatter {
  readonly diagnostics: Diagnostic[] = [];
  private formatted = false;
  /** The prettier config could not be loaded, or an input changed: every later batch would fail the same way. */
  failed = false;

  constructor(
    private readonly sink: StreamRequest["sink"],
    private readonly outDir: string,
    private readonly prettier: boolean,
  ) {}

  fail(problem: Diagnostic): void {
    this.diagnostics.push(problem);
    this.failed = true;
  }

  async add(files: readonly OutputFile[]): Promise<void> {
    if (files.length === 0 || this.failed) {
      return;
    }
    let ready: readonly OutputFile[] = files;
    if (this.prettier) {
      const formatted = await formatOutputs(files, this.outDir);
      this.formatted = true;
      this.diagnostics.push(...formatted.diagnostics);
      this.failed = formatted.diagnostics.some((d) => d.code === "SG_PRETTIER_CONFIG");
      ready = formatted.files;
    }
    if (!hasErrors(this.diagnostics)) {
      await this.sink(ready);
    }
  }

  /** A run with no output still loads the prettier config, as one that formats everything at once does. */
  async finish(): Promise<void> {
    if (this.prettier && !this.formatted && !this.failed) {
      this.diagnostics.push(...(await formatOutputs([], this.outDir)).diagnostics);
    }
  }
}
