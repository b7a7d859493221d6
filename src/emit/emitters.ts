/**
 * Emitters as a public, stable surface for other generators: the three built-in emitters as functions of one
 * model document, and custom emitters, functions from the whole model to files, whose files the pipeline
 * formats, and the writer writes and checks, exactly like the built-in ones.
 */
import type { Diagnostic } from "../model/diagnostics.js";
import {
  BANNER_PREFIX,
  bannerComment,
  bannerSource,
  bannerText,
  documentInputs,
  forBanner,
} from "./banner.js";
import { guardStatements } from "./guards.js";
import { Printer } from "./print.js";
import { emitSchema } from "./schema.js";
import { typeStatements } from "./types.js";
import type { ModelDocument } from "../model/model.js";
import { type Options, type ResolvedOptions, resolveOptions } from "../model/options.js";

/** One generated file. */
export interface OutputFile {
  /** Path relative to the output folder, with forward slashes. */
  readonly path: string;
  readonly contents: string;
}

/** What a custom emitter gets besides the model. */
export interface EmitterContext {
  /** The run's options, with defaults filled in. */
  readonly options: ResolvedOptions;
  /**
   * The output subfolder of a document, with forward slashes ("" for the output folder itself). Per-document
   * files placed there sit beside the document's built-in outputs when input folders are mirrored.
   */
  readonly outputSubfolder: (document: ModelDocument) => string;
  /**
   * The banner naming the inputs (all of them when `documents` is omitted). structgen only overwrites files that
   * carry it near their top; it is added as a comment for known file types when a file does not have it.
   */
  readonly banner: (documents?: readonly ModelDocument[]) => string;
}

/**
 * A custom emitter: from every normalized document of a run to extra output files, with paths relative to the
 * output folder (forward slashes). It may be async. It runs only when every input is free of errors; a throw, a
 * malformed result or a path that another output already uses is an `SG_EMITTER_FAILED` error, and then nothing
 * is written.
 *
 * @example
 * const docs: Emitter = {
 *   name: "markdown-docs",
 *   emit: (documents) => documents.map((d) => ({ path: `${d.baseName}.md`, contents: `# ${d.root}\n` })),
 * };
 */
export interface Emitter {
  /** Shown in diagnostics. */
  readonly name: string;
  readonly emit: (
    documents: readonly ModelDocument[],
    context: EmitterContext,
  ) => readonly OutputFile[] | Promise<readonly OutputFile[]>;
}

// The stage emitters write what generate() writes without an `outDir`: banners name the input by its file name.

/** The TypeScript types of one document (interfaces, literal unions), with banner, unformatted. */
export function emitTypes(document: ModelDocument): string {
  return new Printer().print(`${document.baseName}.types.ts`, [
    bannerComment(documentInputs(forBanner(document, undefined))),
    ...typeStatements(document),
  ]);
}

/**
 * The dependency-free guards (`isX`, `assertX`, `validateX`) of one document, unformatted and self-contained: the
 * runtime helpers they use are copied in (as `--runtime inline` writes them). They import the types file by base
 * name.
 */
export function emitGuards(document: ModelDocument, options: Options = {}): string {
  return new Printer().print(
    `${document.baseName}.guards.ts`,
    guardStatements(forBanner(document, undefined), resolveOptions(options)),
  );
}

/** The JSON Schema 2020-12 of one document, as a plain object (banner in `$comment`). */
export function emitJsonSchema(
  document: ModelDocument,
  options: Options = {},
): Record<string, unknown> {
  return { ...emitSchema(forBanner(document, undefined), resolveOptions(options)) };
}

/** How far into a file the writer looks for the banner before it calls the file hand-written (see write/write.ts). */
const BANNER_WINDOW = 500;

const COMMENT_STYLES: readonly {
  readonly extensions: readonly string[];
  readonly wrap: (text: string) => string;
}[] = [
  {
    extensions: [
      "ts",
      "tsx",
      "mts",
      "cts",
      "js",
      "jsx",
      "mjs",
      "cjs",
      "go",
      "rs",
      "java",
      "kt",
      "swift",
      "cs",
      "dart",
      "c",
      "h",
      "cpp",
      "graphql",
      "proto",
    ],
    wrap: (text) => `// ${text}`,
  },
  { extensions: ["py", "rb", "sh", "yaml", "yml", "toml", "r", "pl"], wrap: (text) => `# ${text}` },
  {
    extensions: ["md", "mdx", "html", "htm", "xml", "svg", "vue"],
    wrap: (text) => `<!-- ${text.replace(/--/g, "- -")} -->`,
  },
  { extensions: ["css", "scss", "less"], wrap: (text) => `/* ${text.replace(/\*\//g, "* /")} */` },
  { extensions: ["sql", "lua", "hs"], wrap: (text) => `-- ${text}` },
];

interface RunContext extends EmitterContext {
  readonly documents: readonly ModelDocument[];
}

/** Runs custom emitters after the built-in ones; `taken` holds the built-in output paths. */
export async function runEmitters(
  emitters: readonly Emitter[],
  context: RunContext,
  taken: readonly string[],
): Promise<{ files: OutputFile[]; diagnostics: Diagnostic[] }> {
  const files: OutputFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const owners = new Map(taken.map((path) => [path.toLowerCase(), "structgen"]));
  for (const [index, emitter] of emitters.entries()) {
    const name =
      typeof emitter?.name === "string" && emitter.name !== "" ? emitter.name : `#${index + 1}`;
    const fail = (message: string): void => {
      diagnostics.push({
        code: "SG_EMITTER_FAILED",
        severity: "error",
        message: `emitter ${name}: ${message}`,
        file: `<emitter ${name}>`,
        pointer: "",
      });
    };
    if (typeof emitter?.emit !== "function") {
      fail("an emitter is an object with a name and an emit(documents, context) function");
      continue;
    }
    let result: unknown;
    try {
      result = await emitter.emit(context.documents, context);
    } catch (error) {
      fail(`threw ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    if (!Array.isArray(result)) {
      fail("emit() must return an array of { path, contents } (or a promise of one)");
      continue;
    }
    for (const file of result as unknown[]) {
      const checked = checkFile(file, context);
      if ("problem" in checked) {
        fail(checked.problem);
        continue;
      }
      const owner = owners.get(checked.file.path.toLowerCase());
      if (owner !== undefined) {
        fail(
          `${checked.file.path} is also an output of ${owner === name ? "this emitter" : owner}`,
        );
        continue;
      }
      owners.set(checked.file.path.toLowerCase(), name);
      files.push(checked.file);
    }
  }
  return { files, diagnostics };
}

function checkFile(file: unknown, context: RunContext): { file: OutputFile } | { problem: string } {
  const { path, contents } = (typeof file === "object" && file !== null ? file : {}) as Record<
    string,
    unknown
  >;
  if (typeof path !== "string" || path === "" || typeof contents !== "string") {
    return { problem: "every file must be { path: string, contents: string }" };
  }
  if (contents.slice(0, BANNER_WINDOW).includes(BANNER_PREFIX)) {
    return { file: { path, contents } };
  }
  const extension = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase() ?? "";
  const style = COMMENT_STYLES.find((s) => s.extensions.includes(extension));
  if (style === undefined) {
    const kind = extension === "" ? "a file without an extension" : `a .${extension} file`;
    return {
      problem: `${path} lacks the structgen banner and structgen does not know how to comment ${kind}; put context.banner() in its first lines`,
    };
  }
  const banner = style.wrap(context.banner().replace(/[\r\n\u2028\u2029]/g, " "));
  const rest = contents.startsWith("#!") ? contents.indexOf("\n") + 1 : 0;
  const shebang = rest > 0 ? contents.slice(0, rest) : "";
  return { file: { path, contents: `${shebang}${banner}\n${contents.slice(rest)}` } };
}

/** The banner helper handed to emitters: names the given documents' inputs, or all of the run's. */
export function bannerFor(
  all: readonly ModelDocument[],
  outDir: string | undefined,
): (documents?: readonly ModelDocument[]) => string {
  return (documents) => bannerText((documents ?? all).map((d) => bannerSource(d.file, outDir)));
}
