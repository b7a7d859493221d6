/** `structgen validate <document> <data...>`: every failure with its JSON pointer; exit 1 when any file is invalid. */
import { hasErrors } from "../model/diagnostics.js";
import { inputsThatNamedNothing, resolveInputs } from "../pipeline/inputs.js";
import type { Options } from "../model/options.js";
import { validateData } from "../pipeline/validate.js";
import type { Reporter } from "./report.js";

/** `patterns` are relative to `cwd`. */
export async function runValidate(
  document: string,
  patterns: readonly string[],
  options: Options,
  reporter: Reporter,
  cwd: string,
): Promise<number> {
  const started = performance.now();
  const expanded = await resolveInputs(patterns, { cwd });
  const unmatched = inputsThatNamedNothing(expanded);
  const result = await validateData(document, expanded.inputs, options);
  // A failure at the root has the empty pointer; say so rather than print nothing.
  const diagnostics = [...unmatched, ...result.diagnostics].map((d) =>
    d.code === "SG_INVALID_DATA" && d.pointer === ""
      ? { ...d, message: `${d.message} (at the root)` }
      : d,
  );
  reporter.diagnostics(diagnostics);
  const invalid = result.results.filter((r) => !r.ok).length + unmatched.length;
  const ok = result.root !== undefined && invalid === 0 && !hasErrors(diagnostics);
  const ms = Math.round(performance.now() - started);
  const summary =
    result.root === undefined
      ? `structgen: cannot validate against ${document}; fix the document first`
      : `structgen: ${result.results.length - result.results.filter((r) => !r.ok).length} of ${result.results.length} data files valid against ${result.root} from ${document} (${ms} ms)`;
  reporter.finish(
    {
      ok,
      document: result.document,
      root: result.root ?? null,
      results: result.results,
      diagnostics,
    },
    summary,
    !ok,
  );
  return ok ? 0 : 1;
}
