/**
 * The pipeline as the CLI runs it: the stages of `generate` (pipeline.ts), but each document's outputs are
 * emitted, formatted and handed to a sink one document at a time, then dropped, and each normalized document is
 * let go once emitted. Memory then holds the documents not yet emitted, never the run's outputs. Every input is
 * still read, normalized and checked against the others before the first output is emitted, and the custom
 * emitters run before it too: a run with an error in any input, or in an emitter, hands the sink nothing.
 */
import { type Diagnostic, hasErrors } from "./diagnostics.js";
import { Printer } from "./emit/print.js";
import { formatOutputs, type OutputFile } from "./format.js";
import { type InputDocument, loadRun, type Placed } from "./load.js";
import { type Options, type ResolvedOptions, resolveOptions } from "./options.js";
import { type DocumentReport, documentReport, emitCustom, emitDocument, indexEntry, indexFile, indexPath } from "./outputs.js";
import { type GenerateRequest, readRequest } from "./pipeline.js";
import { type Hashed, sha256 } from "./write/manifest.js";

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

/** Runs the pipeline, handing the sink one document's outputs at a time; keeps no output. */
export async function generateStream(request: StreamRequest, options: Options = {}): Promise<StreamResult> {
  const { inputs, outDir, emitters, onProgress } = readRequest(request);
  const resolved = resolveOptions(options);
  const { placed, diagnostics, sources } = await load(inputs, resolved, onProgress);
  if (hasErrors(diagnostics)) {
    return { documents: [], diagnostics, sources, interrupted: false };
  }
  const documents = placed.map((p) => documentReport(p.model, p.subfolder, resolved));
  const index = indexPath(placed.length, resolved);
  const entries = placed.map(indexEntry);
  // Custom emitters see every document, so they run first; the built-in paths are known without emitting.
  const taken = [...documents.flatMap((d) => d.files), ...(index === undefined ? [] : [index])];
  const custom = await emitCustom(emitters, placed, resolved, taken);
  if (hasErrors(custom.diagnostics)) {
    return { documents, diagnostics: [...diagnostics, ...custom.diagnostics], sources, interrupted: false };
  }
  const formatter = new Formatter(request.sink, outDir, resolved.prettier);
  const printer = new Printer();
  const stopped = () => request.signal?.aborted === true;
  const total = placed.length;
  for (let i = 0; i < total && !stopped(); i++) {
    const { model, subfolder } = placed[i] as Placed;
    // Let the model go once emitted: from here on only this loop holds it.
    (placed as (Placed | undefined)[])[i] = undefined;
    await formatter.add(emitDocument(model, subfolder, resolved, printer));
    onProgress?.({ stage: "emit", done: i + 1, total });
  }
  const shared = indexFile(entries, resolved, printer);
  for (const files of [shared === undefined ? [] : [shared], custom.files]) {
    if (!stopped()) {
      await formatter.add(files);
    }
  }
  if (!stopped()) {
    await formatter.finish();
  }
  return { documents, diagnostics: [...diagnostics, ...formatter.diagnostics], sources, interrupted: stopped() };
}

/** loadRun, reading and hashing the inputs itself; the bytes of imported files are hashed here and not kept. */
async function load(
  inputs: readonly InputDocument[],
  resolved: ResolvedOptions,
  onProgress: GenerateRequest["onProgress"],
): Promise<{ placed: Placed[]; diagnostics: readonly Diagnostic[]; sources: Hashed[] }> {
  const run = await loadRun(inputs, resolved, (done, total) => onProgress?.({ stage: "read", done, total }), true);
  const sources = [...run.inputs, ...run.sources.map((s): Hashed => [s.path, sha256(s.bytes)])];
  return { placed: run.placed, diagnostics: run.diagnostics, sources };
}

/** Formats each batch of outputs and hands it on; after an error, formats the rest only to report their errors too. */
class Formatter {
  readonly diagnostics: Diagnostic[] = [];
  private formatted = false;
  /** The prettier config could not be loaded: every later batch would fail the same way. */
  private configFailed = false;

  constructor(
    private readonly sink: StreamRequest["sink"],
    private readonly outDir: string,
    private readonly prettier: boolean,
  ) {}

  async add(files: readonly OutputFile[]): Promise<void> {
    if (files.length === 0 || this.configFailed) {
      return;
    }
    let ready: readonly OutputFile[] = files;
    if (this.prettier) {
      const formatted = await formatOutputs(files, this.outDir);
      this.formatted = true;
      this.diagnostics.push(...formatted.diagnostics);
      this.configFailed = formatted.diagnostics.some((d) => d.code === "SG_PRETTIER_CONFIG");
      ready = formatted.files;
    }
    if (!hasErrors(this.diagnostics)) {
      await this.sink(ready);
    }
  }

  /** A run with no output still loads the prettier config, as one that formats everything at once does. */
  async finish(): Promise<void> {
    if (this.prettier && !this.formatted) {
      this.diagnostics.push(...(await formatOutputs([], this.outDir)).diagnostics);
    }
  }
}
