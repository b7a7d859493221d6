/**
 * What goes into the output folder's shared runtime module (emit/runtime-module.ts): the helpers this run's guards
 * import, document by document as they are emitted, and, given by the caller, those that the other guards files in
 * the folder import (documents of earlier runs this run leaves in place), so that the module the run writes holds
 * what every guards file in the folder needs. Its banner names the documents whose guards import from it: this
 * run's, and the earlier ones index.ts re-exports.
 */
import { bannerSource } from "../emit/banner.js";
import type { DocumentReport } from "../emit/document.js";
import type { OutputFile } from "../emit/emitters.js";
import type { Printer } from "../emit/print.js";
import { runtimeFile } from "../emit/runtime-module.js";
import type { ResolvedOptions } from "../model/options.js";

/** A guards file in the output folder (its path there) and the helpers it imports from the runtime module. */
export interface GuardsImports {
  readonly file: string;
  readonly helpers: readonly string[];
}

export class SharedRuntime {
  private readonly inputs: string[] = [];
  private readonly helpers: string[] = [];

  /**
   * `others` is asked for only when the module is made, after the last document: a write holds the folder's lock
   * by then, so no other run can change the folder under it. `earlier`: the earlier runs' documents the folder
   * keeps (pipeline/earlier-documents.ts), inputs named as this run names its own.
   */
  constructor(
    private readonly others: () => readonly GuardsImports[],
    private readonly earlier: readonly DocumentReport[],
    private readonly outDir: string | undefined,
  ) {}

  /** Whether the run's own guards import from the module (the folder's other guards files may make it write one too). */
  static ours(options: ResolvedOptions, documents: number): boolean {
    return options.runtime === "shared" && options.emit.includes("guards") && documents > 0;
  }

  /** A document of this run (its input as the run names it) and the helpers its guards import. */
  add(input: string, helpers: readonly string[]): void {
    if (helpers.length > 0) {
      this.inputs.push(bannerSource(input, this.outDir));
      this.helpers.push(...helpers);
    }
  }

  /** The module for this run's and the folder's other guards files; undefined when none imports anything. */
  file(printer: Printer): OutputFile | undefined {
    const others = this.others().filter((o) => o.helpers.length > 0);
    const importing = new Set(others.map((o) => o.file));
    const earlier = this.earlier
      .filter((d) => d.files.some((file) => importing.has(file)))
      .map((d) => bannerSource(d.input, this.outDir));
    const helpers = [...this.helpers, ...others.flatMap((o) => o.helpers)];
    return runtimeFile(helpers, [...this.inputs, ...earlier], printer);
  }
}
