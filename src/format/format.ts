/**
 * Stage 6, format: prettier's output, with the user's prettier config for the output folder when there is one.
 * A config that cannot be loaded, or a file prettier cannot format (a missing plugin), is a diagnostic, not a crash.
 *
 * prettier itself was most of a run's time, so under a config the fast printers follow (fast/style.ts), the
 * TypeScript and JSON structgen emits are printed by fast/, which gives prettier's exact bytes for what it prints
 * and hands everything else to prettier, statement by statement (test/fast-format.test.ts compares them with
 * prettier on every output the tests can generate). That holds for the prettier those tests ran, so the fast
 * printers are used only when the prettier loaded here is that version (prettier-version.ts).
 */
import { join } from "node:path";
import type * as Prettier_ from "prettier";
import type { OutputFile } from "../emit/emitters.js";
import type { Diagnostic } from "../model/diagnostics.js";
import { formattedHelpers } from "../emit/template-library.js";
import { assemble, formatSources, planFast, sourcesOf } from "./fast/plan.js";
import { fastStyle } from "./fast/style.js";
import { fastFormatsFor } from "./prettier-version.js";

/** The parts of prettier the stage uses. */
export type PrettierApi = Pick<
  typeof Prettier_,
  "format" | "getFileInfo" | "resolveConfig" | "version"
>;

/**
 * `given` stands in for the prettier resolved from structgen's own location (tests give another version, or
 * count the calls).
 */
export async function formatOutputs(
  files: readonly OutputFile[],
  outDir: string,
  given: PrettierApi | undefined = undefined,
): Promise<{ files: OutputFile[]; diagnostics: Diagnostic[] }> {
  const prettier = given ?? (await import("prettier"));
  let config: Record<string, unknown> | null;
  try {
    config = await prettier.resolveConfig(join(outDir, "index.ts"), { editorconfig: true });
  } catch (error) {
    const message = `cannot load the prettier configuration for ${outDir}: ${(error as Error).message.split("\n")[0]}; fix it, or skip formatting with --no-format`;
    return {
      files: [],
      diagnostics: [
        { code: "SG_PRETTIER_CONFIG", severity: "error", message, file: outDir, pointer: "" },
      ],
    };
  }
  // The main module's `version` export: loading it (which the config resolver needed anyway) loads no parser.
  const style = fastFormatsFor(prettier.version) ? fastStyle(config) : undefined;
  // The runtime helpers as this prettier formats them at this style, when templates/library.json has them.
  const helpers = style === undefined ? undefined : formattedHelpers(style, prettier.version);
  // One file at a time: formatting everything at once keeps every syntax tree alive together, and memory
  // then grows with the size of the run (prettier's work is CPU-bound, so nothing is lost by waiting).
  const plans = files.map((file) =>
    style === undefined ? undefined : planFast(file.path, file.contents, style, helpers),
  );
  const pieces = await formatSources(plans.flatMap(sourcesOf), JSON.stringify(config), (text) =>
    prettierFormat(prettier, text, config, "babel-ts"),
  );
  const formatted: Awaited<ReturnType<typeof formatOne>>[] = [];
  for (const [index, file] of files.entries()) {
    const plan = plans[index];
    const contents = plan === undefined ? undefined : assemble(plan, pieces);
    formatted.push(
      contents === undefined
        ? await formatOne(prettier, file, config, outDir)
        : { file: { path: file.path, contents } },
    );
  }
  const diagnostics = formatted.flatMap((f) => ("diagnostic" in f ? [f.diagnostic] : []));
  if (diagnostics.length > 0) {
    return { files: [], diagnostics };
  }
  return { files: formatted.flatMap((f) => ("file" in f ? [f.file] : [])), diagnostics: [] };
}

/** The parser by extension for structgen's own outputs; prettier infers it for custom emitters' files (or leaves them as they are). */
async function formatOne(
  prettier: PrettierApi,
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
          : (
              await prettier.getFileInfo(join(outDir, file.path), {
                plugins: (config?.["plugins"] as string[] | undefined) ?? [],
              })
            ).inferredParser;
    if (parser === null) {
      return { file };
    }
    return {
      file: {
        path: file.path,
        contents: await prettierFormat(prettier, file.contents, config, parser),
      },
    };
  } catch (error) {
    const message = `prettier could not format ${file.path}: ${(error as Error).message.split("\n")[0]}; fix the prettier configuration, or skip formatting with --no-format`;
    return {
      diagnostic: {
        code: "SG_FORMAT_FAILED",
        severity: "error",
        message,
        file: join(outDir, file.path),
        pointer: "",
      },
    };
  }
}

function prettierFormat(
  prettier: PrettierApi,
  text: string,
  config: Record<string, unknown> | null,
  parser: string,
): Promise<string> {
  // A construct babel does not parse (in a custom emitter's file) gets prettier's TypeScript parser.
  return prettier
    .format(text, { ...config, parser })
    .catch((error: unknown) =>
      parser === "babel-ts"
        ? prettier.format(text, { ...config, parser: "typescript" })
        : Promise.reject(error instanceof Error ? error : new Error(String(error))),
    );
}
