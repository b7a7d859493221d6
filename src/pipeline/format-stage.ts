/**
 * The format stage as the pipeline drives it: each batch of emitted files (one document's, then index.ts, then the
 * custom emitters') is formatted and handed to the sink, then dropped. After the first error the sink gets nothing
 * more, but the rest is still formatted, to report its errors too.
 */
import { type Diagnostic, hasErrors } from "../model/diagnostics.js";
import type { OutputFile } from "../emit/emitters.js";
import { formatOutputs } from "../format/format.js";
import type { Sink } from "./sinks.js";

export class FormatStage {
  readonly diagnostics: Diagnostic[] = [];
  /** The prettier config could not be loaded, or an input changed: every later batch would fail the same way. */
  failed = false;
  private formatted = 0;

  constructor(
    private readonly sink: Sink,
    private readonly outDir: string,
    private readonly prettier: boolean,
    /** Called after each formatted batch with the files formatted so far. */
    private readonly onFormatted: (done: number) => void,
  ) {}

  /** Stops the run's output: `problem` says why. */
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
      this.formatted += files.length;
      this.diagnostics.push(...formatted.diagnostics);
      this.failed = formatted.diagnostics.some((d) => d.code === "SG_PRETTIER_CONFIG");
      ready = formatted.files;
      this.onFormatted(this.formatted);
    }
    if (!hasErrors(this.diagnostics)) {
      await this.sink.add(ready);
    }
  }

  /** A run with no output still loads the prettier config, so that a broken one is reported all the same. */
  async finish(): Promise<void> {
    if (this.prettier && this.formatted === 0 && !this.failed) {
      this.diagnostics.push(...(await formatOutputs([], this.outDir)).diagnostics);
    }
  }
}
