/**
 * The catalog reading, top to bottom: the root's name (names.ts; the run's, when another catalog document claims
 * the same one) -> the document read from its root, its declared types, and the documents of the run it
 * references (reading.ts) -> names assigned once (declarations.ts) -> the model. Exact wherever the file is clear;
 * a positioned warning wherever something is guessed; `--strict` makes those warnings errors.
 * See the README ("Catalog files") for every spelling and what it becomes.
 */
import type { Diagnostic, DiagnosticSink } from "../../model/diagnostics.js";
import type { ModelDocument } from "../../model/model.js";
import { fileStem, toFileSlug } from "../../model/names.js";
import type { ResolvedOptions } from "../../model/options.js";
import { RunIndex } from "../run-index.js";
import { type JsonObject, own } from "../source.js";
import { documentTypeName, ROOT_NAME_KEYS } from "./names.js";
import { CatalogReading } from "./reading.js";

export function readCatalog(
  document: JsonObject,
  file: string,
  sink: DiagnosticSink,
  options: ResolvedOptions,
  index: RunIndex = RunIndex.EMPTY,
): ModelDocument | undefined {
  const rootName = rootNameOf(document, file, sink, index);
  const slug = toFileSlug(fileStem(file));
  if ("problem" in slug) {
    sink.error("SG_BAD_NAME", "", slug.problem);
  }
  if (rootName === undefined || "problem" in slug) {
    return undefined;
  }
  const reading = new CatalogReading(options, index, { file, document, rootName, sink });
  const declarations = reading.run();
  if (declarations === undefined || sink.hasErrors) {
    return undefined;
  }
  const text = (key: string): string | undefined => {
    const raw = own(document, key);
    return typeof raw === "string" && raw.trim() !== "" ? raw : undefined;
  };
  const title = text("title") ?? text("name") ?? text("entity");
  const description = text("description");
  return {
    file,
    baseName: slug.slug,
    dialect: "catalog",
    root: rootName,
    declarations,
    ...(title === undefined ? {} : { title }),
    ...(description === undefined ? {} : { description }),
  };
}

function rootNameOf(
  document: JsonObject,
  file: string,
  sink: DiagnosticSink,
  index: RunIndex,
): string | undefined {
  const inRun = index.rootNameOf(file);
  const own_ = documentTypeName(document, file);
  if (inRun?.sharedWith !== undefined) {
    sink.warning(
      "SG_NAME_DERIVED",
      own_ === undefined || own_.from === "file" ? "" : `/${own_.from}`,
      `${own_?.name ?? "the root type"} is also the root type of ${inRun.sharedWith.join(", ")} in this run; this document's is named ${inRun.name}, after its file`,
    );
  }
  const name = inRun?.name ?? own_?.name;
  if (name === undefined) {
    sink.error(
      "SG_BAD_NAME",
      "",
      `the document has no ${ROOT_NAME_KEYS.join(", ")} or file name with letters or digits to make a type name from`,
    );
  }
  return name;
}

/** `--strict`: every warning of a document read in the catalog reading is an error (notes stay notes). */
export function strictly(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.map((d) =>
    d.severity === "warning"
      ? { ...d, severity: "error", message: `${d.message} (an error under --strict)` }
      : d,
  );
}
