/**
 * What a run's guards import from the output folder's shared runtime module (emit/runtime-module.ts): each
 * document's helpers as it is emitted, and, given by the caller, those that guards files already in the folder
 * import (documents of earlier runs this run leaves in place), so that the module the run writes holds what every
 * guards file in the folder needs.
 */
import { bannerSource } from "../emit/banner.js";
import type { OutputFile } from "../emit/emitters.js";
import type { Printer } from "../emit/print.js";
import { runtimeFile } from "../emit/runtime-module.js";
import type { ResolvedOptions } from "../model/options.js";

/** A document and the helpers its guards import from the shared runtime module. */
export interface RuntimeUse {
  /** This run's documents: the input as the run named it; kept ones: as the banners name it (from the output folder). */
  readonly input: string;
  readonly helpers: readonly string[];
}

export class SharedRuntime {
  private readonly uses: RuntimeUse[] = [];

  /**
   * `kept` is asked for only when the module is made, after the last document: a write holds the folder's lock
   * by then, so no other run's manifest can change under it.
   */
  constructor(
    private readonly kept: () => readonly RuntimeUse[],
    private readonly outDir: string,
  ) {}

  /** Whether the run's own guards import from the module (kept guards files may make it write one too). */
  static ours(options: ResolvedOptions, documents: number): boolean {
    return options.runtime === "shared" && options.emit.includes("guards") && documents > 0;
  }

  add(input: string, helpers: readonly string[]): void {
    if (helpers.length > 0) {
      this.uses.push({ input, helpers });
    }
  }

  /** This run's documents that import from the module. */
  documents(): readonly RuntimeUse[] {
    return this.uses;
  }

  /** The module for this run's and the kept documents' imports; undefined when nothing imports anything. */
  file(printer: Printer): OutputFile | undefined {
    const kept = this.kept().filter((use) => use.helpers.length > 0);
    const inputs = [
      ...this.uses.map((use) => bannerSource(use.input, this.outDir)),
      ...kept.map((use) => use.input),
    ];
    const helpers = [...this.uses, ...kept].flatMap((use) => use.helpers);
    return runtimeFile(helpers, inputs, printer);
  }
}
