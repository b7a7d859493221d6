/**
 * The shared runtime module: one `runtime.ts` per output folder that every guards file in the folder imports its
 * runtime helpers from (`--runtime shared`, the default), instead of a copy of them in each guards file. It holds
 * the helpers the guards import, and what those use, copied from templates/ as `--runtime inline` copies them,
 * and exports the imported ones, and the result types (`Failure`, `Validation<T>`, result-types.ts) that every
 * guards file re-exports; it imports nothing. `index.ts` does not re-export it: the helpers are not part
 * of the generated API.
 */
import type { OutputFile } from "./emitters.js";
import { bannerComment } from "./banner.js";
import type { Printer } from "./print.js";
import { copyRuntime } from "./runtime-copy.js";
import { compareCodeUnits } from "../model/order.js";
import { resultTypeDeclarations } from "./result-types.js";

export const RUNTIME_FILE = "runtime.ts";

/** The module specifier a guards file in `subfolder` imports the runtime with (`.js`: nodenext and bundlers). */
export function runtimeSpecifier(subfolder: string): string {
  const depth = subfolder === "" ? 0 : subfolder.split("/").length;
  return depth === 0 ? "./runtime.js" : `${"../".repeat(depth)}runtime.js`;
}

/**
 * The runtime module exporting `helpers` (what some guards file in the folder imports); `inputs` are the
 * documents whose guards use it, as the banners name them. Undefined when no guards file imports anything.
 */
export function runtimeFile(
  helpers: Iterable<string>,
  inputs: Iterable<string>,
  printer: Printer,
): OutputFile | undefined {
  const exported = [...new Set(helpers)].sort(compareCodeUnits);
  if (exported.length === 0) {
    return undefined;
  }
  const statements = [
    bannerComment([...new Set(inputs)].sort(compareCodeUnits)),
    // Every guards file that imports from the module has validate functions, which report with these.
    resultTypeDeclarations(),
    "\n// Runtime helpers the guards in this folder share, copied from structgen's tested templates.",
    ...copyRuntime(exported),
    `export { ${exported.join(", ")} };`,
  ];
  return { path: RUNTIME_FILE, contents: printer.print(RUNTIME_FILE, statements) };
}
