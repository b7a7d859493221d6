/**
 * Stage emit, per document: the built-in outputs of one normalized document (types, guards, schema) and its
 * report, the shared `index.ts`, and the custom emitters' run. Both the in-memory pipeline (pipeline.ts) and the
 * streaming one (stream.ts) emit through these functions, so they give the same files.
 */
import type { Diagnostic } from "../model/diagnostics.js";
import { bannerComment, bannerSource, documentInputs, forBanner } from "./banner.js";
import { guardExportNames, guardFile } from "./guards.js";
import { runtimeSpecifier } from "./runtime-module.js";
import { RESULT_TYPE_NAMES, resultTypeSources } from "./result-types.js";
import type { Printer } from "./print.js";
import { emitSchema, schemaFileName } from "./schema.js";
import { stringLiteral } from "./code/literal.js";
import { typeExportNames, typeStatements } from "./types.js";
import { bannerFor, type Emitter, runEmitters } from "./emitters.js";
import type { OutputFile } from "../emit/emitters.js";
import type { ModelDocument } from "../model/model.js";
import { compareCodeUnits } from "../model/order.js";
import type { ResolvedOptions } from "../model/options.js";

/** A normalized document and the output subfolder its files go to. */
export interface Placed {
  readonly model: ModelDocument;
  readonly subfolder: string;
}

export interface DocumentReport {
  readonly input: string;
  /** Which reading the document got: a flat summary, JSON Structure Core, or the catalog reading. */
  readonly dialect: ModelDocument["dialect"];
  readonly files: readonly string[];
  readonly exports: readonly string[];
}

/** What index.ts needs of a document: where its files are, the input it came from, and what they declare. */
export interface IndexEntry {
  readonly baseName: string;
  readonly subfolder: string;
  readonly file: string;
  /** The result type names (result-types.ts) its types file declares as its own types. */
  readonly resultTypeNames: readonly string[];
  /** Whether its guards file has guards (and so exports the result types). */
  readonly guarded: boolean;
  /** Its files to re-export: when absent, those this run emits; an earlier run's document has its own. */
  readonly kinds?: readonly ("types" | "guards")[];
}

type Kind = "types" | "guards" | "schema";

/** The built-in output paths of one document, in emission order (types, guards, schema). */
function outputPaths(
  doc: ModelDocument,
  subfolder: string,
  options: ResolvedOptions,
): { kind: Kind; path: string }[] {
  const prefix = subfolder === "" ? "" : `${subfolder}/`;
  const paths: { kind: Kind; path: string }[] = [
    { kind: "types", path: `${prefix}${doc.baseName}.types.ts` },
    { kind: "guards", path: `${prefix}${doc.baseName}.guards.ts` },
    { kind: "schema", path: `${prefix}${schemaFileName(doc)}` },
  ];
  return paths.filter((p) => options.emit.includes(p.kind));
}

/** A document's report (its output paths and exported names), known before anything is emitted. */
export function documentReport(
  doc: ModelDocument,
  subfolder: string,
  options: ResolvedOptions,
): DocumentReport {
  const exports = [
    ...(options.emit.includes("types") ? typeExportNames(doc) : []),
    ...(options.emit.includes("guards") ? guardExportNames(doc) : []),
  ];
  return {
    input: doc.file,
    dialect: doc.dialect,
    files: outputPaths(doc, subfolder, options).map((p) => p.path),
    exports,
  };
}

export interface EmittedDocument {
  readonly files: OutputFile[];
  /** The helpers its guards import from the shared runtime module (none with `--runtime inline`). */
  readonly runtime: readonly string[];
}

/** The built-in outputs of one document, unformatted, for the output folder `outDir` (which their banners name the input from; see bannerSource). */
export function emitDocument(
  model: ModelDocument,
  subfolder: string,
  options: ResolvedOptions,
  printer: Printer,
  outDir: string | undefined,
): EmittedDocument {
  const doc = forBanner(model, outDir);
  let runtime: readonly string[] = [];
  const files = outputPaths(doc, subfolder, options).map(({ kind, path }): OutputFile => {
    switch (kind) {
      case "types":
        return {
          path,
          contents: printer.print(path, [
            bannerComment(documentInputs(doc)),
            ...typeStatements(doc),
          ]),
        };
      case "guards": {
        const shared = options.runtime === "shared" ? runtimeSpecifier(subfolder) : undefined;
        const guards = guardFile(doc, options, shared);
        runtime = guards.imports;
        return { path, contents: printer.print(path, guards.statements) };
      }
      case "schema":
        return { path, contents: `${JSON.stringify(emitSchema(doc, options, path), null, 2)}\n` };
    }
  });
  return { files, runtime };
}

const INDEX_FILE = "index.ts";

function indexKinds(options: ResolvedOptions): ("types" | "guards")[] {
  return (["types", "guards"] as const).filter((kind) => options.emit.includes(kind));
}

/** The entries index.ts re-exports files of, each with those files' kinds. */
function exported(entries: readonly IndexEntry[], options: ResolvedOptions) {
  const kinds = indexKinds(options);
  return entries
    .map((entry) => ({ entry, kinds: entry.kinds ?? kinds }))
    .filter((e) => e.kinds.length > 0);
}

/** The path of the shared index file, when the run has one: when it has TypeScript files to re-export. */
export function indexPath(
  entries: readonly IndexEntry[],
  options: ResolvedOptions,
): string | undefined {
  return exported(entries, options).length === 0 ? undefined : INDEX_FILE;
}

/** `index.ts` re-exports every document's TypeScript outputs; `.js` specifiers work under bundlers and nodenext. */
export function indexFile(
  entries: readonly IndexEntry[],
  options: ResolvedOptions,
  printer: Printer,
): OutputFile | undefined {
  const stem = (e: IndexEntry) =>
    e.subfolder === "" ? e.baseName : `${e.subfolder}/${e.baseName}`;
  const sorted = exported(entries, options).sort((a, b) =>
    compareCodeUnits(stem(a.entry), stem(b.entry)),
  );
  if (sorted.length === 0) {
    return undefined;
  }
  const lines = sorted.flatMap(({ entry, kinds }) =>
    kinds.map((kind) => `export * from ${stringLiteral(`./${stem(entry)}.${kind}.js`)};`),
  );
  const uses = sorted.map(({ entry, kinds }) => ({
    stem: stem(entry),
    typeNames: kinds.includes("types") ? entry.resultTypeNames : [],
    guarded: kinds.includes("guards") && entry.guarded,
  }));
  // Names two of those files export as different declarations: index.ts says which one it exports.
  const chosen = resultTypeSources(uses, options.runtime).map(
    ({ name, from }) => `export type { ${name} } from ${stringLiteral(from)};`,
  );
  const banner = bannerComment(sorted.map((e) => e.entry.file));
  return {
    path: INDEX_FILE,
    contents: printer.print(INDEX_FILE, [banner, ...lines, ...chosen]),
  };
}

/** What index.ts needs of a placed document; `file` as the banners name it (see bannerSource). */
export function indexEntry(placed: Placed, outDir: string | undefined): IndexEntry {
  const { model } = placed;
  return {
    baseName: model.baseName,
    subfolder: placed.subfolder,
    file: bannerSource(model.file, outDir),
    resultTypeNames: typeExportNames(model).filter((name) => RESULT_TYPE_NAMES.includes(name)),
    guarded: guardExportNames(model).length > 0,
  };
}

/** Runs the custom emitters over every document; `taken` holds the built-in output paths. */
export function emitCustom(
  emitters: readonly Emitter[],
  placed: readonly Placed[],
  options: ResolvedOptions,
  taken: readonly string[],
  outDir: string | undefined,
): Promise<{ files: OutputFile[]; diagnostics: Diagnostic[] }> {
  const models = placed.map((p) => p.model);
  const subfolders = new Map(placed.map((p) => [p.model, p.subfolder]));
  const context = {
    documents: models,
    options,
    outputSubfolder: (doc: ModelDocument) => subfolders.get(doc) ?? "",
    banner: bannerFor(models, outDir),
  };
  return runEmitters(emitters, context, taken);
}
