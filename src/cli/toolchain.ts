/**
 * What a run that emits needs loaded: the pipeline (and with it ts-morph and the TypeScript compiler), the printer
 * it prints with (ts-morph's in-memory project, which checks its printing on first use), and the format stage
 * (prettier, its configuration for the output folder, the fast printers and the formatted runtime helpers). One run
 * loads it on its full path only (an up-to-date run answered from the manifest loads none of it). Watch mode keeps
 * one Toolchain for the whole process and loads it right after its first run, while it waits for an edit, so that no
 * later run loads or sets up any of it again.
 */
import type { PipelineRequest, PipelineResult } from "../pipeline/generate.js";
import type { Options } from "../model/options.js";

export interface Tools {
  readonly runPipeline: (request: PipelineRequest, options: Options) => Promise<PipelineResult>;
  readonly printer: NonNullable<PipelineRequest["printer"]>;
}

export class Toolchain {
  /** How many times the tools were loaded: once for the life of the Toolchain. */
  loads = 0;
  /** How many runs used them. */
  uses = 0;
  private loaded: Promise<Tools> | undefined;

  /**
   * The tools, loaded on first call. `warm` (the output folder and whether its outputs are formatted) also sets the
   * printer and the formatter up, as a run's first file would; only worth it while waiting for a later run.
   */
  load(warm?: { readonly outDir: string; readonly format: boolean }): Promise<Tools> {
    this.loaded ??= this.loadOnce(warm);
    return this.loaded;
  }

  /** The tools for one run. */
  async forRun(): Promise<Tools> {
    const tools = await this.load();
    this.uses += 1;
    return tools;
  }

  private async loadOnce(warm: { readonly outDir: string; readonly format: boolean } | undefined) {
    this.loads += 1;
    const pipeline = await import("../pipeline/generate.js");
    const printer = new pipeline.Printer();
    if (warm !== undefined) {
      const index = {
        path: "index.ts",
        contents: printer.print("index.ts", ['export * from "./a.js";']),
      };
      if (warm.format) {
        const { formatOutputs } = await import("../format/format.js");
        // Its problems (a broken prettier configuration) are the run's to report, not the warm-up's.
        await formatOutputs([index], warm.outDir).catch(() => undefined);
      }
    }
    return { runPipeline: pipeline.runPipeline, printer };
  }
}
