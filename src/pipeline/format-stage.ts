/**
 * The format stage as the pipeline drives it: each batch of emitted files (one document's, then index.ts, then the
 * custom emitters') is formatted and handed to the sink, then dropped; or, for a run held in memory, every batch is
 * formatted at once at the end. After the first error the sink gets nothing more, but the rest is still formatted,
 * to report its errors too.
 */
import { type Diagnostic, hasErrors } from "../model/diagnostics.js";
import type { OutputFile } from "../emit/emitters.js";
import { formatOutputs } from "../format/format.js";
import type { Sink } from "./sinks.js";

export interface FormatSettings {
  readonly outDir: string;
  readonly prettier: boolean;
  /** Format every batch at once in `finish`, and hand the sink one batch: for a run that keeps its files anyway. */
  readonly holdUntilFinish: boolean;
  /** Called after each formatted batch with the number of files formatted so far. */
  readonly onFormatted: (done: number) => void;
}

export class FormatStage {
  readonly diagnostics: Diagnostic[] = [];
  /** The prettier config could not be loaded, or an input changed: every later batch would fail the same way. */
  failed = false;
  private formatted = 0;
  /** The batches held until `finish`, when the settings say so. */
  private held: OutputFile[] | undefined;

  constructor(
    private readonly sink: Sink,
    private readonly settings: FormatSettings,
  ) {
    this.held = settings.holdUntilFinish ? [] : undefined;
  }

  /** Stops the run's output: `problem` says why. */
  fail(problem: Diagnostic): void {
    this.diagnostics.push(problem);
    this.failed = true;
  }

  async add(files: readonly OutputFile[]): Promise<void> {
    if (this.held !== undefined) {
      this.held.push(...files);
    } else {
      await this.formatAndHandOn(files);
    }
  }

  /** Formats what was held; a run with no output still loads the prettier config, to report a broken one. */
  async finish(): Promise<void> {
    const held = this.held ?? [];
    this.held = undefined;
    await this.formatAndHandOn(held);
    if (this.settings.prettier && this.formatted === 0 && !this.failed) {
      this.diagnostics.push(...(await formatOutputs([], this.settings.outDir)).diagnostics);
    }
  }

  private async formatAndHandOn(files: readonly OutputFile[]): Promise<void> {
    if (files.length === 0 || this.failed) {
      return;
    }
    let ready: readonly OutputFile[] = files;
    if (this.settings.prettier) {
      const formatted = await formatOutputs(files, this.settings.outDir);
      this.formatted += files.length;
      this.diagnostics.push(...formatted.diagnostics);
      this.failed = formatted.diagnostics.some((d) => d.code === "SG_PRETTIER_CONFIG");
      ready = formatted.files;
      this.settings.onFormatted(this.formatted);
    }
    if (!hasErrors(this.diagnostics)) {
      await this.sink.add(ready);
    }
  }
}
