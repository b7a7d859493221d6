/**
 * Stage 6, format: prettier, with the user's prettier config for the output folder when there is one.
 * A config that cannot be loaded is a diagnostic, not a crash.
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
    const message = `cannot load the prettier configuration for ${outDir}: ${(error as Error).message.split("\n")[0]}`;
    return { files: [], diagnostics: [{ code: "SG_PRETTIER_CONFIG", severity: "error", message, file: outDir, pointer: "" }] };
  }
  const formatted = await Promise.all(
    files.map(async (file) => {
      const parser = file.path.endsWith(".json") ? "json" : "typescript";
      const contents = await prettier.format(file.contents, { ...config, parser });
      return { path: file.path, contents };
    }),
  );
  return { files: formatted, diagnostics: [] };
}
