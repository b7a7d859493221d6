/**
 * Cross-document checks, run once every input is normalized: two documents may not share an output file
 * (compared case-insensitively, since macOS and Windows fold case) or an exported name. Each error names both.
 */
import type { Diagnostic } from "./diagnostics.js";
import { guardExportNames } from "./emit/guards.js";
import { typeExportNames } from "./emit/types.js";
import type { ModelDocument } from "./model.js";
import { ts } from "./ts-morph.js";

/**
 * What the cross-document checks need of one document, taken from its model once: a run that streams its outputs
 * lets the model go after this and keeps only these few names.
 */
export interface DocumentNames {
  readonly file: string;
  readonly baseName: string;
  /** Declarations whose name is not a TypeScript identifier. */
  readonly unusable: readonly { readonly name: string; readonly pointer: string }[];
  readonly typeExports: readonly string[];
  readonly guardExports: readonly string[];
}

export function namesOf(doc: ModelDocument): DocumentNames {
  const unusable = doc.declarations.filter((d) => !isTypeScriptIdentifier(d.name)).map((d) => ({ name: d.name, pointer: d.pointer }));
  return { file: doc.file, baseName: doc.baseName, unusable, typeExports: typeExportNames(doc), guardExports: guardExportNames(doc) };
}

export function checkNames(documents: readonly DocumentNames[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const bases = new Map<string, DocumentNames>();
  const exports = new Map<string, { doc: DocumentNames; name: string }>();
  for (const doc of documents) {
    const key = doc.baseName.toLowerCase();
    const other = bases.get(key);
    if (other !== undefined) {
      diagnostics.push(collision(doc, `output name "${doc.baseName}" is also the output name of ${other.file}; give one of them another "name"`));
      continue;
    }
    bases.set(key, doc);
    for (const declaration of doc.unusable) {
      const message = `type name "${declaration.name}" is not a valid TypeScript identifier; rename what it comes from`;
      diagnostics.push({ code: "SG_BAD_NAME", severity: "error", message, file: doc.file, pointer: declaration.pointer });
    }
    if (doc.unusable.length > 0) {
      continue;
    }
    for (const name of [...doc.typeExports, ...doc.guardExports]) {
      const previous = exports.get(name);
      if (previous !== undefined) {
        const where = previous.doc === doc ? "this document" : previous.doc.file;
        diagnostics.push(collision(doc, `exported name "${name}" is also exported by ${where}`));
        continue;
      }
      exports.set(name, { doc, name });
    }
  }
  return diagnostics;
}

function collision(doc: DocumentNames, message: string): Diagnostic {
  return { code: "SG_NAME_COLLISION", severity: "error", message, file: doc.file, pointer: "" };
}

/** Names are built from any script's letters; TypeScript's own Unicode tables have the last word. */
function isTypeScriptIdentifier(name: string): boolean {
  const codePoints = [...name].map((ch) => ch.codePointAt(0) ?? 0);
  return (
    codePoints.length > 0 &&
    codePoints.every((cp, i) => (i === 0 ? ts.isIdentifierStart(cp, ts.ScriptTarget.ES2022) : ts.isIdentifierPart(cp, ts.ScriptTarget.ES2022)))
  );
}
