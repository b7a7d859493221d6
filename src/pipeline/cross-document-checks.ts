/**
 * Cross-document checks, run once every input is normalized: two documents may not share an output file
 * (compared case-insensitively, since macOS and Windows fold case) or an exported name. Each error names both.
 */
import { dirname, resolve } from "node:path";
import type { Diagnostic } from "../model/diagnostics.js";
import { guardExportNames } from "../emit/guards.js";
import { typeExportNames } from "../emit/types.js";
import type { ModelDocument } from "../model/model.js";
import type { ResolvedOptions } from "../model/options.js";
import { ts } from "../emit/ts-morph.js";

/**
 * What the cross-document checks need of one document, taken from its model once: a run that streams its outputs
 * lets the model go after this and keeps only these few names.
 */
export interface DocumentNames {
  readonly file: string;
  readonly baseName: string;
  /** The output subfolder the document's files go to ("" for the output folder itself). */
  readonly subfolder: string;
  /** Where the base name comes from: a flat summary's "name", or a Core document's file name. */
  readonly dialect: ModelDocument["dialect"];
  /** Declarations whose name is not a TypeScript identifier. */
  readonly unusable: readonly { readonly name: string; readonly pointer: string }[];
  readonly typeExports: readonly string[];
  readonly guardExports: readonly string[];
  /** For a document an earlier run wrote (earlier-documents.ts): the output folder it wrote its files into. */
  readonly earlierIn?: string;
}

/** `emit`: the run's outputs; only the names index.ts re-exports (those of the emitted types and guards) can clash. */
export function namesOf(
  doc: ModelDocument,
  subfolder: string,
  emit: ResolvedOptions["emit"],
): DocumentNames {
  const unusable = doc.declarations
    .filter((d) => !isTypeScriptIdentifier(d.name))
    .map((d) => ({ name: d.name, pointer: d.pointer }));
  const { file, baseName, dialect } = doc;
  return {
    file,
    baseName,
    subfolder,
    dialect,
    unusable,
    typeExports: emit.includes("types") ? typeExportNames(doc) : [],
    guardExports: emit.includes("guards") ? guardExportNames(doc) : [],
  };
}

export function checkNames(documents: readonly DocumentNames[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const bases = new Map<string, DocumentNames>();
  const exports = new Map<string, { doc: DocumentNames; name: string }>();
  for (const doc of documents) {
    // Documents in different output subfolders share no file; index.ts still re-exports them all, so the exported
    // names below must differ across the whole run.
    const key = `${doc.subfolder}/${doc.baseName}`.toLowerCase();
    const other = bases.get(key);
    if (other !== undefined) {
      const where = doc.subfolder === "" ? "" : ` in ${doc.subfolder}/`;
      diagnostics.push(
        collision(
          doc,
          `output name "${doc.baseName}"${where} is also the output name of ${described(other)}; ${renameAdvice(doc, other)}${replaceAdvice(other)}`,
        ),
      );
      continue;
    }
    bases.set(key, doc);
    for (const declaration of doc.unusable) {
      const message = `type name "${declaration.name}" is not a valid TypeScript identifier; rename what it comes from`;
      diagnostics.push({
        code: "SG_BAD_NAME",
        severity: "error",
        message,
        file: doc.file,
        pointer: declaration.pointer,
      });
    }
    if (doc.unusable.length > 0) {
      continue;
    }
    // One error per document the names clash with (a type and its three guards clash together).
    const clashes = new Map<DocumentNames, string[]>();
    for (const name of [...doc.typeExports, ...doc.guardExports]) {
      const previous = exports.get(name);
      if (previous !== undefined) {
        clashes.set(previous.doc, [...(clashes.get(previous.doc) ?? []), name]);
        continue;
      }
      exports.set(name, { doc, name });
    }
    for (const [previous, names] of clashes) {
      diagnostics.push(collision(doc, exportClash(names, previous === doc ? undefined : previous)));
    }
  }
  return diagnostics;
}

/** A flat summary's output name is its "name"; a Core document's is its file name, so that is what to change. */
function renameAdvice(doc: DocumentNames, other: DocumentNames): string {
  const flat = [doc, other].filter((d) => d.dialect === "flat").length;
  const remedy =
    flat === 2
      ? 'give one of them another "name"'
      : flat === 0
        ? "rename one of the files (a JSON Structure document's output name is its file name)"
        : 'give the flat summary another "name" or rename the JSON Structure document\'s file';
  // Files named one by one all go to the output folder itself; their folders, or a glob, mirror the input tree.
  const apart = doc.subfolder === "" && dirname(resolve(doc.file)) !== dirname(resolve(other.file));
  return `${remedy}${apart ? ", or name their folders (or a glob) as inputs instead, which gives each its own output subfolder" : ""}`;
}

/** A document as the messages name it: an earlier run's says where its files are. */
function described(doc: DocumentNames): string {
  return doc.earlierIn === undefined
    ? doc.file
    : `${doc.file}, whose files an earlier run wrote into ${doc.earlierIn}`;
}

/** What else resolves a collision with an earlier run's document: this run's may be meant to replace it. */
function replaceAdvice(other: DocumentNames): string {
  return other.earlierIn === undefined
    ? ""
    : `, or write into another --out, or, if this document replaces that one, remove that one's files from ${other.earlierIn} (or its input) first`;
}

function exportClash(names: readonly string[], other: DocumentNames | undefined): string {
  const quoted = names.map((name) => `"${name}"`);
  const list =
    quoted.length === 1
      ? `exported name ${quoted[0]} is`
      : `exported names ${quoted.slice(0, -1).join(", ")} and ${quoted.at(-1)} are`;
  if (other === undefined) {
    return `${list} also exported by this document`;
  }
  const why =
    other.earlierIn === undefined
      ? "index.ts re-exports every document's names, so they must differ across a run: rename the type in one of them, or generate the two into separate --out folders"
      : `index.ts re-exports every document the folder holds, so they must differ from those of the documents earlier runs wrote there: rename the type in one of them${replaceAdvice(other)}`;
  return `${list} also exported by ${described(other)} (${why})`;
}

function collision(doc: DocumentNames, message: string): Diagnostic {
  return { code: "SG_NAME_COLLISION", severity: "error", message, file: doc.file, pointer: "" };
}

/** Names are built from any script's letters; TypeScript's own Unicode tables have the last word. */
function isTypeScriptIdentifier(name: string): boolean {
  const codePoints = [...name].map((ch) => ch.codePointAt(0) ?? 0);
  return (
    codePoints.length > 0 &&
    codePoints.every((cp, i) =>
      i === 0
        ? ts.isIdentifierStart(cp, ts.ScriptTarget.ES2022)
        : ts.isIdentifierPart(cp, ts.ScriptTarget.ES2022),
    )
  );
}
