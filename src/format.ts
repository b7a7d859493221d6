/**
 * Stage 6, format: prettier, with the user's prettier config for the output folder when there is one.
 * A config that cannot be loaded, or a file prettier cannot format (a missing plugin), is a diagnostic, not a crash.
 */
import { join } from "node:path";
import type { Diagnostic } from "./diagnostics.js";

export interface OutputFile {
  /** Path relative to the output folder, with forward slashes. */
  readonly path: string;
  readonly contents: string;
}

export async function formatOutputs(
  files: readonly OutputFile[],
  outDir: string,
): Promise<{ files: OutputFile[]; diagnostics: Diagnostic[] }> {
  const prettier = await import("prettier");
  let config: Record<string, unknown> | null;
  try {
    config = await prettier.resolveConfig(join(outDir, "index.ts"), { editorconfig: true });
  } catch (error) {
    const message = `cannot load the prettier configuration for ${outDir}: ${(error as Error).message.split("\n")[0]}; fix it, or skip formatting with --no-format`;
    return { files: [], diagnostics: [{ code: "SG_PRETTIER_CONFIG", severity: "error", message, file: outDir, pointer: "" }] };
  }
  // One file at a time: formatting everything at once keeps every syntax tree alive together, and memory
  // then grows with the size of the run (prettier's work is CPU-bound, so nothing is lost by waiting).
  const formatted: Awaited<ReturnType<typeof formatOne>>[] = [];
  for (const file of files) {
    formatted.push(await formatOne(prettier, file, config, outDir));
  }
  const diagnostics = formatted.flatMap((f) => ("diagnostic" in f ? [f.diagnostic] : []));
  if (diagnostics.length > 0) {
    return { files: [], diagnostics };
  }
  return { files: formatted.flatMap((f) => ("file" in f ? [f.file] : [])), diagnostics: [] };
}

type Prettier = typeof import("prettier");

/** The parser by extension for structgen's own outputs; prettier infers it for custom emitters' files (or leaves them as they are). */
async function formatOne(
  prettier: Prettier,
  file: OutputFile,
  config: Record<string, unknown> | null,
  outDir: string,
): Promise<{ file: OutputFile } | { diagnostic: Diagnostic }> {
  try {
    // babel-ts rather than typescript for .ts: the same output for the TypeScript structgen emits (the golden
    // tests hold it to that), in about 60 % of the time. JSX (a custom emitter's .tsx) keeps prettier's default.
    const parser = /\.json$/.test(file.path)
      ? "json"
      : /\.[mc]?ts$/.test(file.path)
        ? "babel-ts"
        : /\.tsx$/.test(file.path)
          ? "typescript"
        : (await prettier.getFileInfo(join(outDir, file.path), { plugins: (config?.["plugins"] as string[] | undefined) ?? [] })).inferredParser;
    if (parser === null) {
      return { file };
    }
    // A construct babel does not parse (in a custom emitter's file) gets prettier's TypeScript parser.
    const contents = await prettier
      .format(file.contents, { ...config, parser })
      .catch((error: unknown) => (parser === "babel-ts" ? prettier.format(file.contents, { ...config, parser: "typescript" }) : Promise.reject(error)));
    return { file: { path: file.path, contents } };
  } catch (error) {
    const message = `prettier could not format ${file.path}: ${(error as Error).message.split("\n")[0]}; fix the prettier configuration, or skip formatting with --no-format`;
    return { diagnostic: { code: "SG_FORMAT_FAILED", severity: "error", message, file: join(outDir, file.path), pointer: "" } };
  }
}
